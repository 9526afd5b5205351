#include "sqlhit.h"

#include "fragmentcache.h"
#include "sessionwords.h"
#include "sql/sqlparser.h"
#include "sql/sqlsplit.h"
#include "sql/sqltokens.h"

#include <algorithm>

#include <cstring>

namespace poolproof {

namespace {

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Replaces positional parameters with identifiers: the second try for fragments whose
// interpolations stand where PostgreSQL expects a name (SET search_path TO ${schema}).
// backMap receives, for each byte of the result, its offset in text.
QByteArray parametersAsIdentifiers(const QByteArray &text, std::vector<quint32> *backMap)
{
    static constexpr QByteArrayView prefix = "pp_param_";
    QByteArray out;
    out.reserve(text.size() + 16);
    backMap->clear();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9'
            && (i == 0 || !isWordChar(text[i - 1]))) {
            out.append(prefix);
            backMap->insert(backMap->end(), size_t(prefix.size()), quint32(i));
            continue; // the digits follow as part of the identifier
        }
        out.append(text[i]);
        backMap->push_back(quint32(i));
    }
    return out;
}

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Rewrites the placeholders drivers use (psycopg's %s and %(name)s, JDBC's ?, named :name and
// @name) as PostgreSQL's $n, so that the parser accepts the statement. backMap as above.
QByteArray normalizePlaceholders(const QByteArray &text, std::vector<quint32> *backMap)
{
    QByteArray out;
    out.reserve(text.size() + 16);
    backMap->clear();
    int number = 0;
    bool inQuote = false;
    const auto emitParameter = [&](qsizetype at) {
        const QByteArray parameter = '$' + QByteArray::number(++number);
        out.append(parameter);
        backMap->insert(backMap->end(), size_t(parameter.size()), quint32(at));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        const char previous = i > 0 ? text[i - 1] : '\0';
        if (c == '\'') {
            inQuote = !inQuote;
        } else if (!inQuote && c == '%' && (next == 's' || next == 'b' || next == 't')) {
            emitParameter(i);
            ++i;
            continue;
        } else if (!inQuote && c == '%' && next == '(') {
            const qsizetype close = text.indexOf(')', i);
            if (close > 0 && close + 1 < text.size() && text[close + 1] == 's') {
                emitParameter(i);
                i = close + 1;
                continue;
            }
        } else if (!inQuote && c == '?' && next != '|' && next != '&' && next != '?' && previous != '?') {
            emitParameter(i);
            continue;
        } else if (!inQuote && (c == ':' || c == '@') && isIdentStart(next) && previous != ':'
                   && !isWordChar(previous)) {
            qsizetype end = i + 1;
            while (end < text.size() && isWordChar(text[end]))
                ++end;
            emitParameter(i);
            i = end - 1;
            continue;
        }
        out.append(c);
        backMap->push_back(quint32(i));
    }
    return out;
}

} // namespace

namespace {

// What a byte means to the keyword test.
enum class ByteClass : quint8 {
    Other, // ends a statement start
    Word, // part of a word
    Space, // keeps a statement start
    StatementStart, // ';' and '(' begin one
    CommentStart, // '-' and '/': maybe a comment
};

// Byte classes for the keyword test, and the lower-case form of each byte.
struct ByteTables {
    ByteClass kind[256] = {};
    bool word[256] = {};
    uchar lower[256] = {};
    constexpr ByteTables()
    {
        for (int c = 0; c < 256; ++c) {
            word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            kind[c] = word[c] ? ByteClass::Word : ByteClass::Other;
            lower[c] = uchar(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        for (const char c : {' ', '\t', '\n', '\r'})
            kind[uchar(c)] = ByteClass::Space;
        // '$' too: a dollar-quoted function body or DO block begins with a statement.
        kind[uchar(';')] = kind[uchar('(')] = kind[uchar('$')] = ByteClass::StatementStart;
        kind[uchar('-')] = kind[uchar('/')] = ByteClass::CommentStart;
    }
};
constexpr ByteTables byteTable;

// Whether the word at w (n bytes) is keyword, ignoring case; keyword is lower case.
bool wordIs(const uchar *w, qsizetype n, QByteArrayView keyword)
{
    if (n != keyword.size())
        return false;
    for (qsizetype k = 0; k < n; ++k) {
        if (byteTable.lower[w[k]] != uchar(keyword[k]))
            return false;
    }
    return true;
}

// Whether "advisory" occurs in the first 24 bytes of a word (longer words count by their start).
bool mentionsAdvisory(const uchar *w, qsizetype n)
{
    static constexpr QByteArrayView needle = "advisory";
    const qsizetype limit = std::min<qsizetype>(n, 24) - needle.size();
    for (qsizetype at = 0; at <= limit; ++at) {
        if (byteTable.lower[w[at]] == 'a' && wordIs(w + at, needle.size(), needle))
            return true;
    }
    return false;
}

bool isStatementKeyword(const uchar *w, qsizetype n)
{
    switch (n) {
    case 3: return wordIs(w, n, "set");
    case 4: return wordIs(w, n, "load");
    case 5: return wordIs(w, n, "reset");
    case 6: return wordIs(w, n, "listen");
    case 7:
        return wordIs(w, n, "prepare") || wordIs(w, n, "execute") || wordIs(w, n, "discard") || wordIs(w, n, "declare");
    case 8: return wordIs(w, n, "unlisten");
    case 10: return wordIs(w, n, "deallocate");
    default: return false;
    }
}

} // namespace

bool keywordsMayHoldSessionSql(QByteArrayView text)
{
    // One pass over the words: statement keywords count at the start of a statement, the
    // session functions anywhere, and CREATE/SELECT/WITH only together with TEMP(ORARY).
    bool atStatementStart = true;
    bool needTemp = false;
    bool sawTemp = false;
    const auto *p = reinterpret_cast<const uchar *>(text.data());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        const uchar c = p[i];
        switch (byteTable.kind[c]) {
        case ByteClass::Word: break;
        case ByteClass::Space: ++i; continue;
        case ByteClass::StatementStart:
            atStatementStart = true;
            ++i;
            continue;
        case ByteClass::CommentStart:
            // Comments keep the statement start: "-- note\nSET x" still begins with SET.
            if (c == '-' && i + 1 < size && p[i + 1] == '-') {
                const qsizetype newline = text.indexOf('\n', i);
                i = newline < 0 ? size : newline + 1;
                continue;
            }
            if (c == '/' && i + 1 < size && p[i + 1] == '*') {
                const qsizetype close = text.indexOf("*/", i + 2);
                i = close < 0 ? size : close + 2;
                continue;
            }
            atStatementStart = false;
            ++i;
            continue;
        case ByteClass::Other:
            atStatementStart = false;
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < size && byteTable.word[p[end]])
            ++end;
        const uchar *w = p + i;
        const qsizetype n = end - i;
        i = end;
        const bool start = atStatementStart;
        atStatementStart = false;
        // By length first: most words are none of these lengths' keywords after one comparison.
        switch (n) {
        case 3:
            if (start && wordIs(w, n, "set"))
                return true;
            break;
        case 4:
            if (wordIs(w, n, "temp"))
                sawTemp = true;
            else if (start && wordIs(w, n, "load"))
                return true;
            else if (start && wordIs(w, n, "with"))
                needTemp = true;
            else if (wordIs(w, n, "then") || wordIs(w, n, "else") || wordIs(w, n, "loop"))
                atStatementStart = true; // PL/pgSQL: a statement follows
            break;
        case 5:
            if (start && wordIs(w, n, "reset"))
                return true;
            if (wordIs(w, n, "begin"))
                atStatementStart = true;
            break;
        case 6:
            if (start && wordIs(w, n, "listen"))
                return true;
            if (start && (wordIs(w, n, "create") || wordIs(w, n, "select")))
                needTemp = true;
            break;
        case 7:
            if (wordIs(w, n, "currval") || wordIs(w, n, "lastval"))
                return true;
            if (start && isStatementKeyword(w, n))
                return true;
            break;
        case 8:
            if (mentionsAdvisory(w, n) || (start && wordIs(w, n, "unlisten")))
                return true;
            break;
        case 9:
            if (mentionsAdvisory(w, n))
                return true;
            if (wordIs(w, n, "temporary"))
                sawTemp = true;
            break;
        case 10:
            if (mentionsAdvisory(w, n) || wordIs(w, n, "set_config") || (start && wordIs(w, n, "deallocate")))
                return true;
            break;
        default:
            if (n > 10 && mentionsAdvisory(w, n))
                return true;
        }
    }
    return needTemp && sawTemp;
}

bool mayHoldSessionSql(QByteArrayView text)
{
    return mentionsSessionWord(text) && keywordsMayHoldSessionSql(text);
}

bool mayHoldSessionSql(QByteArrayView buffer, qsizetype begin, qsizetype end)
{
    return mentionsSessionWord(buffer, begin, end) && keywordsMayHoldSessionSql(buffer.sliced(begin, end - begin));
}

qsizetype skipSqlTrivia(QByteArrayView text, qsizetype from)
{
    qsizetype i = std::max<qsizetype>(0, from);
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            ++i;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            const qsizetype end = text.indexOf('\n', i);
            i = end < 0 ? text.size() : end + 1;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            // PostgreSQL block comments nest.
            int depth = 0;
            do {
                if (text[i] == '/' && i + 1 < text.size() && text[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (depth > 0 && i < text.size());
        } else {
            break;
        }
    }
    return std::min(i, text.size());
}

namespace {

// One per statement: what the parser made of the text, but low for a statement built at run time
// (only its constant parts were read).
QList<Confidence> confidencesOf(const QList<SqlStatement> &statements, Confidence parsed)
{
    QList<Confidence> confidences;
    confidences.reserve(statements.size());
    for (const SqlStatement &statement : statements)
        confidences.append(statement.dynamic ? Confidence::Low : parsed);
    return confidences;
}

void shiftLocations(QList<SqlStatement> &statements, int by)
{
    for (SqlStatement &statement : statements) {
        statement.location += by;
        for (SqlCall &call : statement.calls) {
            if (call.location >= 0) // -1: unknown, reported at the statement
                call.location += by;
        }
    }
}

// One piece of a script, cut at semicolons: libpg_query's scanner splits it exactly (a piece
// with only comments holds no statement), and each statement that may matter is parsed.
AnalyzedFragment analyzeScriptPiece(const QByteArray &piece)
{
    AnalyzedFragment out;
    const QList<SqlRange> ranges = splitStatements(piece);
    for (const SqlRange &range : ranges) {
        if (!mayHoldSessionSql(piece, range.begin, range.end))
            continue;
        const QByteArray statementText = piece.sliced(range.begin, range.end - range.begin);
        SqlParseResult one = parseSql(statementText);
        QList<SqlStatement> statements = one.ok() ? one.statements : classifyByTokens(statementText);
        const Confidence confidence = one.ok() ? Confidence::High : Confidence::Low;
        if (!one.ok()) {
            out.parsed = false;
            out.parseError = one.error->message;
        }
        shiftLocations(statements, range.begin);
        out.statements += statements;
        out.confidences += confidencesOf(statements, confidence);
    }
    return out;
}

AnalyzedFragment analyzeScript(const SqlFragment &fragment, FragmentCache *cache)
{
    AnalyzedFragment out;
    // A script: cut it at its semicolons in one pass and hand only the pieces that may matter to
    // the parser, so that a migration full of CREATE TABLE and INSERT costs a scan, not a parse
    // per statement.
    const QList<SqlRange> ranges = splitAtSemicolons(fragment.text);
    std::vector<ByteRange> pieces;
    pieces.reserve(size_t(ranges.size()));
    for (const SqlRange &range : ranges)
        pieces.push_back({range.begin, range.end});
    const std::vector<char> mention = rangesMentioningSessionWords(fragment.text, pieces);
    for (qsizetype k = 0; k < ranges.size(); ++k) {
        const SqlRange &range = ranges.at(k);
        const QByteArrayView rough = QByteArrayView(fragment.text).sliced(range.begin, range.end - range.begin);
        if (!mention[size_t(k)] || !keywordsMayHoldSessionSql(rough))
            continue;
        // Comments and blank lines before a statement change nothing but its offset: without
        // them the same statement in another script is the same piece.
        const qsizetype lead = skipSqlTrivia(rough, 0);
        const QByteArray piece = rough.sliced(lead).toByteArray();
        std::optional<AnalyzedFragment> analyzed
            = cache ? cache->find(FragmentCache::Kind::ScriptPiece, piece) : std::nullopt;
        if (!analyzed) {
            analyzed = analyzeScriptPiece(piece);
            if (cache)
                cache->insert(FragmentCache::Kind::ScriptPiece, piece, *analyzed);
        }
        shiftLocations(analyzed->statements, int(range.begin + lead));
        out.statements += analyzed->statements;
        out.confidences += analyzed->confidences;
        if (!analyzed->parsed) {
            out.parsed = false;
            out.parseError = analyzed->parseError;
        }
    }
    return out;
}

AnalyzedFragment analyzeLiteral(const QByteArray &text)
{
    AnalyzedFragment out;
    SqlParseResult parsed = parseSql(text);
    if (parsed.ok()) {
        out.statements = parsed.statements;
        out.confidences = confidencesOf(out.statements, Confidence::High);
        return out;
    }
    out.parseError = parsed.error->message;
    // Driver placeholders, then interpolations in name positions (SET search_path TO
    // ${schema}): try again with parameters, then with identifiers in their place.
    std::vector<quint32> placeholderMap;
    const QByteArray normalized = normalizePlaceholders(text, &placeholderMap);
    std::vector<quint32> identifierMap;
    const QByteArray identifiers = parametersAsIdentifiers(normalized, &identifierMap);
    const auto mapped = [](const std::vector<quint32> &map, int offset) {
        return map.empty() ? offset : int(map[std::min(size_t(std::max(offset, 0)), map.size() - 1)]);
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        const QByteArray &candidate = attempt == 0 ? normalized : identifiers;
        if (candidate == text || (attempt == 1 && identifiers == normalized))
            continue;
        parsed = parseSql(candidate);
        if (!parsed.ok())
            continue;
        const auto back
            = [&](int offset) { return mapped(placeholderMap, attempt == 0 ? offset : mapped(identifierMap, offset)); };
        out.statements = parsed.statements;
        for (SqlStatement &statement : out.statements) {
            statement.location = back(statement.location);
            for (SqlCall &call : statement.calls)
                call.location = back(call.location);
            if (attempt == 1) {
                // A name that came from an interpolation is shown as the parameter it stands
                // for, not as the stand-in identifier: LISTEN ${channel} names "$1".
                statement.subject.replace(QStringLiteral("pp_param_"), QStringLiteral("$"));
                for (SqlCall &call : statement.calls)
                    call.argument.replace(QStringLiteral("pp_param_"), QStringLiteral("$"));
            }
        }
        out.confidences = confidencesOf(out.statements, Confidence::High);
        return out;
    }
    out.statements = classifyByTokens(text);
    out.confidences = QList<Confidence>(out.statements.size(), Confidence::Low);
    out.parsed = false;
    return out;
}

} // namespace

AnalyzedFragment analyzeFragment(const SqlFragment &fragment, FragmentCache *cache)
{
    if (fragment.isScript)
        return analyzeScript(fragment, cache);
    if (cache) {
        if (std::optional<AnalyzedFragment> known = cache->find(FragmentCache::Kind::Literal, fragment.text))
            return *known;
    }
    AnalyzedFragment analyzed = analyzeLiteral(fragment.text);
    if (cache)
        cache->insert(FragmentCache::Kind::Literal, fragment.text, analyzed);
    return analyzed;
}

} // namespace poolproof
