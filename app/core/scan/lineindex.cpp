#include "lineindex.h"

#include <algorithm>
#include <cstring>

namespace poolproof {

LineIndex::LineIndex(QByteArrayView text)
    : m_text(text)
{
    m_starts.push_back(0);
}

void LineIndex::index(qsizetype end, size_t count) const
{
    end = std::min(end, m_text.size());
    const char *data = m_text.data();
    while (m_indexed < end && m_starts.size() < count) {
        const void *hit = std::memchr(data + m_indexed, '\n', size_t(end - m_indexed));
        if (!hit) {
            m_indexed = end;
            break;
        }
        m_indexed = static_cast<const char *>(hit) - data + 1;
        m_starts.push_back(m_indexed);
    }
}

int LineIndex::line(qsizetype offset) const
{
    // Every start at or before offset follows a line break before it.
    index(offset);
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
    if (lineNumber < 1)
        return {};
    // The line's start, and the next one's if there is a next line.
    index(m_text.size(), size_t(lineNumber) + 1);
    if (size_t(lineNumber) > m_starts.size())
        return {};
    const qsizetype start = m_starts[size_t(lineNumber - 1)];
    qsizetype end = size_t(lineNumber) < m_starts.size() ? m_starts[size_t(lineNumber)] - 1 : m_text.size();
    if (end > start && m_text[end - 1] == '\r')
        --end;
    return m_text.sliced(start, end - start);
}

int LineIndex::lineCount() const
{
    index(m_text.size());
    return int(m_starts.size());
}

} // namespace poolproof
