#pragma once

#include <QByteArrayView>

#include <vector>

namespace poolproof {

// Maps byte offsets of a UTF-8 text to 1-based lines and columns (columns count characters).
class LineIndex
{
public:
    explicit LineIndex(QByteArrayView text);

    int line(qsizetype offset) const;
    int column(qsizetype offset) const;
    // The text of a 1-based line, without its line break.
    QByteArrayView lineText(int line) const;
    int lineCount() const { return int(m_starts.size()); }

private:
    QByteArrayView m_text;
    std::vector<qsizetype> m_starts;
};

} // namespace poolproof
