#include "rulereference.h"

#include "markdown.h"

#include "rules/rulecatalog.h"
#include "sql/sqlparser.h"
#include "sql/sqltokens.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace poolproof::ruledoc {

namespace {

const QString generatedNote
    = u"<!-- Generated from resources/rules/*.json by poolproof-ruledoc. Do not edit: change the "
      "catalog and run `cmake --build BUILD_DIR --target ruledoc`. -->\n\n"_s;

// Language ids of the lexer (a rule's detect.languages) and the fence tags Markdown renderers know.
QString fenceTag(const QString &languageId)
{
    static const QHash<QString, QString> tags {
        {u"typescript"_s, u"ts"_s}, {u"javascript"_s, u"js"_s}, {u"csharp"_s, u"csharp"_s}, {u"python"_s, u"python"_s},
        {u"ruby"_s, u"ruby"_s},     {u"go"_s, u"go"_s},         {u"java"_s, u"java"_s},     {u"kotlin"_s, u"kotlin"_s},
        {u"php"_s, u"php"_s},       {u"rust"_s, u"rust"_s},     {u"elixir"_s, u"elixir"_s}, {u"sql"_s, u"sql"_s},
    };
    return tags.value(languageId, languageId);
}

bool looksLikeSql(const QString &example)
{
    if (example.startsWith(u"--"))
        return true;
    // The catalog writes "…" for the parts an example leaves out; a placeholder identifier keeps
    // such an example parseable ("VALUES (…)", "BEGIN; …; COMMIT").
    QString text = example;
    text.replace(u'…', u'x');
    const QByteArray utf8 = text.toUtf8();
    const QList<SqlRange> ranges = splitStatements(utf8);
    const QByteArray first
        = ranges.isEmpty() ? utf8 : utf8.mid(ranges.first().begin, ranges.first().end - ranges.first().begin);
    const SqlParseResult result = parseSql(first);
    return result.ok() && !result.statements.isEmpty();
}

QString severityCell(Severity severity)
{
    return severity == Severity::Ok ? u"ok (not reported)"_s : severityId(severity);
}

QString rulePage(const Rule &rule, const RuleCatalog &catalog)
{
    QString page = generatedNote;
    page += u"# "_s + rule.id + u": "_s + escapedProse(rule.title) + u"\n\n"_s;
    page += u"Category: "_s + codeSpan(rule.category) + u"\n\n"_s;
    page += escapedProse(rule.summary) + u"\n\n"_s;

    page += u"## Severity per pooler profile\n\n"_s;
    page += u"| Pooler profile | Profile id | Severity |\n| --- | --- | --- |\n"_s;
    for (const PoolerProfile &profile : catalog.profiles()) {
        const QString name = profile.isDefault ? profile.name + u" (default profile)"_s : profile.name;
        page += u"| "_s + tableCell(name) + u" | "_s + codeSpan(profile.id) + u" | "_s
            + severityCell(rule.severityFor(profile.id)) + u" |\n"_s;
    }
    page += u'\n';

    if (!rule.explanation.isEmpty())
        page += u"## Why it matters\n\n"_s + escapedProse(rule.explanation) + u"\n\n"_s;
    if (!rule.fix.isEmpty())
        page += u"## Fix\n\n"_s + escapedProse(rule.fix) + u"\n\n"_s;
    if (!rule.failingExample.isEmpty())
        page += u"## Failing example\n\n"_s + codeBlock(rule.failingExample, exampleLanguage(rule, rule.failingExample))
            + u'\n';
    if (!rule.fixedExample.isEmpty())
        page += u"## Fixed example\n\n"_s + codeBlock(rule.fixedExample, exampleLanguage(rule, rule.fixedExample))
            + u'\n';

    page += u"## Error messages it explains\n\n"_s;
    if (rule.symptoms.isEmpty()) {
        page += u"The catalog records no error message for this rule.\n\n"_s;
    } else {
        for (const QString &symptom : rule.symptoms)
            page += u"- "_s + codeSpan(symptom) + u'\n';
        page += u'\n';
    }

    if (!rule.references.isEmpty()) {
        page += u"## References\n\n"_s;
        for (const RuleReference &reference : rule.references)
            page += u"- "_s + link(reference.title, reference.url) + u'\n';
        page += u'\n';
    }
    page += u"[All rules](README.md)\n"_s;
    return page;
}

QString indexPage(const RuleCatalog &catalog)
{
    const PoolerProfile &defaultProfile = catalog.defaultProfile();
    QString page = generatedNote;
    page += u"# Rule reference\n\n"_s;
    page += u"Every rule PoolProof checks, one page each: what it finds, why it matters behind a transaction-mode "
            "pooler, how severe it is on each pooler profile, a failing and a fixed example, the error messages it "
            "explains, and references. Severities in the tables below are those of the default profile, "_s
        + escapedProse(defaultProfile.name) + u" ("_s + codeSpan(defaultProfile.id) + u").\n\n"_s;

    QStringList categories;
    for (const Rule &rule : catalog.rules()) {
        if (!categories.contains(rule.category))
            categories << rule.category;
    }
    for (const QString &category : std::as_const(categories)) {
        page += u"## "_s + codeSpan(category) + u"\n\n"_s;
        page += u"| Rule | Title | Severity |\n| --- | --- | --- |\n"_s;
        for (const Rule &rule : catalog.rules()) {
            if (rule.category != category)
                continue;
            page += u"| "_s + link(rule.id, rule.id + u".md"_s) + u" | "_s + tableCell(rule.title) + u" | "_s
                + severityCell(rule.severityFor(defaultProfile.id)) + u" |\n"_s;
        }
        page += u'\n';
    }

    page += u"## Pooler profiles\n\n"_s;
    page += u"Choose one with `--pooler ID` on the command line, in the application's settings, or with the "
            "project file's `pooler` key.\n\n"_s;
    page += u"| Profile id | Name | What it keeps in transaction mode |\n| --- | --- | --- |\n"_s;
    for (const PoolerProfile &profile : catalog.profiles()) {
        page += u"| "_s + codeSpan(profile.id) + u" | "_s + tableCell(profile.name) + u" | "_s
            + tableCell(profile.description) + u" |\n"_s;
    }
    return page;
}

} // namespace

QString exampleLanguage(const Rule &rule, const QString &example)
{
    // A detector that reads one language shows its examples in it; one that reads several (a URL
    // in shell, YAML or properties files) does not say which one an example is written in.
    const QJsonArray languages = rule.detect.value(u"languages").toArray();
    if (languages.size() == 1)
        return fenceTag(languages.first().toString());
    if (looksLikeSql(example))
        return u"sql"_s;
    // The session-state rules show their host code with node-postgres, the README's own example.
    if (example.contains(u"await "))
        return u"js"_s;
    return u"text"_s;
}

QList<Page> ruleReference(const RuleCatalog &catalog)
{
    QList<Page> pages;
    for (const Rule &rule : catalog.rules())
        pages.append({rule.id + u".md"_s, rulePage(rule, catalog)});
    pages.append({u"README.md"_s, indexPage(catalog)});
    return pages;
}

} // namespace poolproof::ruledoc
