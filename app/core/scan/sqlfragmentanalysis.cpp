#include "sqlhit.h"

#include "sql/sqlparser.h"
#include "sql/sqltokens.h"

#include <cstring>

namespace poolproof {

namespace {

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

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
        } else if (!inQuote && (c == ':' || c == '@') && isIdentStart(next) && previous != ':' && !isWordChar(previous)) {
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

bool mayHoldSessionSql(QByteArrayView text)
{
    // One pass over the words: statement keywords count at the start of a statement, the
    // session functions anywhere, and CREATE/SELECT/WITH only together with TEMP(ORARY).
    bool atStatementStart = true;
    bool needTemp = false;
    bool sawTemp = false;
    char word[24];
    for (qsizetype i = 0; i < text.size();) {
        const char c = text[i];
        // Comments keep the statement start: "-- note\nSET x" still begins with SET.
        if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            const qsizetype newline = text.indexOf('\n', i);
            i = newline < 0 ? text.size() : newline + 1;
            continue;
        }
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            const qsizetype close = text.indexOf("*/", i + 2);
            i = close < 0 ? text.size() : close + 2;
            continue;
        }
        if (!isWordChar(c)) {
            if (c == ';' || c == '(')
                atStatementStart = true;
            else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                atStatementStart = false;
            ++i;
            continue;
        }
        qsizetype end = i;
        qsizetype length = 0;
        while (end < text.size() && isWordChar(text[end])) {
            if (length < qsizetype(sizeof word))
                word[length++] = lower(text[end]);
            ++end;
        }
        const QByteArrayView w(word, std::min<qsizetype>(end - i, qsizetype(sizeof word)));
        if (w.contains("advisory") || w == "set_config" || w == "currval" || w == "lastval")
            return true;
        if (w == "temp" || w == "temporary")
            sawTemp = true;
        if (atStatementStart) {
            if (w == "set" || w == "reset" || w == "listen" || w == "unlisten" || w == "prepare" || w == "execute"
                || w == "deallocate" || w == "discard" || w == "declare" || w == "load")
                return true;
            if (w == "create" || w == "select" || w == "with")
                needTemp = true;
        }
        atStatementStart = false;
        i = end;
    }
    return needTemp && sawTemp;
}

namespace {

AnalyzedFragment analyzeScript(const SqlFragment &fragment)
{
    AnalyzedFragment out;
    // A script: split it with the scanner and parse only the statements that may matter, so
    // that a migration full of CREATE TABLE and INSERT costs a scan, not a parse per statement.
    const QList<SqlRange> ranges = splitStatements(fragment.text);
    for (const SqlRange &range : ranges) {
        const QByteArray piece = fragment.text.sliced(range.begin, range.end - range.begin);
        if (!mayHoldSessionSql(piece))
            continue;
        SqlParseResult one = parseSql(piece);
        QList<SqlStatement> statements = one.ok() ? one.statements : classifyByTokens(piece);
        const Confidence confidence = one.ok() ? Confidence::High : Confidence::Low;
        if (!one.ok()) {
            out.parsed = false;
            out.parseError = one.error->message;
        }
        for (SqlStatement &statement : statements) {
            statement.location += range.begin;
            for (SqlCall &call : statement.calls)
                call.location += range.begin;
            out.statements.append(statement);
            out.confidences.append(confidence);
        }
    }
    return out;
}

} // namespace

AnalyzedFragment analyzeFragment(const SqlFragment &fragment)
{
    if (fragment.isScript)
        return analyzeScript(fragment);
    AnalyzedFragment out;
    SqlParseResult parsed = parseSql(fragment.text);
    if (parsed.ok()) {
        out.statements = parsed.statements;
        out.confidences = QList<Confidence>(out.statements.size(), Confidence::High);
        return out;
    }
    out.parseError = parsed.error->message;
    {
        // Driver placeholders, then interpolations in name positions (SET search_path TO
        // ${schema}): try again with parameters, then with identifiers in their place.
        std::vector<quint32> placeholderMap;
        const QByteArray normalized = normalizePlaceholders(fragment.text, &placeholderMap);
        std::vector<quint32> identifierMap;
        const QByteArray identifiers = parametersAsIdentifiers(normalized, &identifierMap);
        const auto mapped = [](const std::vector<quint32> &map, int offset) {
            return map.empty() ? offset : int(map[std::min(size_t(std::max(offset, 0)), map.size() - 1)]);
        };
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QByteArray &candidate = attempt == 0 ? normalized : identifiers;
            if (candidate == fragment.text || (attempt == 1 && identifiers == normalized))
                continue;
            parsed = parseSql(candidate);
            if (!parsed.ok())
                continue;
            const auto back = [&](int offset) {
                return mapped(placeholderMap, attempt == 0 ? offset : mapped(identifierMap, offset));
            };
            out.statements = parsed.statements;
            for (SqlStatement &statement : out.statements) {
                statement.location = back(statement.location);
                for (SqlCall &call : statement.calls)
                    call.location = back(call.location);
            }
            out.confidences = QList<Confidence>(out.statements.size(), Confidence::High);
            return out;
        }
        out.statements = classifyByTokens(fragment.text);
        out.confidences = QList<Confidence>(out.statements.size(), Confidence::Low);
        out.parsed = false;
        return out;
    }
}

} // namespace poolproof
