#include "fuzztargets.h"

#include "rules/rulecatalog.h"
#include "url/masking.h"
#include "url/urlcheck.h"
#include "url/urljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <libpq-fe.h>

#include <cstdio>

using namespace Qt::StringLiterals;

// Input: one byte choosing the reading driver (0: guessed from the text), then the connection
// string. Besides "never crashes", the invariant is that no rendering of the result shows the
// password libpq itself reads from the string.
namespace poolproof::fuzz {

namespace {

// A "password" that is also a piece of the catalog's fixed texts (e.g. "{DB_PASSWORD}", which a
// fix text quotes as the reference to use) shows up in those texts whatever the masking does.
bool inCatalogText(const QString &password)
{
    for (const Rule &rule : RuleCatalog::builtin().rules()) {
        for (const QString &text : {rule.title, rule.summary, rule.explanation, rule.fix}) {
            if (text.contains(password) || RuleCatalog::translated(text).contains(password))
                return true;
        }
    }
    return false;
}

} // namespace

namespace {

// The password as libpq's own parser reads it; empty when there is none or libpq rejects the text.
QString libpqPassword(const QByteArray &utf8)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(utf8.constData(), &error);
    PQfreemem(error);
    if (!options)
        return {};
    QString password;
    for (PQconninfoOption *option = options; option->keyword; ++option) {
        if (qstrcmp(option->keyword, "password") == 0 && option->val)
            password = QString::fromUtf8(option->val);
    }
    PQconninfoFree(options);
    return password;
}

void collectStrings(const QJsonValue &value, QStringList &out)
{
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            out << it.key();
            collectStrings(it.value(), out);
        }
    }
}

} // namespace

int urlOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray utf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString text = QString::fromUtf8(utf8);

    UrlAnalysisOptions options;
    if (data[0] != 0) {
        options.context.dialect = static_cast<Dialect>((data[0] - 1) % (int(Dialect::Npgsql) + 1));
        options.context.strong = (data[0] & 0x80) != 0;
    }
    const PolicyContext context;
    UrlSite site;
    site.value.path = u".env"_s;
    site.value.line = 1;
    site.value.column = 1;
    site.key = u"DATABASE_URL"_s;
    const CheckedUrl checked = checkConnectionString(text, options, context, site);
    const QString masked = maskConnectionString(text);
    const QString analysisMasked = checked.analysis.masked();

    QStringList rendered;
    collectStrings(urlAnalysisToJson(checked.analysis, checked.pooler), rendered);
    collectStrings(urlFindingsToJson(checked.findings), rendered);
    for (const Finding &finding : checked.findings)
        rendered << compilerStyleLine(finding);
    rendered << checked.analysis.libpqMessage() << checked.analysis.driverMessage();

    // The check is exact when the password occurs once in the text and the mask cannot make it:
    // every piece of a masked string outside "****" is then a piece of the text outside the
    // password. In longer texts (messages) a short password could be an ordinary word.
    const QString password = libpqPassword(utf8);
    const qsizetype first = password.isEmpty() ? -1 : text.indexOf(password);
    if (first < 0 || text.indexOf(password, first + 1) >= 0 || password.contains(u'*'))
        return 0;
    fuzzCheck(!masked.contains(password), "maskConnectionString hides the password");
    fuzzCheck(!analysisMasked.contains(password), "UrlAnalysis::masked hides the password");
    if (password.size() < 8 || inCatalogText(password))
        return 0;
    for (const QString &line : std::as_const(rendered)) {
        if (line.contains(password))
            std::fprintf(stderr, "password \"%s\" shown in: %s\n", qPrintable(password), qPrintable(line));
        fuzzCheck(!line.contains(password), "no rendering of the check shows the password");
    }
    return 0;
}

} // namespace poolproof::fuzz
