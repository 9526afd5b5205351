#include "byteskip.h"
#include "lexer_p.h"

namespace poolproof::lexing {

namespace {

// The common literal: one closing byte, no holes, no nested brackets, nothing special about the
// closing line. scanSimpleString() ends it where scanString() would, with less set-up.
bool isSimpleString(const StringScan &scan)
{
    return scan.interpolation == Interpolation::None && scan.closeRestCount == 0 && scan.nestOpen == 0
        && !scan.greedyClose && scan.closingLine == ClosingLine::AtDelimiter;
}

SimpleStops simpleStops(const StringScan &scan)
{
    SimpleStops stops;
    stops.close = scan.close;
    stops.slash = backslashEscapes(scan.escape) ? '\\' : -1;
    stops.newline = scan.multiline ? -1 : '\n';
    stops.doubled = doubledQuotes(scan.escape);
#if defined(__SSE2__)
    stops.needles[0] = _mm_set1_epi8(char(stops.close));
    stops.needles[1] = _mm_set1_epi8(char(stops.slash >= 0 ? stops.slash : stops.close));
    stops.needles[2] = _mm_set1_epi8(char(stops.newline >= 0 ? stops.newline : stops.close));
#endif
    return stops;
}

} // namespace

StringPlan planFor(const StringSyntax &syntax)
{
    StringPlan plan;
    StringScan &scan = plan.scan;
    // Every closing delimiter in the table is one byte, possibly repeated (" """ ''').
    scan.close = uchar(syntax.close.front());
    scan.closeRest = scan.close;
    scan.closeRestCount = quint32(syntax.close.size() - 1);
    scan.escape = syntax.escape;
    scan.interpolation = syntax.interpolation;
    scan.multiline = syntax.multiline;
    scan.greedyClose = syntax.greedyClose;
    scan.flags = syntax.flags;
    scan.layout = syntax.layout;
    scan.closingLine = syntax.closingLine;
    scan.region = syntax.region;
    plan.stops = simpleStops(scan);
    plan.first = uchar(syntax.open.front());
    plan.openLength = quint8(syntax.open.size());
    plan.simple = isSimpleString(scan);
    return plan;
}

// Inlined, as is scanSimpleString(): once per literal, a call costs as much as a short scan.
Q_ALWAYS_INLINE quint32 Lexer::lexString(quint32 pos, size_t index)
{
    const StringSyntax &syntax = m_spec.strings[index];
    const StringPlan &plan = m_stringPlans[index];
    if (syntax.context != QuoteContext::Anywhere && !quoteAllowedAt(pos, syntax.context))
        return pos;
    StringScan scan = plan.scan;
    scan.begin = pos;
    quint32 contentBegin = pos + plan.openLength;
    if (syntax.firstNewline == FirstNewline::Required) {
        quint32 p = contentBegin;
        while (isBlank(at(p)))
            ++p;
        if (at(p) == '\r')
            ++p;
        if (p < m_size && m_src[p] != '\n')
            return pos;
        contentBegin = std::min(p + 1, m_size);
    } else if (syntax.firstNewline == FirstNewline::Trim) {
        if (at(contentBegin) == '\n')
            contentBegin += 1;
        else if (at(contentBegin) == '\r' && at(contentBegin + 1) == '\n')
            contentBegin += 2;
    }
    scan.contentBegin = contentBegin;
    using namespace LanguageFeature;
    const quint32 features = m_spec.features;
    if (!(features & (PythonPrefixes | RustLiterals | SqlPrefixes)))
        return plan.simple ? scanSimpleString(scan, plan.stops) : scanString(scan);
    if (features & PythonPrefixes)
        applyPythonPrefix(scan);
    else if (features & RustLiterals)
        applyRustPrefix(scan);
    else if (scan.close == '\'')
        applySqlPrefix(scan);
    if (!isSimpleString(scan))
        return scanString(scan);
    // A prefix may change the escapes (r"..", E'..'), and with them the bytes to stop at.
    SimpleStops ownStops;
    const SimpleStops *stops = &plan.stops;
    if (scan.escape != plan.scan.escape) {
        ownStops = simpleStops(scan);
        stops = &ownStops;
    }
    return scanSimpleString(scan, *stops);
}

Q_ALWAYS_INLINE quint32 Lexer::scanSimpleString(const StringScan &scan, const SimpleStops &stops)
{
    const uchar *src = m_src;
    const quint32 size = m_size;
    const int slash = stops.slash;
    const int newline = stops.newline;
    const int close = stops.close;
    quint32 pos = scan.contentBegin;
    quint32 contentEnd = size;
    quint32 end = size;
    for (;;) {
#if defined(__SSE2__)
        pos = findAnyOf<3>(src, pos, size, stops.needles);
        if (size < 16)
#endif
        {
            while (pos < size && src[pos] != close && src[pos] != slash && src[pos] != newline)
                ++pos;
        }
        if (pos >= size)
            break;
        const int c = src[pos];
        if (c == slash) {
            pos = skipEscape(pos);
            continue;
        }
        if (c == close) {
            if (stops.doubled && at(pos + 1) == close) {
                pos += 2;
                continue;
            }
            contentEnd = pos;
            end = pos + 1;
            break;
        }
        contentEnd = end = std::max(trimCarriageReturn(scan.contentBegin, pos), scan.contentBegin);
        break;
    }
    if (!scan.region) {
        m_floor = end;
        m_floorKind = Floor::String;
        return end;
    }
    addRegion({.kind = RegionKind::String,
               .begin = scan.begin,
               .end = end,
               .contentBegin = scan.contentBegin,
               .contentEnd = std::max(contentEnd, scan.contentBegin),
               .flags = scan.flags,
               .escape = scan.escape,
               .layout = scan.layout,
               .literalBraces = scan.literalBraces});
    return end;
}

// At a byte that may open a string: the first of the language's openers that matches here and
// opens one. Returns the position after the literal, or after the byte when none does.
quint32 Lexer::lexStrings(quint32 pos)
{
    const uchar c = m_src[pos];
    for (quint32 i = 0; i < m_stringCount; ++i) {
        const StringPlan &plan = m_stringPlans[i];
        if (plan.first == c && (plan.openLength == 1 || matchAt(pos, m_spec.strings[i].open))) {
            const quint32 next = lexString(pos, i);
            if (next != pos)
                return next;
        }
    }
    return pos + 1;
}

// Scans from the content's start to the closing delimiter, lexing the code in interpolation
// holes on the way. Unterminated strings end at the end of the file, or at the end of the line
// for strings that cannot span lines.
quint32 Lexer::scanString(const StringScan &scan)
{
    if (isSimpleString(scan))
        return scanSimpleString(scan, simpleStops(scan));
    // Only a string with holes needs its slot before the regions inside them.
    const bool early = scan.region && scan.interpolation != Interpolation::None;
    const quint32 index = early ? beginStringRegion() : 0;
    const size_t holeMark = m_holeStack.size();
    const int slash = backslashEscapes(scan.escape) ? '\\' : -1;
    const bool doubled = doubledQuotes(scan.escape) && scan.closeRestCount == 0;
    const HoleTriggers triggers = holeTriggers(scan.interpolation);
    const int newline = scan.multiline ? -1 : '\n';
    const int nestOpen = scan.nestOpen ? scan.nestOpen : -1;
    const int close = scan.close;
    // The bytes that may end a run of plain content; a repeated one costs only a comparison.
    uchar needles[6] = {uchar(close)};
    int needleCount = 1;
    for (const int byte : {slash, triggers.first, triggers.second, newline, nestOpen}) {
        if (byte >= 0)
            needles[needleCount++] = uchar(byte);
    }
#if defined(__SSE2__)
    __m128i vectors[6];
    for (int i = 0; i < needleCount; ++i)
        vectors[i] = _mm_set1_epi8(char(needles[i]));
#endif
    const auto isNeedle = [&needles, needleCount](uchar c) {
        for (int i = 0; i < needleCount; ++i) {
            if (needles[i] == c)
                return true;
        }
        return false;
    };
    const uchar *src = m_src;
    const quint32 size = m_size;
    quint32 nesting = 0;
    quint32 pos = scan.contentBegin;
    quint32 contentEnd = m_size;
    quint32 end = m_size;
    for (;;) {
#if defined(__SSE2__)
        pos = findAnyOf(src, pos, size, vectors, needleCount);
        if (size < 16)
#endif
        {
            while (pos < size && !isNeedle(src[pos]))
                ++pos;
        }
        if (pos >= size)
            break;
        const int c = src[pos];
        if (c == slash) {
            pos = skipEscape(pos);
            continue;
        }
        if (c == close) {
            if (nesting > 0) {
                --nesting;
                ++pos;
                continue;
            }
            if (doubled && at(pos + 1) == close) {
                pos += 2;
                continue;
            }
            quint32 rest = 0;
            while (rest < scan.closeRestCount && at(pos + 1 + rest) == scan.closeRest && pos + 1 + rest < m_size)
                ++rest;
            if (rest == scan.closeRestCount) {
                quint32 closeBegin = pos;
                quint32 closeEnd = pos + 1 + rest;
                if (scan.greedyClose) {
                    // Kotlin """a"""" and C# raw strings: the last quotes of the run close.
                    while (closeEnd < m_size && m_src[closeEnd] == scan.close) {
                        ++closeEnd;
                        ++closeBegin;
                    }
                }
                contentEnd = closeBegin;
                end = closeEnd;
                if (scan.closingLine != ClosingLine::AtDelimiter) {
                    quint32 lineStart = closeBegin;
                    while (lineStart > scan.contentBegin && isBlank(m_src[lineStart - 1]))
                        --lineStart;
                    if (lineStart == scan.contentBegin)
                        contentEnd = scan.contentBegin; // empty body: the delimiter's line is the first
                    else if (m_src[lineStart - 1] == '\n')
                        contentEnd = scan.closingLine == ClosingLine::LineStart
                            ? lineStart
                            : std::max(scan.contentBegin, trimCarriageReturn(scan.contentBegin, lineStart - 1));
                }
                break;
            }
            ++pos;
            continue;
        }
        if (c == newline) {
            // A hole cut short by the same newline keeps its bytes inside the string.
            const quint32 lastHole = m_holeStack.size() > holeMark ? m_holeStack.back().end : scan.contentBegin;
            contentEnd = end = std::max(trimCarriageReturn(scan.contentBegin, pos), lastHole);
            break;
        }
        if (c == nestOpen) {
            ++nesting;
            ++pos;
            continue;
        }
        pos = lexHole(pos, scan);
    }
    if (!scan.region) {
        m_floor = end;
        m_floorKind = Floor::String;
        return end;
    }
    LexedRegion region;
    region.begin = scan.begin;
    region.end = end;
    region.contentBegin = scan.contentBegin;
    region.contentEnd = std::max(contentEnd, scan.contentBegin);
    region.flags = scan.flags;
    region.escape = scan.escape;
    region.layout = scan.layout;
    region.literalBraces = scan.literalBraces;
    if (early) {
        finishStringRegion(index, holeMark, region);
    } else {
        region.kind = RegionKind::String;
        addRegion(region);
    }
    return end;
}

// At a byte that may open a hole (scan's triggers). Records the hole and returns the position
// after it, or the position after the byte when it is a literal character.
quint32 Lexer::lexHole(quint32 pos, const StringScan &scan)
{
    const HoleRules rules {.formatSpec = scan.interpolation == Interpolation::Brace, .stopAtNewline = !scan.multiline};
    const uchar next = at(pos + 1);
    switch (scan.interpolation) {
    case Interpolation::None: break;
    case Interpolation::DollarBrace:
    case Interpolation::HashBrace:
        if (next == '{')
            return lexCodeHole(pos, pos + 2, 1, rules);
        break;
    case Interpolation::Kotlin:
        if (next == '{')
            return lexCodeHole(pos, pos + 2, 1, rules);
        if (isIdentifierStart(next) && next < 0x80) {
            quint32 q = pos + 2;
            while (q < m_size && m_src[q] < 0x80 && isIdentifierByte(m_src[q]))
                ++q;
            m_holeStack.push_back({pos, q, pos + 1, q});
            return q;
        }
        break;
    case Interpolation::Php:
        if (m_src[pos] == '{')
            return next == '$' ? lexCodeHole(pos, pos + 1, 1, rules) : pos + 1;
        if (next == '{')
            return lexCodeHole(pos, pos + 2, 1, rules);
        if (isIdentifierStart(next)) {
            // "$name", "$name[key]" and "$name->property": PHP's simple syntax takes one step.
            quint32 q = pos + 2;
            while (q < m_size && isIdentifierByte(m_src[q]))
                ++q;
            if (at(q) == '[') {
                quint32 k = q + 1;
                while (k < m_size && k - q < 128 && m_src[k] != ']' && m_src[k] != '\n' && m_src[k] != scan.close)
                    ++k;
                if (at(k) == ']')
                    q = k + 1;
            } else if (at(q) == '-' && at(q + 1) == '>' && isIdentifierStart(at(q + 2))) {
                q += 3;
                while (q < m_size && isIdentifierByte(m_src[q]))
                    ++q;
            }
            m_holeStack.push_back({pos, q, pos, q});
            return q;
        }
        break;
    case Interpolation::Shell: {
        quint32 codeEnd = 0;
        if (next == '{')
            codeEnd = skipBalanced(pos + 2, '{', '}', false);
        else if (next == '(')
            codeEnd = skipBalanced(pos + 2, '(', ')', false);
        if (codeEnd) {
            const quint32 holeEnd = std::min(codeEnd + 1, m_size);
            m_holeStack.push_back({pos, holeEnd, pos + 2, codeEnd});
            return holeEnd;
        }
        if (next < 0x80 && isIdentifierStart(next)) {
            quint32 q = pos + 2;
            while (q < m_size && m_src[q] < 0x80 && isIdentifierByte(m_src[q]))
                ++q;
            m_holeStack.push_back({pos, q, pos + 1, q});
            return q;
        }
        if ((next >= '0' && next <= '9')
            || (next && std::string_view("@*#?$!-").find(char(next)) != std::string_view::npos)) {
            m_holeStack.push_back({pos, pos + 2, pos + 1, pos + 2});
            return pos + 2;
        }
        break;
    }
    case Interpolation::Brace: {
        quint32 run = 0;
        while (pos + run < m_size && m_src[pos + run] == '{')
            ++run;
        if (scan.literalBraces) {
            if (run >= 2)
                return pos + 2; // "{{" is a literal brace
            return lexCodeHole(pos, pos + 1, 1, rules);
        }
        // C# raw strings: $$"""..{{x}}..""" needs as many braces as dollars; fewer are text.
        if (run < scan.holeBraces)
            return pos + run;
        return lexCodeHole(pos + run - scan.holeBraces, pos + run, scan.holeBraces, rules);
    }
    }
    return pos + 1;
}

quint32 Lexer::lexCodeHole(quint32 holeBegin, quint32 codeBegin, quint32 closeBraces, const HoleRules &rules)
{
    quint32 codeEnd = 0;
    if (m_depth >= maxNesting) {
        m_out.truncated = true;
        codeEnd = skipBalanced(codeBegin, '{', '}', rules.stopAtNewline);
    } else {
        ++m_depth;
        m_floor = codeBegin;
        m_floorKind = Floor::Start;
        codeEnd = lexCode(codeBegin, &rules);
        --m_depth;
    }
    quint32 holeEnd = codeEnd;
    for (quint32 i = 0; i < closeBraces && holeEnd < m_size && m_src[holeEnd] == '}'; ++i)
        ++holeEnd;
    m_holeStack.push_back({holeBegin, holeEnd, codeBegin, codeEnd});
    return std::max(holeEnd, codeBegin);
}

// From just inside an opening bracket to its matching close (or the end of the line or file),
// counting brackets only.
quint32 Lexer::skipBalanced(quint32 pos, uchar open, uchar close, bool stopAtNewline) const
{
    quint32 depth = 0;
    for (; pos < m_size; ++pos) {
        const uchar c = m_src[pos];
        if (c == open) {
            ++depth;
        } else if (c == close) {
            if (depth == 0)
                return pos;
            --depth;
        } else if (c == '\n' && stopAtNewline) {
            return pos;
        }
    }
    return m_size;
}

// Python: r b f t u and their pairs (any case) right before the quote.
void Lexer::applyPythonPrefix(StringScan &scan) const
{
    const quint32 quote = scan.begin;
    quint32 p = quote;
    while (p > m_floor && quote - p < 3 && isAsciiLetter(m_src[p - 1]))
        --p;
    const quint32 length = quote - p;
    if (length == 0 || length > 2 || (p > m_floor && isIdentifierByte(m_src[p - 1])))
        return;
    bool raw = false, format = false, bytes = false, unicode = false;
    for (quint32 i = p; i < quote; ++i) {
        bool *seen = nullptr;
        switch (m_src[i] | 0x20) {
        case 'r': seen = &raw; break;
        case 'f':
        case 't': seen = &format; break;
        case 'b': seen = &bytes; break;
        case 'u': seen = &unicode; break;
        default: return; // an identifier such as x"..." is no prefix
        }
        if (*seen)
            return;
        *seen = true;
    }
    if ((unicode && length > 1) || (bytes && format))
        return;
    scan.begin = p;
    if (raw) {
        scan.escape = EscapeStyle::RawQuote;
        scan.flags |= RegionFlag::RawString;
    }
    if (format) {
        scan.interpolation = Interpolation::Brace;
        scan.literalBraces = true;
        scan.flags |= RegionFlag::Interpolated;
    }
    if (bytes)
        scan.flags |= RegionFlag::ByteString;
}

// Rust: b"..", c"..", and the raw r"..", r#".."#, br#".."#, cr"..".
void Lexer::applyRustPrefix(StringScan &scan) const
{
    const quint32 quote = scan.begin;
    quint32 hashesBegin = quote;
    while (hashesBegin > m_floor && m_src[hashesBegin - 1] == '#')
        --hashesBegin;
    quint32 p = hashesBegin;
    while (p > m_floor && hashesBegin - p < 3 && isAsciiLetter(m_src[p - 1]))
        --p;
    if (p > m_floor && isIdentifierByte(m_src[p - 1]))
        return;
    const std::string_view prefix(reinterpret_cast<const char *>(m_src + p), hashesBegin - p);
    if (prefix == "r" || prefix == "br" || prefix == "cr") {
        scan.begin = p;
        scan.escape = EscapeStyle::None;
        scan.flags |= RegionFlag::RawString | (prefix == "br" ? RegionFlag::ByteString : 0);
        scan.closeRest = '#';
        scan.closeRestCount = quote - hashesBegin;
    } else if (hashesBegin == quote && (prefix == "b" || prefix == "c")) {
        scan.begin = p;
        if (prefix == "b")
            scan.flags |= RegionFlag::ByteString;
    }
}

// PostgreSQL: E'..' (backslash escapes), U&'..' (Unicode escapes), B'..', X'..', N'..'.
void Lexer::applySqlPrefix(StringScan &scan) const
{
    const quint32 quote = scan.begin;
    const auto wordStartsAt = [this](quint32 p) { return p == 0 || !isIdentifierByte(m_src[p - 1]); };
    if (quote >= 2 && m_src[quote - 1] == '&' && (m_src[quote - 2] | 0x20) == 'u' && wordStartsAt(quote - 2)) {
        scan.begin = quote - 2;
        scan.escape = EscapeStyle::SqlUnicode;
        return;
    }
    if (quote < 1 || !wordStartsAt(quote - 1))
        return;
    switch (m_src[quote - 1] | 0x20) {
    case 'e':
        scan.begin = quote - 1;
        scan.escape = EscapeStyle::DoubledBackslash;
        break;
    case 'b':
    case 'x':
    case 'n': scan.begin = quote - 1; break;
    default: break;
    }
}

// C#: "..", @".." (verbatim, "" escapes), $".." and $@".." (holes, {{ literal braces), and raw
// """..""" with three or more quotes, $$"""..{{x}}..""" taking as many braces as dollars.
quint32 Lexer::lexCSharpString(quint32 pos)
{
    quint32 begin = pos;
    quint32 dollars = 0;
    bool verbatim = false;
    while (begin > m_floor) {
        const uchar c = m_src[begin - 1];
        if (c == '$') {
            ++dollars;
        } else if (c == '@' && !verbatim) {
            verbatim = true;
        } else {
            break;
        }
        --begin;
    }
    quint32 quotes = 0;
    while (pos + quotes < m_size && m_src[pos + quotes] == '"')
        ++quotes;
    StringScan scan;
    scan.begin = begin;
    scan.close = '"';
    if (dollars) {
        scan.interpolation = Interpolation::Brace;
        scan.flags |= RegionFlag::Interpolated;
    }
    if (quotes >= 3 && !verbatim) {
        scan.closeRest = '"';
        scan.closeRestCount = quotes - 1;
        scan.greedyClose = true;
        scan.escape = EscapeStyle::None;
        scan.flags |= RegionFlag::RawString;
        scan.holeBraces = std::max<quint32>(dollars, 1);
        quint32 p = pos + quotes;
        while (isBlank(at(p)))
            ++p;
        if (at(p) == '\r')
            ++p;
        if (p >= m_size || m_src[p] == '\n') {
            // Multi-line: the content is the lines between the delimiters, less the closing
            // delimiter's indentation.
            scan.contentBegin = std::min(p + 1, m_size);
            scan.multiline = true;
            scan.layout = Layout::ClosingIndent;
            scan.closingLine = ClosingLine::BeforeNewline;
            scan.flags |= RegionFlag::Heredoc;
        } else {
            scan.contentBegin = pos + quotes;
        }
        return scanString(scan);
    }
    scan.contentBegin = pos + 1;
    scan.literalBraces = dollars > 0;
    if (verbatim) {
        scan.escape = EscapeStyle::Doubled;
        scan.multiline = true;
        scan.flags |= RegionFlag::RawString;
    }
    return scanString(scan);
}

// Rust: 'a', '\n', '\u{1F600}' and b'x' are characters; 'a in <'a> or 'outer: is a lifetime
// or label, which is code.
quint32 Lexer::lexRustChar(quint32 pos)
{
    const quint32 p = pos + 1;
    if (p >= m_size || m_src[p] == '\'' || m_src[p] == '\n')
        return pos;
    quint32 close = 0;
    if (m_src[p] == '\\') {
        if (at(p + 1) == 'u' && at(p + 2) == '{') {
            close = p + 3;
            while (close < m_size && close - p < 12 && m_src[close] != '}')
                ++close;
            ++close;
        } else if (at(p + 1) == 'x') {
            close = p + 4;
        } else {
            close = p + 2;
        }
    } else {
        close = p + utf8SequenceLength(m_src, p, m_size);
    }
    if (close >= m_size || m_src[close] != '\'')
        return pos;
    quint32 begin = pos;
    quint8 flags = RegionFlag::Character;
    if (pos > m_floor && m_src[pos - 1] == 'b' && (pos - 1 == m_floor || !isIdentifierByte(m_src[pos - 2]))) {
        begin = pos - 1;
        flags |= RegionFlag::ByteString;
    }
    addRegion({.kind = RegionKind::String,
               .begin = begin,
               .end = close + 1,
               .contentBegin = p,
               .contentEnd = close,
               .flags = flags,
               .escape = EscapeStyle::Backslash});
    return close + 1;
}

// PostgreSQL dollar quoting: $$body$$ or $tag$body$tag$. "$1" is a parameter, "a$b" a name.
quint32 Lexer::lexDollarQuote(quint32 pos)
{
    if (pos > 0 && isIdentifierByte(m_src[pos - 1]))
        return pos;
    quint32 p = pos + 1;
    if (at(p) != '$') {
        if (p >= m_size || !isIdentifierStart(m_src[p]))
            return pos;
        while (p < m_size && isIdentifierByte(m_src[p]) && p - pos <= maxTagLength)
            ++p;
        if (p >= m_size || m_src[p] != '$')
            return pos;
    }
    const quint32 openEnd = p + 1;
    const std::string_view tag(reinterpret_cast<const char *>(m_src + pos), openEnd - pos);
    quint32 close = findText(openEnd, tag);
    const quint32 end = close < m_size ? close + quint32(tag.size()) : m_size;
    close = std::min(close, m_size);
    addRegion({.kind = RegionKind::String,
               .begin = pos,
               .end = end,
               .contentBegin = openEnd,
               .contentEnd = close,
               .flags = RegionFlag::DollarQuoted | RegionFlag::RawString,
               .escape = EscapeStyle::None});
    return end;
}

} // namespace poolproof::lexing
