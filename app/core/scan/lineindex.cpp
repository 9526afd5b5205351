#include "lineindex.h"

#include <algorithm>
#include <cstring>

namespace poolproof {

LineIndex::LineIndex(QByteArrayView text)
    : m_text(text)
{
    m_starts.push_back(0);
    const char *data = text.data();
    const char *end = data + text.size();
    for (const char *p = data; p < end;) {
        const void *hit = std::memchr(p, '\n', size_t(end - p));
        if (!hit)
            break;
        p = static_cast<const char *>(hit) + 1;
        m_starts.push_back(p - data);
    }
}

int LineIndex::line(qsizetype offset) const
{
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return int(it - m_starts.begin());
}

int LineIndex::column(qsizetype offset) const
{
    const qsizetype start = m_starts[size_t(line(offset) - 1)];
    int column = 1;
    // UTF-8 continuation bytes do not start a character.
    for (qsizetype i = start; i < offset && i < m_text.size(); ++i) {
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80)
            ++column;
    }
    return column;
}

QByteArrayView LineIndex::lineText(int lineNumber) const
{
    if (lineNumber < 1 || lineNumber > lineCount())
        return {};
    const qsizetype start = m_starts[size_t(lineNumber - 1)];
    qsizetype end = size_t(lineNumber) < m_starts.size() ? m_starts[size_t(lineNumber)] - 1 : m_text.size();
    if (end > start && m_text[end - 1] == '\r')
        --end;
    return m_text.sliced(start, end - start);
}

} // namespace poolproof
