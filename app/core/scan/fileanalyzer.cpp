#include "fileanalyzer.h"

#include "bytesearch.h"
#include "callcontext.h"
#include "lexer/lexer.h"
#include "lineindex.h"
#include "scanresult.h"
#include "sessionwords.h"
#include "sql/pgdump.h"
#include "sqlhit.h"
#include "suppression.h"
#include "url/masking.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QUtf8StringView>

#include <iterator>

namespace poolproof {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::FileAnalyzer)
};

constexpr qsizetype binaryProbe = 8000;
constexpr int maxSnippet = 240;

// Whether "password" occurs in any case. Qt's case-insensitive search folds every character the
// Unicode way; an ASCII line (nearly every snippet) needs only bit 5 of each letter ignored.
bool mentionsPassword(QStringView line)
{
    static constexpr char16_t word[] = u"password";
    constexpr qsizetype length = std::size(word) - 1;
    const char16_t *text = line.utf16();
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (text[i] >= 0x80)
            return line.contains(u"password", Qt::CaseInsensitive);
        if ((text[i] | 0x20) != u'p' || i + length > line.size())
            continue;
        qsizetype k = 1;
        while (k < length && text[i + k] < 0x80 && (text[i + k] | 0x20) == word[k])
            ++k;
        if (k == length)
            return true;
    }
    return false;
}

// A snippet is a line of the audited code, which may hold a connection string with its password:
// each quoted piece and each URL in it goes through the one masking function.
QString withoutPasswords(const QString &line)
{
    if (!line.contains(u"://") && !mentionsPassword(line))
        return line;
    QString result;
    qsizetype pieceBegin = 0;
    const auto flushPiece = [&](qsizetype end) {
        QString piece = line.mid(pieceBegin, end - pieceBegin);
        for (qsizetype at = piece.indexOf(u"://"); at >= 0; at = piece.indexOf(u"://", at + 1)) {
            qsizetype begin = at;
            while (begin > 0
                   && (piece[begin - 1].isLetterOrNumber() || QStringView(u"+.-:").contains(piece[begin - 1])))
                --begin;
            qsizetype finish = at + 3;
            while (finish < piece.size() && !piece[finish].isSpace()
                   && !QStringView(u",;()<>[]{}").contains(piece[finish]))
                ++finish;
            const QString masked = maskConnectionString(QStringView(piece).mid(begin, finish - begin));
            piece.replace(begin, finish - begin, masked);
            at = begin + masked.size() - 1;
        }
        if (mentionsPassword(piece))
            piece = maskConnectionString(piece);
        result += piece;
        pieceBegin = end;
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == u'"' || line[i] == u'\'' || line[i] == u'`') {
            flushPiece(i);
            result += line[i];
            pieceBegin = i + 1;
        }
    }
    flushPiece(line.size());
    return result;
}

bool startsUppercaseKeyword(QByteArrayView text)
{
    qsizetype i = 0;
    while (i < text.size()
           && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '('))
        ++i;
    qsizetype end = i;
    while (end < text.size() && ((text[end] >= 'A' && text[end] <= 'Z') || text[end] == '_'))
        ++end;
    // A whole word in capitals, at least two letters: SET, LISTEN, SELECT, CREATE.
    return end - i >= 2
        && (end == text.size() || !((text[end] >= 'a' && text[end] <= 'z') || (text[end] >= '0' && text[end] <= '9')));
}

// Collects everything one file yields before suppressions and severities are applied.
class FileScan
{
public:
    FileScan(const RuleCatalog &catalog, const PoolerProfile &profile, const SqlRuleMatcher &sqlRules,
             const HostDetectors &hostDetectors, FragmentCache &cache, const TranslatedRuleTexts &texts,
             const QString &path, QByteArrayView bytes)
        : m_catalog(catalog)
        , m_profile(profile)
        , m_sqlRules(sqlRules)
        , m_hostDetectors(hostDetectors)
        , m_cache(cache)
        , m_texts(texts)
        , m_path(path)
        , m_bytes(bytes)
        , m_lines(bytes)
    {
    }

    void run(const LanguageSpec &language);
    QList<Finding> takeFindings();
    QList<ScanNote> takeNotes() { return std::move(m_notes); }

private:
    // Returns the analysis, so that a script can tell whether all of it parsed.
    AnalyzedFragment scanFragment(const SqlFragment &fragment);
    void scanStringLiterals(const LanguageSpec &language, const LexedFile &file);
    void collectSuppressions(const LexedFile &file);
    void report(const Rule &rule, quint32 offset, const QString &subject, Confidence confidence);
    void applySuppressions();
    void quietDumpSessionSettings();

    const RuleCatalog &m_catalog;
    const PoolerProfile &m_profile;
    const SqlRuleMatcher &m_sqlRules;
    const HostDetectors &m_hostDetectors;
    FragmentCache &m_cache;
    const TranslatedRuleTexts &m_texts;
    QString m_path;
    QByteArrayView m_bytes;
    LineIndex m_lines;
    QList<Finding> m_findings;
    QList<ScanNote> m_notes;
    QList<Suppression> m_suppressions;
};

void FileScan::run(const LanguageSpec &language)
{
    const QString id = languageId(language);
    if (id == u"sql") {
        // In a script the lexer only finds the suppression comments: without the marker there
        // are none, and nothing to lex.
        if (containsBytes(m_bytes, "poolproof-ignore")) {
            const LexedFile file = lex(language, m_bytes);
            collectSuppressions(file);
        }
        // Most migrations hold nothing a rule watches: then there is nothing to split or parse.
        if (mayHoldSessionSql(m_bytes)) {
            SqlFragment script;
            script.text = m_bytes.toByteArray();
            script.isScript = true;
            const AnalyzedFragment analyzed = scanFragment(script);
            // A statement that may hold session SQL but did not parse was only checked with the
            // scanner's tokens: say so, its findings carry low confidence.
            if (!analyzed.parsed) {
                m_notes.append({ScanNote::Kind::SqlNotParsed, m_path,
                                Texts::tr("a statement did not parse (%1); it was checked with scanner tokens only")
                                    .arg(analyzed.parseError)});
            }
            if (isPgDumpOutput(m_bytes))
                quietDumpSessionSettings();
        }
    } else {
        const LexedFile file = lex(language, m_bytes);
        collectSuppressions(file);
        scanStringLiterals(language, file);
        const QList<HostHit> hits = m_hostDetectors.run(id, m_bytes, file);
        for (const HostHit &hit : hits)
            report(*hit.rule, hit.offset, hit.subject, Confidence::High);
    }
    applySuppressions();
}

void FileScan::scanStringLiterals(const LanguageSpec &language, const LexedFile &file)
{
    // Cheap test on the raw bytes first: most literals never need decoding, nor the literals
    // concatenated to them worked out.
    const std::vector<LexedRegion> &regions = file.regions;
    std::vector<int> strings;
    std::vector<ByteRange> values;
    strings.reserve(regions.size());
    values.reserve(regions.size());
    for (size_t i = 0; i < regions.size(); ++i) {
        if (regions[i].kind == RegionKind::String) {
            strings.push_back(int(i));
            values.push_back({regions[i].contentBegin, regions[i].contentEnd});
        }
    }
    const std::vector<char> mention = rangesMentioningSessionWords(m_bytes, values);
    std::vector<int> candidates;
    for (size_t k = 0; k < strings.size(); ++k) {
        if (mention[k] && keywordsMayHoldSessionSql(m_bytes.sliced(values[k].begin, values[k].end - values[k].begin)))
            candidates.push_back(strings[k]);
    }
    if (candidates.empty())
        return;
    // The concatenation group of each candidate: the chain of literals joined to it.
    const std::vector<int> previousOf = previousLiterals(file);
    std::vector<int> nextOf(regions.size(), -1);
    for (size_t i = 0; i < previousOf.size(); ++i) {
        if (previousOf[i] >= 0)
            nextOf[size_t(previousOf[i])] = int(i);
    }
    std::vector<std::vector<int>> groups;
    std::vector<bool> grouped(regions.size(), false); // by the group's first literal
    for (const int candidate : candidates) {
        int start = candidate;
        while (previousOf[size_t(start)] >= 0
               && literalsJoin(language, m_bytes, file, previousOf[size_t(start)], start))
            start = previousOf[size_t(start)];
        if (grouped[size_t(start)])
            continue; // a group with two candidates
        grouped[size_t(start)] = true;
        std::vector<int> group {start};
        for (int k = start; nextOf[size_t(k)] >= 0 && literalsJoin(language, m_bytes, file, k, nextOf[size_t(k)]);)
            group.push_back(k = nextOf[size_t(k)]);
        groups.push_back(std::move(group));
    }
    // In source order of their first literal, as the file reads.
    std::sort(groups.begin(), groups.end(),
              [](const std::vector<int> &a, const std::vector<int> &b) { return a.front() < b.front(); });
    for (const std::vector<int> &group : groups) {
        SqlFragment fragment;
        DecodedString decoded = decodeConcatenated(language, m_bytes, file, group);
        fragment.text = std::move(decoded.text);
        fragment.sourceOffsets = std::move(decoded.sourceOffsets);
        if (fragment.sourceOffsets.empty())
            continue;
        // Only SQL counts: a literal passed to a query call or named like a query, or one that
        // is written with its keyword in capitals. "Reset password" in a button is not SQL.
        const CallContext context = callContextOf(m_bytes, file, group.front());
        fragment.inQueryContext = isQueryContext(context);
        if (!fragment.inQueryContext && (isMessageContext(context) || !startsUppercaseKeyword(fragment.text)))
            continue;
        scanFragment(fragment);
    }
}

AnalyzedFragment FileScan::scanFragment(const SqlFragment &fragment)
{
    const AnalyzedFragment analyzed = analyzeFragment(fragment, &m_cache);
    for (qsizetype i = 0; i < analyzed.statements.size(); ++i) {
        const SqlStatement &statement = analyzed.statements.at(i);
        const Confidence confidence = analyzed.confidences.value(i, Confidence::Low);
        // Text that the parser refused, in a literal nobody passes to a query call, is prose far
        // more often than SQL ("SET of a parameter" as a title, "Reset changes" in a catalog):
        // the token fallback speaks only for literals that are queries.
        if (confidence == Confidence::Low && !fragment.isScript && !fragment.inQueryContext)
            continue;
        // Point at the keyword itself, past the whitespace and comments before the statement.
        const qsizetype start = skipSqlTrivia(fragment.text, statement.location);
        const QList<const Rule *> statementRules = m_sqlRules.rulesFor(statement);
        for (const Rule *rule : statementRules)
            report(*rule, fragment.sourceOffset(start), statement.subject, confidence);
        for (const SqlCall &call : statement.calls) {
            const QList<const Rule *> callRules = m_sqlRules.rulesFor(call);
            const QString subject = call.argument.isEmpty() ? call.function : call.argument;
            for (const Rule *rule : callRules)
                report(*rule, fragment.sourceOffset(call.location >= 0 ? call.location : start), subject, confidence);
        }
    }
    return analyzed;
}

void FileScan::collectSuppressions(const LexedFile &file)
{
    for (const LexedRegion &region : file.regions) {
        if (region.kind != RegionKind::Comment)
            continue;
        const QByteArrayView text = m_bytes.sliced(region.begin, region.end - region.begin);
        if (!containsBytes(text, "poolproof-ignore"))
            continue;
        Suppression suppression;
        if (!parseSuppression(text, &suppression))
            continue;
        const qsizetype markerOffset = region.begin + text.indexOf("poolproof-ignore");
        suppression.line = m_lines.line(region.end > region.begin ? region.end - 1 : region.begin);
        suppression.commentLine = m_lines.line(markerOffset);
        suppression.column = m_lines.column(markerOffset);
        m_suppressions.append(suppression);
    }
}

void FileScan::report(const Rule &rule, quint32 offset, const QString &subject, Confidence confidence)
{
    const Severity severity = rule.severityFor(m_profile.id);
    if (severity == Severity::Ok)
        return;
    Finding finding;
    finding.ruleId = rule.id;
    finding.severity = severity;
    finding.confidence = confidence;
    finding.location.path = m_path;
    finding.location.line = m_lines.line(offset);
    finding.location.column = m_lines.column(offset);
    finding.location.endLine = finding.location.line;
    finding.location.endColumn = finding.location.column;
    finding.subject = subject;
    QString snippet = withoutPasswords(QString::fromUtf8(m_lines.lineText(finding.location.line)).trimmed());
    if (snippet.size() > maxSnippet)
        snippet = snippet.left(maxSnippet - 1) + u'…';
    finding.snippet = snippet;
    const auto texts = m_texts.rules.constFind(&rule);
    const QString title = texts != m_texts.rules.cend() ? texts->title : RuleCatalog::translated(rule.title);
    finding.message = subject.isEmpty() ? title : m_texts.titleWithSubject.arg(title, subject);
    finding.fix = texts != m_texts.rules.cend() ? texts->fix : RuleCatalog::translated(rule.fix);
    // The same rule at the same place once only (a statement can match through two paths).
    for (const Finding &existing : std::as_const(m_findings)) {
        if (existing.ruleId == finding.ruleId && existing.location == finding.location)
            return;
    }
    m_findings.append(std::move(finding));
}

void FileScan::quietDumpSessionSettings()
{
    // pg_dump opens its output with the settings its restoring session needs, and psql restores
    // it over a connection of its own. Those findings are kept, suppressed with the reason, so
    // that the report still shows them; a function body's SET is not at a line's start in the
    // dump's layout and stays a finding.
    for (Finding &finding : m_findings) {
        const Rule *rule = m_catalog.rule(finding.ruleId);
        if (!rule || !rule->detect.value(u"quietInDumps").toBool())
            continue;
        if (!isPgDumpSessionLine(m_lines.lineText(finding.location.line)))
            continue;
        finding.suppressed = true;
        finding.suppressionReason
            = Texts::tr("pg_dump output: a setting for the session that restores the dump, which should use a direct "
                        "connection");
    }
}

void FileScan::applySuppressions()
{
    for (const Suppression &suppression : std::as_const(m_suppressions)) {
        for (Finding &finding : m_findings) {
            if (suppression.covers(finding.ruleId, finding.location.line)) {
                finding.suppressed = true;
                finding.suppressionReason = suppression.reason;
            }
        }
        const auto meta = [&](const QString &ruleId, const QString &subject) {
            const Rule *rule = m_catalog.rule(ruleId);
            if (!rule)
                return;
            Finding finding;
            finding.ruleId = ruleId;
            finding.severity = rule->severityFor(m_profile.id);
            finding.location
                = {m_path, suppression.commentLine, suppression.column, suppression.commentLine, suppression.column};
            finding.snippet = withoutPasswords(QString::fromUtf8(m_lines.lineText(suppression.commentLine)).trimmed())
                                  .left(maxSnippet);
            finding.subject = subject;
            finding.message = Texts::tr("%1: %2").arg(RuleCatalog::translated(rule->title), subject);
            finding.fix = RuleCatalog::translated(rule->fix);
            m_findings.append(finding);
        };
        if (suppression.reason.isEmpty())
            meta(QStringLiteral("PB900"), suppression.ruleIds.join(QStringLiteral(", ")));
        for (const QString &ruleId : suppression.ruleIds) {
            if (!m_catalog.rule(ruleId))
                meta(QStringLiteral("PB901"), ruleId);
        }
    }
}

QList<Finding> FileScan::takeFindings()
{
    return std::move(m_findings);
}

} // namespace

TranslatedRuleTexts::TranslatedRuleTexts(const RuleCatalog &catalog)
    : titleWithSubject(Texts::tr("%1: %2"))
{
    for (const Rule &rule : catalog.rules())
        rules.insert(&rule, {RuleCatalog::translated(rule.title), RuleCatalog::translated(rule.fix)});
}

FileAnalyzer::FileAnalyzer(const RuleCatalog &catalog, const PoolerProfile &profile,
                           const ProjectDependencies &dependencies, qint64 maxFileSize)
    : m_catalog(catalog)
    , m_profile(profile)
    , m_sqlRules(catalog, profile)
    , m_hostDetectors(catalog.rules(), dependencies)
    , m_maxFileSize(maxFileSize)
    , m_texts(catalog)
{
}

FileResult FileAnalyzer::analyze(const SourceFile &file) const
{
    FileReader reader;
    return analyze(file, reader);
}

FileResult FileAnalyzer::analyze(const SourceFile &file, FileReader &reader) const
{
    const LanguageSpec *language = languageForFileName(file.relativePath);
    if (!language)
        return {};
    return analyze(file, reader, *language);
}

FileResult FileAnalyzer::analyze(const SourceFile &file, FileReader &reader, const LanguageSpec &language) const
{
    FileResult result;
    reader.clear();
    if (file.size > m_maxFileSize) {
        result.notes.append({ScanNote::Kind::TooLarge, file.relativePath,
                             Texts::tr("skipped: %1 MB is over the %2 MB limit")
                                 .arg(double(file.size) / (1024 * 1024), 0, 'f', 1)
                                 .arg(m_maxFileSize / (1024 * 1024))});
        return result;
    }
    // Read no more than the cap even if the file grew after it was listed.
    switch (reader.read(file.absolutePath, m_maxFileSize, file.size)) {
    case FileReader::Status::Unreadable:
        result.notes.append(
            {ScanNote::Kind::Unreadable, file.relativePath, Texts::tr("cannot be read: %1").arg(reader.errorString())});
        return result;
    case FileReader::Status::TooLarge:
        result.notes.append({ScanNote::Kind::TooLarge, file.relativePath,
                             Texts::tr("skipped: it grew over the size limit while being read")});
        return result;
    case FileReader::Status::Empty:
    case FileReader::Status::Ok: break;
    }
    return analyzeText(file.relativePath, reader.bytes(), language);
}

FileResult FileAnalyzer::analyzeText(const QString &relativePath, QByteArrayView bytes) const
{
    const LanguageSpec *language = languageForFileName(relativePath);
    if (!language) {
        FileResult result;
        result.bytes = bytes.size();
        return result;
    }
    return analyzeText(relativePath, bytes, *language);
}

FileResult FileAnalyzer::analyzeText(const QString &relativePath, QByteArrayView bytes,
                                     const LanguageSpec &language) const
{
    FileResult result;
    result.bytes = bytes.size();
    if (bytes.first(std::min(bytes.size(), binaryProbe)).contains('\0')) {
        result.notes.append({ScanNote::Kind::Binary, relativePath, Texts::tr("skipped: binary content (NUL bytes)")});
        return result;
    }
    if (!QUtf8StringView(bytes.data(), bytes.size()).isValidUtf8()) {
        result.notes.append({ScanNote::Kind::InvalidUtf8, relativePath,
                             Texts::tr("not valid UTF-8: scanned as bytes, columns may be off")});
    }
    FileScan scan(m_catalog, m_profile, m_sqlRules, m_hostDetectors, m_cache, m_texts, relativePath, bytes);
    scan.run(language);
    result.findings = scan.takeFindings();
    result.notes += scan.takeNotes();
    // Sorted and fingerprinted here, in the worker: a file's findings are all of its path's, so
    // finalizeFindings() over the whole scan only has to merge them.
    finalizeFindings(result.findings);
    return result;
}

} // namespace poolproof
