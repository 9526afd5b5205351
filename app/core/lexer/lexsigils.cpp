#include "lexer_p.h"

namespace poolproof::lexing {

namespace {

uchar closingDelimiter(uchar open)
{
    switch (open) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return open;
    }
}

bool isOperand(uchar c)
{
    return isIdentifierByte(c) || c == ')' || c == ']' || c == '}';
}

} // namespace

// Ruby: %q(..) %Q{..} %w[..] %i<..> %r|..| %x(..) %s(..) and a bare %(..), with any punctuation
// as delimiter; bracket delimiters nest.
quint32 Lexer::lexPercentLiteral(quint32 pos)
{
    uchar kind = at(pos + 1);
    quint32 delimiter = pos + 1;
    if (isAsciiLetter(kind)) {
        if (std::string_view("qQwWiIrsx").find(char(kind)) == std::string_view::npos)
            return pos;
        ++delimiter;
    } else {
        kind = 'Q';
    }
    // After an operand without a space, '%' is the modulo operator: x%(y), 10%w.
    if (pos > 0 && isOperand(m_src[pos - 1]))
        return pos;
    if (pos > 0 && isBlank(m_src[pos - 1]) && delimiter == pos + 1) {
        quint32 b = pos;
        while (b > m_floor && isBlank(m_src[b - 1]))
            --b;
        if (b > 0 && (m_src[b - 1] == ')' || m_src[b - 1] == ']' || (m_src[b - 1] >= '0' && m_src[b - 1] <= '9')))
            return pos; // (a) %(b) and 10 %(3) are modulo
    }
    const uchar open = at(delimiter);
    if (delimiter >= m_size || isSpace(open) || isIdentifierByte(open) || open == '=')
        return pos;
    StringScan scan;
    scan.begin = pos;
    scan.contentBegin = delimiter + 1;
    scan.close = closingDelimiter(open);
    scan.nestOpen = scan.close != open ? open : 0;
    scan.multiline = true;
    scan.flags = RegionFlag::Sigil;
    if (std::string_view("QWIrx").find(char(kind)) != std::string_view::npos) {
        scan.escape = kind == 'r' ? EscapeStyle::BackslashKeep : EscapeStyle::Backslash;
        scan.interpolation = Interpolation::HashBrace;
        scan.flags |= RegionFlag::Interpolated;
    } else {
        scan.escape = EscapeStyle::QuoteOnly;
    }
    return scanString(scan);
}

// Elixir: ~s(..) ~S"""..""" ~r/../ ~w[..] ~HTML<..>: a lowercase letter (escapes and
// interpolation) or upper-case letters (raw), then one of eight delimiters, which do not nest.
quint32 Lexer::lexSigil(quint32 pos)
{
    quint32 p = pos + 1;
    const uchar name = at(p);
    bool raw = false;
    if (name >= 'a' && name <= 'z') {
        ++p;
    } else if (name >= 'A' && name <= 'Z') {
        raw = true;
        while ((at(p) >= 'A' && at(p) <= 'Z') || (p > pos + 1 && at(p) >= '0' && at(p) <= '9'))
            ++p;
    } else {
        return pos;
    }
    const uchar open = at(p);
    if (p >= m_size || !open || std::string_view("/|\"'([{<").find(char(open)) == std::string_view::npos)
        return pos;
    StringScan scan;
    scan.begin = pos;
    scan.contentBegin = p + 1;
    scan.close = closingDelimiter(open);
    scan.multiline = true;
    scan.flags = RegionFlag::Sigil;
    if ((open == '"' || open == '\'') && at(p + 1) == open && at(p + 2) == open) {
        quint32 q = p + 3;
        while (isBlank(at(q)))
            ++q;
        if (at(q) == '\r')
            ++q;
        if (q >= m_size || m_src[q] == '\n') {
            scan.contentBegin = std::min(q + 1, m_size);
            scan.closeRest = open;
            scan.closeRestCount = 2;
            scan.layout = Layout::ClosingIndent;
            scan.closingLine = ClosingLine::LineStart;
            scan.flags |= RegionFlag::Heredoc;
        }
    }
    if (raw) {
        // Upper-case sigils keep every byte, but a backslash still protects the delimiter.
        scan.escape = EscapeStyle::RawQuote;
        scan.flags |= RegionFlag::RawString;
    } else {
        scan.escape = name == 'r' ? EscapeStyle::BackslashKeep : EscapeStyle::Backslash;
        scan.interpolation = Interpolation::HashBrace;
        scan.flags |= RegionFlag::Interpolated;
    }
    return scanString(scan);
}

// Ruby and Elixir ?a character literals: skipped as code so that ?" and ?# open nothing. Not
// after a name (empty?) and, for Ruby's ternary, not when a name goes on (x ?a :b).
quint32 Lexer::skipQuestionChar(quint32 pos) const
{
    if (pos > 0 && (isIdentifierByte(m_src[pos - 1]) || m_src[pos - 1] == '?'))
        return pos;
    const quint32 p = pos + 1;
    if (p >= m_size || isSpace(m_src[p]))
        return pos;
    const quint32 length = m_src[p] == '\\' ? 2 : utf8SequenceLength(m_src, p, m_size);
    if (p + length > m_size || isIdentifierByte(at(p + length)))
        return pos;
    return p + length;
}

} // namespace poolproof::lexing
