#include "fragmentcache.h"

#include <QMutexLocker>

namespace poolproof {

std::optional<AnalyzedFragment> FragmentCache::find(Kind kind, const QByteArray &text) const
{
    const QMutexLocker locker(&m_mutex);
    const QHash<QByteArray, AnalyzedFragment> &map = kind == Kind::Literal ? m_literals : m_pieces;
    const auto it = map.constFind(text);
    if (it == map.constEnd())
        return std::nullopt;
    return *it;
}

void FragmentCache::insert(Kind kind, const QByteArray &text, const AnalyzedFragment &analyzed)
{
    const QMutexLocker locker(&m_mutex);
    if (m_literals.size() + m_pieces.size() >= maxEntries || m_textBytes + text.size() > maxTextBytes)
        return;
    QHash<QByteArray, AnalyzedFragment> &map = kind == Kind::Literal ? m_literals : m_pieces;
    if (map.contains(text))
        return;
    map.insert(text, analyzed);
    m_textBytes += text.size();
}

qsizetype FragmentCache::size() const
{
    const QMutexLocker locker(&m_mutex);
    return m_literals.size() + m_pieces.size();
}

} // namespace poolproof
