#pragma once

#include <QByteArrayView>

#include <cstdint>
#include <vector>

namespace poolproof {

// Maps byte offsets of a UTF-8 text to 1-based lines and columns (columns count characters).
// Line breaks are looked for only as far as a question needs: most files have few findings, if
// any. One per thread: answering may extend the index.
class LineIndex
{
public:
    explicit LineIndex(QByteArrayView text);

    int line(qsizetype offset) const;
    int column(qsizetype offset) const;
    // The text of a 1-based line, without its line break.
    QByteArrayView lineText(int line) const;
    int lineCount() const;

private:
    // Records line starts in the bytes before end (at most the whole text), stopping early once
    // there are count of them.
    void index(qsizetype end, size_t count = SIZE_MAX) const;

    QByteArrayView m_text;
    mutable std::vector<qsizetype> m_starts;
    mutable qsizetype m_indexed = 0; // bytes looked at for line breaks so far
};

} // namespace poolproof
