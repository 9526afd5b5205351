#pragma once

#include "sqlhit.h"

#include <QHash>
#include <QMutex>

#include <optional>

namespace poolproof {

// Remembers how SQL texts were analysed during one scan. The analysis of a text depends on
// nothing but the text, and real code repeats its queries (the same statement in many files,
// the same migration header in every script), so a text is parsed once per scan. Shared by
// every worker; bounded, after which texts are simply analysed again.
class FragmentCache
{
public:
    enum class Kind : quint8 {
        Literal, // a string literal's value: placeholders tried, then the token fallback
        ScriptPiece, // one piece of a .sql script
    };

    std::optional<AnalyzedFragment> find(Kind kind, const QByteArray &text) const;
    void insert(Kind kind, const QByteArray &text, const AnalyzedFragment &analyzed);

    qsizetype size() const;

private:
    static constexpr qsizetype maxEntries = 50'000;
    static constexpr qsizetype maxTextBytes = 16 * 1024 * 1024;

    mutable QMutex m_mutex;
    QHash<QByteArray, AnalyzedFragment> m_literals;
    QHash<QByteArray, AnalyzedFragment> m_pieces;
    qsizetype m_textBytes = 0;
};

} // namespace poolproof
