#include "lexer_p.h"

#include <array>

namespace poolproof::lexing {

namespace {

// Keywords after which an expression starts, so that a '/' there begins a regex (JS and Ruby).
constexpr std::array<std::string_view, 24> expressionKeywords {
    "return", "typeof", "instanceof", "in",    "of",     "new",   "delete", "void", "throw", "case", "do",  "else",
    "yield",  "await",  "if",         "elsif", "unless", "while", "until",  "when", "and",   "or",   "not", "then"};

} // namespace

bool Lexer::atLineStart(quint32 pos) const
{
    return pos == 0 || m_src[pos - 1] == '\n';
}

bool Lexer::onlyBlanksBefore(quint32 pos) const
{
    while (pos > 0 && isBlank(m_src[pos - 1]))
        --pos;
    return atLineStart(pos);
}

// The classic heuristic: a '/' where an operand may start begins a regex; after an operand
// (a name, a number, ')' or ']') it divides.
bool Lexer::regexAllowedAt(quint32 pos) const
{
    quint32 p = pos;
    bool newline = false;
    while (p > m_floor && isSpace(m_src[p - 1])) {
        newline |= m_src[p - 1] == '\n';
        --p;
    }
    if (p == m_floor && m_floorKind == Floor::String)
        return false; // "a" / 2
    if (p == m_floor)
        return true; // start of the file or hole, or after a comment
    if (p == pos && m_src[p - 1] == '<')
        return false; // a JSX closing tag: </div>
    const uchar next = at(pos + 1);
    if (newline && next != ' ' && next != '=')
        return true; // a line that starts with '/'
    const uchar c = m_src[p - 1];
    if (isIdentifierByte(c)) {
        quint32 word = p;
        while (word > m_floor && p - word <= 10 && isIdentifierByte(m_src[word - 1]))
            --word;
        const std::string_view name(reinterpret_cast<const char *>(m_src + word), p - word);
        for (const std::string_view keyword : expressionKeywords) {
            if (name == keyword)
                return true;
        }
        return false;
    }
    switch (c) {
    case ')':
    case ']': return false;
    case '+':
    case '-': return !(p - 1 > m_floor && m_src[p - 2] == c); // a++ / 2
    default: return true;
    }
}

// A regex literal ends at the first unescaped '/' outside a [class] on the same line. Returns
// pos when there is none: the '/' was a division after all.
quint32 Lexer::skipRegex(quint32 pos)
{
    if (pos < m_noRegexBefore)
        return pos;
    bool inClass = false;
    quint32 p = pos + 1;
    while (p < m_size) {
        const uchar c = m_src[p];
        if (c == '\\') {
            if (at(p + 1) == '\n')
                break;
            p += 2;
            continue;
        }
        if (c == '\n')
            break;
        if (c == '[')
            inClass = true;
        else if (c == ']')
            inClass = false;
        else if (c == '/' && !inClass)
            return p + 1;
        ++p;
    }
    m_noRegexBefore = p;
    return pos;
}

bool Lexer::quoteAllowedAt(quint32 pos, QuoteContext context) const
{
    switch (context) {
    case QuoteContext::Anywhere: return true;
    case QuoteContext::NotAfterWord: return pos == 0 || !isIdentifierByte(m_src[pos - 1]);
    case QuoteContext::AfterEquals: {
        quint32 p = pos;
        while (p > m_floor && isSpace(m_src[p - 1]))
            --p;
        return p > 0 && m_src[p - 1] == '=';
    }
    case QuoteContext::ValueStart: {
        quint32 p = pos;
        while (p > 0 && isBlank(m_src[p - 1]))
            --p;
        if (p == 0 || m_src[p - 1] == '\n' || m_src[p - 1] == '\r')
            return true;
        switch (m_src[p - 1]) {
        case '=':
        case ':':
        case ',':
        case '[':
        case '{':
        case '(': return true;
        case '-':
        case '?':
            // YAML's "- " and "? " indicators, but not "a-'b'"
            return p < pos && (p == 1 || isSpace(m_src[p - 2]));
        default: return false;
        }
    }
    }
    return true;
}

} // namespace poolproof::lexing
