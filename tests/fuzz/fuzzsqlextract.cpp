#include "fuzztargets.h"

#include "lexer/languagespec.h"
#include "rules/rulecatalog.h"
#include "scan/fileanalyzer.h"
#include "scan/sqlhit.h"
#include "sql/sqlparser.h"
#include "sql/sqltokens.h"

#include <QString>

using namespace Qt::StringLiterals;

// Input: one byte of choices, then the text. The text goes through the path a string literal's
// value takes (analyzeFragment: parse, split, scanner tokens) and the scanner's primitives on
// their own, then through the whole per-file analysis as a file of the chosen language.
namespace poolproof::fuzz {

namespace {

QLatin1StringView latin1(std::string_view text)
{
    return QLatin1StringView(text.data(), qsizetype(text.size()));
}

// A file name the analyzer reads as this language.
QString fileNameFor(const LanguageSpec &language)
{
    if (!language.extensions[0].empty())
        return u"fuzz/input."_s + latin1(language.extensions[0]);
    if (!language.fileNames[0].empty())
        return u"fuzz/"_s + latin1(language.fileNames[0]);
    return u"fuzz/"_s + latin1(language.fileNamePrefixes[0]) + u"fuzz"_s;
}

void checkStatements(const QList<SqlStatement> &statements, qsizetype textSize)
{
    for (const SqlStatement &statement : statements)
        fuzzCheck(statement.location >= 0 && statement.length >= 0
                      && qsizetype(statement.location) + statement.length <= textSize,
                  "statement ranges lie inside the text");
}

} // namespace

int sqlExtractOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::uint8_t choices = data[0];
    const QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    SqlFragment fragment;
    fragment.text = text;
    fragment.isScript = (choices & 0x01) != 0;
    fragment.inQueryContext = (choices & 0x02) != 0;
    const AnalyzedFragment analyzed = analyzeFragment(fragment);
    fuzzCheck(analyzed.confidences.size() == analyzed.statements.size(), "one confidence per statement");

    const SqlParseResult parsed = parseSql(text);
    if (parsed.ok())
        checkStatements(parsed.statements, text.size());
    int previousEnd = 0;
    for (const SqlRange &range : splitStatements(text)) {
        fuzzCheck(range.begin >= previousEnd && range.begin <= range.end && range.end <= text.size(),
                  "split ranges are ordered and inside the text");
        previousEnd = range.end;
    }
    checkStatements(classifyByTokens(text), text.size());

    const std::span<const LanguageSpec> languages = allLanguages();
    const LanguageSpec &language = languages[(choices >> 2) % languages.size()];
    const RuleCatalog &catalog = RuleCatalog::builtin();
    // A fresh analyzer for every input: its cache of analysed SQL must not make one input's
    // result depend on the inputs before it. It keeps a reference to the dependencies.
    static const ProjectDependencies noDependencies;
    const FileAnalyzer analyzer(catalog, catalog.defaultProfile(), noDependencies, 1 << 24);
    const FileResult result = analyzer.analyzeText(fileNameFor(language), text);
    for (const Finding &finding : result.findings)
        fuzzCheck(finding.location.line >= 1 && finding.location.column >= 1, "findings have a place");
    return 0;
}

} // namespace poolproof::fuzz
