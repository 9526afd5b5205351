#include "sqlsplit.h"

namespace poolproof {

namespace {

// PostgreSQL's ident_cont: letters, digits, '_', '$' and every byte of a multi-byte character.
bool isIdentifierByte(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
        || c >= 0x80;
}

// dolq_start and dolq_cont: a dollar-quote tag has no '$' and does not start with a digit.
bool isTagStart(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isTagByte(uchar c)
{
    return isTagStart(c) || (c >= '0' && c <= '9');
}

// The offset just after a quoted string or identifier that opens at 'open' (the quote itself).
// A doubled quote stands for one; backslash escapes a quote only in E'...' strings.
qsizetype skipQuoted(QByteArrayView sql, qsizetype open, bool backslashEscapes)
{
    const char quote = sql[open];
    for (qsizetype i = open + 1; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\\' && backslashEscapes) {
            ++i;
        } else if (c == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return sql.size();
}

// After a dollar quote that opens at 'open', or -1 when no dollar quote opens there.
qsizetype skipDollarQuoted(QByteArrayView sql, qsizetype open)
{
    qsizetype tagEnd = open + 1;
    if (tagEnd < sql.size() && isTagStart(uchar(sql[tagEnd]))) {
        while (tagEnd < sql.size() && isTagByte(uchar(sql[tagEnd])))
            ++tagEnd;
    }
    if (tagEnd >= sql.size() || sql[tagEnd] != '$')
        return -1; // $1 (a parameter) or a lone dollar
    const QByteArrayView delimiter = sql.sliced(open, tagEnd + 1 - open);
    const qsizetype close = QByteArrayView(sql).indexOf(delimiter, tagEnd + 1);
    return close < 0 ? sql.size() : close + delimiter.size();
}

qsizetype skipBlockComment(QByteArrayView sql, qsizetype open)
{
    int depth = 0;
    qsizetype i = open;
    while (i < sql.size()) {
        if (sql[i] == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (sql[i] == '*' && i + 1 < sql.size() && sql[i + 1] == '/') {
            i += 2;
            if (--depth == 0)
                return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

// The bytes that may end a statement or open something a semicolon inside does not end.
struct SpecialBytes {
    bool table[256] = {};
    constexpr SpecialBytes()
    {
        for (const char c : {';', '\'', '"', '$', '-', '/'})
            table[uchar(c)] = true;
    }
};
constexpr SpecialBytes special;

} // namespace

QList<SqlRange> splitAtSemicolons(QByteArrayView sql)
{
    QList<SqlRange> ranges;
    qsizetype start = 0;
    qsizetype i = 0;
    const auto *bytes = reinterpret_cast<const uchar *>(sql.data());
    while (i < sql.size()) {
        while (i < sql.size() && !special.table[bytes[i]])
            ++i;
        if (i == sql.size())
            break;
        const uchar c = bytes[i];
        switch (c) {
        case ';':
            ranges.append({int(start), int(i)});
            start = ++i;
            break;
        case '\'': {
            // E'...' (also e'...') takes backslash escapes; U&'...', B'...', X'...' do not.
            const bool extended
                = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && !(i > 1 && isIdentifierByte(uchar(sql[i - 2])));
            i = skipQuoted(sql, i, extended);
            break;
        }
        case '"': i = skipQuoted(sql, i, false); break;
        case '$': {
            const bool afterIdentifier = i > 0 && isIdentifierByte(bytes[i - 1]);
            const qsizetype end = afterIdentifier ? -1 : skipDollarQuoted(sql, i);
            i = end < 0 ? i + 1 : end;
            break;
        }
        case '-':
            if (i + 1 < sql.size() && sql[i + 1] == '-') {
                const qsizetype newline = sql.indexOf('\n', i);
                i = newline < 0 ? sql.size() : newline + 1;
            } else {
                ++i;
            }
            break;
        case '/': i = i + 1 < sql.size() && sql[i + 1] == '*' ? skipBlockComment(sql, i) : i + 1; break;
        default: ++i; break;
        }
    }
    if (start < sql.size())
        ranges.append({int(start), int(sql.size())});
    return ranges;
}

} // namespace poolproof
