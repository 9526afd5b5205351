#include "lexer_p.h"

namespace poolproof::lexing {

bool Lexer::lineCommentStartsAt(quint32 pos, const LineCommentSyntax &syntax) const
{
    if (!matchAt(pos, syntax.marker))
        return false;
    if (syntax.notFollowedBy && at(pos + quint32(syntax.marker.size())) == uchar(syntax.notFollowedBy))
        return false;
    switch (syntax.where) {
    case LineCommentSyntax::Where::Anywhere: return true;
    case LineCommentSyntax::Where::AfterSpace: return pos == 0 || isSpace(m_src[pos - 1]);
    case LineCommentSyntax::Where::LineStart: break;
    }
    if (!onlyBlanksBefore(pos))
        return false;
    if (!(m_spec.features & LanguageFeature::ContinuedLines))
        return true;
    // Java properties: a line after one ending in an odd number of backslashes continues that
    // value, so its '#' is text. Comment lines themselves never continue.
    quint32 lineStart = pos;
    while (lineStart > 0 && m_src[lineStart - 1] != '\n')
        --lineStart;
    if (lineStart == 0)
        return true;
    const quint32 previousEnd = trimCarriageReturn(0, lineStart - 1);
    quint32 backslashes = 0;
    while (backslashes < previousEnd && m_src[previousEnd - 1 - backslashes] == '\\')
        ++backslashes;
    if (backslashes % 2 == 0)
        return true;
    quint32 previousStart = previousEnd - backslashes;
    while (previousStart > 0 && m_src[previousStart - 1] != '\n')
        --previousStart;
    while (previousStart < previousEnd && isBlank(m_src[previousStart]))
        ++previousStart;
    const uchar first = at(previousStart);
    return first == '#' || first == '!';
}

bool Lexer::blockCommentStartsAt(quint32 pos, const BlockCommentSyntax &syntax) const
{
    if (!matchAt(pos, syntax.open))
        return false;
    if (!syntax.lineStart)
        return true;
    const quint32 after = pos + quint32(syntax.open.size());
    return atLineStart(pos) && (after >= m_size || isSpace(m_src[after]));
}

quint32 Lexer::lexLineComment(quint32 pos, quint32 markerLength)
{
    const quint32 contentBegin = pos + markerLength;
    quint32 end = lineEnd(contentBegin);
    if ((m_spec.features & LanguageFeature::PhpTags) && m_depth == 0) {
        // "?>" ends PHP mode even inside a one-line comment.
        for (quint32 p = contentBegin; p + 1 < end; ++p) {
            if (m_src[p] == '?' && m_src[p + 1] == '>') {
                end = p;
                break;
            }
        }
    }
    end = trimCarriageReturn(contentBegin, end);
    addRegion({.kind = RegionKind::Comment, .begin = pos, .end = end, .contentBegin = contentBegin, .contentEnd = end});
    return end > pos ? end : pos + 1;
}

quint32 Lexer::lexBlockComment(quint32 pos, const BlockCommentSyntax &syntax)
{
    const quint32 contentBegin = pos + quint32(syntax.open.size());
    const quint32 closeLength = quint32(syntax.close.size());
    quint32 contentEnd = m_size;
    quint32 end = m_size;
    if (syntax.lineStart) {
        // Ruby =begin ... =end: the closing line is part of the comment.
        for (quint32 from = contentBegin;;) {
            const quint32 hit = findText(from, syntax.close);
            if (hit >= m_size)
                break;
            if (atLineStart(hit) && (hit + closeLength >= m_size || isSpace(m_src[hit + closeLength]))) {
                contentEnd = hit;
                end = trimCarriageReturn(hit, lineEnd(hit));
                break;
            }
            from = hit + 1;
        }
    } else if (!syntax.nests) {
        const quint32 hit = findText(contentBegin, syntax.close);
        if (hit < m_size) {
            contentEnd = hit;
            end = hit + closeLength;
        }
    } else {
        const uchar open0 = uchar(syntax.open.front());
        const uchar close0 = uchar(syntax.close.front());
        quint32 depth = 1;
        quint32 p = contentBegin;
        while (p < m_size) {
            const uchar c = m_src[p];
            if (c == close0 && matchAt(p, syntax.close)) {
                if (--depth == 0) {
                    contentEnd = p;
                    end = p + closeLength;
                    break;
                }
                p += closeLength;
            } else if (c == open0 && matchAt(p, syntax.open)) {
                ++depth;
                p += quint32(syntax.open.size());
            } else {
                ++p;
            }
        }
    }
    addRegion({.kind = RegionKind::Comment,
               .begin = pos,
               .end = end,
               .contentBegin = contentBegin,
               .contentEnd = contentEnd});
    return end;
}

} // namespace poolproof::lexing
