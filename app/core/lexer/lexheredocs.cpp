#include "lexer_p.h"

namespace poolproof::lexing {

// Ruby: <<~SQL, <<-SQL, <<SQL, <<~'SQL', <<~"SQL". The body starts on the next line, so the
// opener is only remembered here; the rest of its line is still code.
quint32 Lexer::openRubyHeredoc(quint32 pos)
{
    if (at(pos + 1) != '<' || (pos > 0 && m_src[pos - 1] == '<'))
        return pos;
    quint32 p = pos + 2;
    PendingHeredoc heredoc;
    const bool bare = at(p) != '~' && at(p) != '-';
    if (!bare) {
        heredoc.squiggly = m_src[p] == '~';
        heredoc.indentedTerminator = true;
        ++p;
    }
    const uchar first = at(p);
    if (bare && pos > 0 && (isIdentifierByte(m_src[pos - 1]) || m_src[pos - 1] == ')' || m_src[pos - 1] == ']'))
        return pos; // x<<FOO shifts
    if (first == '\'' || first == '"' || first == '`') {
        const quint32 tagBegin = ++p;
        while (p < m_size && m_src[p] != first && m_src[p] != '\n' && p - tagBegin < maxTagLength)
            ++p;
        if (p >= m_size || m_src[p] != first || p == tagBegin)
            return pos;
        heredoc.tagBegin = tagBegin;
        heredoc.tagLength = p - tagBegin;
        heredoc.raw = first == '\'';
        ++p;
    } else {
        // A bare <<name only with a capital tag: "a <<b" is more likely a shift.
        if (p >= m_size || first >= 0x80 || !isIdentifierStart(first) || (bare && !(first >= 'A' && first <= 'Z')))
            return pos;
        const quint32 tagBegin = p;
        while (p < m_size && m_src[p] < 0x80 && isIdentifierByte(m_src[p]) && p - tagBegin < maxTagLength)
            ++p;
        heredoc.tagBegin = tagBegin;
        heredoc.tagLength = p - tagBegin;
    }
    m_heredocs.push_back(heredoc);
    return p;
}

// At the start of the line after heredoc openers: their bodies, one after the other. Each body
// is a region of its own that starts at its first line; the openers stay code.
quint32 Lexer::lexPendingHeredocs(quint32 pos)
{
    std::vector<PendingHeredoc> pending;
    pending.swap(m_heredocs);
    for (size_t i = 0; i < pending.size(); ++i) {
        if (i > 0)
            pos = std::min(lineEnd(pos) + 1, m_size);
        const PendingHeredoc &heredoc = pending[i];
        StringScan scan;
        scan.begin = scan.contentBegin = pos;
        scan.multiline = true;
        scan.escape = heredoc.raw ? EscapeStyle::None : EscapeStyle::Backslash;
        scan.interpolation = heredoc.raw ? Interpolation::None : Interpolation::HashBrace;
        scan.flags = RegionFlag::Heredoc | (heredoc.raw ? RegionFlag::RawString : RegionFlag::Interpolated);
        const std::string_view tag(reinterpret_cast<const char *>(m_src + heredoc.tagBegin), heredoc.tagLength);
        const quint32 index = beginStringRegion();
        const size_t holeMark = m_holeStack.size();
        quint32 contentEnd = m_size;
        quint32 end = m_size;
        for (quint32 line = pos; line < m_size;) {
            quint32 t = line;
            if (heredoc.indentedTerminator) {
                while (isBlank(at(t)))
                    ++t;
            }
            const quint32 after = t + heredoc.tagLength;
            if (matchAt(t, tag)
                && (after >= m_size || m_src[after] == '\n' || (m_src[after] == '\r' && at(after + 1) == '\n'))) {
                contentEnd = line;
                end = after;
                break;
            }
            const quint32 next = heredoc.raw ? lineEnd(line) : scanBodyLine(line, scan);
            line = next < m_size ? next + 1 : m_size;
        }
        LexedRegion region;
        region.begin = region.contentBegin = pos;
        region.end = end;
        region.contentEnd = contentEnd;
        region.flags = scan.flags;
        region.escape = scan.escape;
        region.layout = heredoc.squiggly ? Layout::LeastIndent : Layout::Plain;
        finishStringRegion(index, holeMark, region);
        pos = end;
    }
    return pos;
}

// One line of an interpolating heredoc body: escapes and holes (which may run on over several
// lines). Returns the newline that ends the line, or the end of the file.
quint32 Lexer::scanBodyLine(quint32 pos, const StringScan &scan)
{
    const HoleTriggers triggers = holeTriggers(scan.interpolation);
    const bool escapes = backslashEscapes(scan.escape);
    while (pos < m_size) {
        const int c = m_src[pos];
        if (c == '\n')
            return pos;
        if (c == '\\' && escapes) {
            if (at(pos + 1) == '\n' || (at(pos + 1) == '\r' && at(pos + 2) == '\n'))
                return lineEnd(pos);
            pos += 2;
        } else if (c == triggers.first || c == triggers.second) {
            pos = lexHole(pos, scan);
        } else {
            ++pos;
        }
    }
    return m_size;
}

// PHP: <<<SQL (like "..."), <<<"SQL" and <<<'SQL' (a nowdoc, raw). The body runs from the next
// line to the closing marker, which may be indented and followed by ; , ) or more code.
quint32 Lexer::lexPhpHeredoc(quint32 pos)
{
    if (!matchAt(pos, "<<<"))
        return pos;
    quint32 p = pos + 3;
    while (isBlank(at(p)))
        ++p;
    const uchar quote = at(p) == '\'' || at(p) == '"' ? m_src[p] : 0;
    if (quote)
        ++p;
    const quint32 tagBegin = p;
    if (p >= m_size || !isIdentifierStart(m_src[p]))
        return pos;
    while (p < m_size && isIdentifierByte(m_src[p]) && p - tagBegin < maxTagLength)
        ++p;
    const std::string_view tag(reinterpret_cast<const char *>(m_src + tagBegin), p - tagBegin);
    if (quote) {
        if (at(p) != quote)
            return pos;
        ++p;
    }
    if (at(p) == '\r')
        ++p;
    if (p >= m_size || m_src[p] != '\n')
        return pos;
    const bool nowdoc = quote == '\'';
    StringScan scan;
    scan.begin = pos;
    scan.contentBegin = p + 1;
    scan.multiline = true;
    scan.escape = nowdoc ? EscapeStyle::None : EscapeStyle::BackslashKeep;
    scan.interpolation = nowdoc ? Interpolation::None : Interpolation::Php;
    scan.close = 0;
    const quint32 index = beginStringRegion();
    const size_t holeMark = m_holeStack.size();
    quint32 contentEnd = m_size;
    quint32 end = m_size;
    for (quint32 line = scan.contentBegin; line < m_size;) {
        quint32 t = line;
        while (isBlank(at(t)))
            ++t;
        if (matchAt(t, tag) && !isIdentifierByte(at(t + quint32(tag.size())))) {
            contentEnd = line > scan.contentBegin ? trimCarriageReturn(scan.contentBegin, line - 1) : scan.contentBegin;
            end = t + quint32(tag.size());
            break;
        }
        const quint32 next = nowdoc ? lineEnd(line) : scanBodyLine(line, scan);
        line = next < m_size ? next + 1 : m_size;
    }
    LexedRegion region;
    region.begin = pos;
    region.end = end;
    region.contentBegin = scan.contentBegin;
    region.contentEnd = std::max(contentEnd, scan.contentBegin);
    region.flags = RegionFlag::Heredoc | (nowdoc ? RegionFlag::RawString : RegionFlag::Interpolated);
    region.escape = scan.escape;
    region.layout = Layout::ClosingIndent;
    finishStringRegion(index, holeMark, region);
    return end;
}

// YAML: "key: |" or "- >-" ends its line, and the more indented lines after it are the value.
// The region is the body; the indicator and a comment after it stay code and comment.
quint32 Lexer::lexYamlBlockScalar(quint32 pos)
{
    quint32 b = pos;
    while (b > 0 && isBlank(m_src[b - 1]))
        --b;
    if (b > 0 && m_src[b - 1] != '\n') {
        const uchar previous = m_src[b - 1];
        if (b == pos || (previous != ':' && previous != '-' && previous != '?'))
            return pos;
    }
    quint32 p = pos + 1;
    quint32 explicitIndent = 0;
    for (int i = 0; i < 2; ++i) {
        const uchar c = at(p);
        if (c == '+' || c == '-') {
            ++p;
        } else if (c >= '1' && c <= '9') {
            explicitIndent = c - '0';
            ++p;
        }
    }
    while (isBlank(at(p)))
        ++p;
    const bool comment = at(p) == '#' && isBlank(m_src[p - 1]);
    if (!comment && p < m_size && m_src[p] != '\n' && !(m_src[p] == '\r' && at(p + 1) == '\n'))
        return pos;
    // The parent's indentation: the key's column, or the last "- " indicator's when the block
    // is a sequence entry itself.
    quint32 lineStart = pos;
    while (lineStart > 0 && m_src[lineStart - 1] != '\n')
        --lineStart;
    quint32 q = lineStart;
    while (at(q) == ' ')
        ++q;
    quint32 dash = q;
    while (at(q) == '-' && isBlank(at(q + 1))) {
        dash = q;
        q += 2;
        while (isBlank(at(q)))
            ++q;
    }
    const quint32 parentIndent = (q == pos ? dash : q) - lineStart;
    if (comment)
        p = lexLineComment(p, 1);
    const quint32 headerEnd = lineEnd(p);
    if (headerEnd >= m_size)
        return std::max(p, pos + 1);
    quint32 contentIndent = explicitIndent ? parentIndent + explicitIndent : 0;
    const quint32 first = headerEnd + 1;
    quint32 last = first;
    for (quint32 line = first; line < m_size;) {
        quint32 text = line;
        while (at(text) == ' ')
            ++text;
        const quint32 eol = lineEnd(line);
        if (trimCarriageReturn(text, eol) > text) {
            const quint32 indent = text - line;
            if (indent <= parentIndent)
                break;
            if (contentIndent == 0)
                contentIndent = indent;
            if (indent < contentIndent)
                break;
            last = trimCarriageReturn(line, eol);
        }
        line = eol < m_size ? eol + 1 : m_size;
    }
    if (last == first)
        return headerEnd;
    addRegion({.kind = RegionKind::String,
               .begin = first,
               .end = last,
               .contentBegin = first,
               .contentEnd = last,
               .flags = RegionFlag::Heredoc | RegionFlag::RawString,
               .escape = EscapeStyle::None,
               .layout = m_src[pos] == '|' ? Layout::YamlLiteral : Layout::YamlFolded});
    return last;
}

} // namespace poolproof::lexing
