#include "sourcetext.h"

#include "lexer/lexer.h"

#include <algorithm>

namespace poolproof {

namespace {

bool isIdentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Where a value written without quotes ends.
bool endsValue(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';' || c == '&' || c == ')' || c == '}'
        || c == ']' || c == '"' || c == '\'';
}

} // namespace

qsizetype indexOfBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from, bool caseInsensitive)
{
    if (!caseInsensitive)
        return haystack.indexOf(needle, from);
    return QLatin1StringView(haystack).indexOf(QLatin1StringView(needle), from, Qt::CaseInsensitive);
}

bool mentionsCall(QByteArrayView bytes, QByteArrayView name)
{
    for (qsizetype at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
        qsizetype after = at + name.size();
        while (after < bytes.size() && (isBlank(bytes[after]) || bytes[after] == '\n' || bytes[after] == '\r'))
            ++after;
        if (after < bytes.size() && bytes[after] == '(')
            return true;
    }
    return false;
}

SourceText::SourceText(QString path, QByteArray bytes, const LanguageSpec *language)
    : m_path(std::move(path))
    , m_bytes(std::move(bytes))
    , m_languageId(language ? poolproof::languageId(*language) : QString())
    , m_lexed(language ? lex(*language, m_bytes) : LexedFile())
    , m_lines(std::make_unique<LineIndex>(m_bytes))
{
}

QString SourceText::lineText(int line) const
{
    return QString::fromUtf8(m_lines->lineText(line)).trimmed();
}

bool SourceText::mentions(QByteArrayView text, bool caseInsensitive) const
{
    return indexOfBytes(m_bytes, text, 0, caseInsensitive) >= 0;
}

const LexedRegion *SourceText::regionAt(qsizetype offset) const
{
    const auto &regions = m_lexed.regions;
    auto it = std::upper_bound(regions.begin(), regions.end(), quint32(offset),
                               [](quint32 value, const LexedRegion &region) { return value < region.begin; });
    // Regions inside an interpolation hole follow their string: look back past them.
    for (int steps = 0; it != regions.begin() && steps < 64; ++steps) {
        --it;
        if (quint32(offset) < it->end)
            return &*it;
    }
    return nullptr;
}

bool SourceText::isComment(qsizetype offset) const
{
    const LexedRegion *region = regionAt(offset);
    return region && region->kind == RegionKind::Comment;
}

qsizetype SourceText::skipSpace(qsizetype i) const
{
    while (i < m_bytes.size() && isBlank(m_bytes[i]))
        ++i;
    return i;
}

QList<qsizetype> SourceText::findWord(const QString &word, bool caseInsensitive, bool inStrings, qsizetype from,
                                      qsizetype to) const
{
    QList<qsizetype> found;
    const QByteArray needle = word.toUtf8();
    const QByteArray &haystack = m_bytes;
    if (needle.isEmpty())
        return found;
    const qsizetype end = to < 0 ? haystack.size() : std::min(to, haystack.size());
    const bool identStart = isIdentChar(needle.front());
    const bool identEnd = isIdentChar(needle.back());
    for (qsizetype at = indexOfBytes(haystack, needle, from, caseInsensitive); at >= 0 && at + needle.size() <= end;
         at = indexOfBytes(haystack, needle, at + 1, caseInsensitive)) {
        if (identStart && at > 0 && isIdentChar(haystack[at - 1]))
            continue;
        const qsizetype after = at + needle.size();
        if (identEnd && after < haystack.size() && isIdentChar(haystack[after]))
            continue;
        const LexedRegion *region = regionAt(at);
        if (region && (region->kind == RegionKind::Comment || !inStrings))
            continue;
        found.append(at);
    }
    return found;
}

qsizetype SourceText::closingParenthesis(qsizetype open) const
{
    const auto &regions = m_lexed.regions;
    auto next = std::lower_bound(regions.begin(), regions.end(), quint32(open + 1),
                                 [](const LexedRegion &region, quint32 value) { return region.begin < value; });
    int depth = 0;
    for (qsizetype i = open; i < m_bytes.size(); ++i) {
        while (next != regions.end() && next->begin < quint32(i))
            ++next;
        if (next != regions.end() && next->begin == quint32(i)) {
            i = qsizetype(next->end) - 1;
            continue;
        }
        const char c = m_bytes[i];
        if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            if (--depth == 0)
                return i;
        }
    }
    return m_bytes.size();
}

QList<SourceText::Call> SourceText::findCalls(const QString &name) const
{
    QList<Call> calls;
    const QByteArray needle = name.toUtf8();
    const bool method = needle.startsWith('.');
    for (qsizetype at = m_bytes.indexOf(needle); at >= 0; at = m_bytes.indexOf(needle, at + 1)) {
        if (!method && at > 0 && (isIdentChar(m_bytes[at - 1]) || m_bytes[at - 1] == '.' || m_bytes[at - 1] == '$'))
            continue;
        const qsizetype after = at + needle.size();
        if (after < m_bytes.size() && isIdentChar(m_bytes[after]))
            continue;
        if (regionAt(at))
            continue;
        qsizetype open = after;
        while (open < m_bytes.size() && (isBlank(m_bytes[open]) || m_bytes[open] == '\n' || m_bytes[open] == '\r'))
            ++open;
        // Rust turbofish and generic arguments: PgConnection::establish::<...>( is rare; plain '(' only.
        if (open >= m_bytes.size() || m_bytes[open] != '(')
            continue;
        calls.append({method ? at + 1 : at, open, closingParenthesis(open)});
    }
    return calls;
}

QString SourceText::valueAt(qsizetype offset, bool allowSpaces) const
{
    if (offset >= m_bytes.size())
        return {};
    const LexedRegion *region = regionAt(offset);
    if (region && region->kind == RegionKind::String && region->begin == quint32(offset))
        return QString::fromUtf8(m_bytes.sliced(region->contentBegin, region->contentEnd - region->contentBegin))
            .trimmed();
    qsizetype end = offset;
    while (end < m_bytes.size() && !(endsValue(m_bytes[end]) && !(allowSpaces && isBlank(m_bytes[end]))))
        ++end;
    return QString::fromUtf8(m_bytes.sliced(offset, end - offset)).trimmed();
}

QList<SettingHit> SourceText::findSettings(const QStringList &keys, bool caseInsensitive, qsizetype from,
                                           qsizetype to) const
{
    QList<SettingHit> hits;
    const QByteArray &haystack = m_bytes;
    const qsizetype end = to < 0 ? haystack.size() : std::min(to, haystack.size());
    for (const QString &key : keys) {
        const QByteArray needle = key.toUtf8();
        if (needle.isEmpty())
            continue;
        for (qsizetype at = indexOfBytes(haystack, needle, from, caseInsensitive); at >= 0 && at + needle.size() <= end;
             at = indexOfBytes(haystack, needle, at + 1, caseInsensitive)) {
            const qsizetype keyEnd = at + needle.size();
            if (isIdentChar(needle.front()) && at > 0 && isIdentChar(haystack[at - 1]))
                continue;
            if (isIdentChar(needle.back()) && keyEnd < haystack.size() && isIdentChar(haystack[keyEnd]))
                continue;
            const LexedRegion *region = regionAt(at);
            if (region && region->kind == RegionKind::Comment)
                continue;
            qsizetype after = keyEnd;
            if (region) {
                const bool quotedKey = at == qsizetype(region->contentBegin) && keyEnd == qsizetype(region->contentEnd);
                const char before = at > qsizetype(region->contentBegin) ? m_bytes[at - 1] : '\0';
                const bool parameter
                    = before == '\0' || before == '?' || before == '&' || before == ';' || isBlank(before);
                if (quotedKey) {
                    after = region->end;
                } else if (parameter) {
                    // key=value inside a URL or a keyword/value connection string.
                    qsizetype eq = skipSpace(keyEnd);
                    if (eq >= qsizetype(region->contentEnd) || m_bytes[eq] != '=')
                        continue;
                    qsizetype valueBegin = skipSpace(eq + 1);
                    qsizetype valueEnd = valueBegin;
                    while (valueEnd < qsizetype(region->contentEnd) && m_bytes[valueEnd] != '&'
                           && m_bytes[valueEnd] != ';' && !isBlank(m_bytes[valueEnd]) && m_bytes[valueEnd] != '\n')
                        ++valueEnd;
                    hits.append({at, key, QString::fromUtf8(m_bytes.sliced(valueBegin, valueEnd - valueBegin)), true});
                    continue;
                } else {
                    continue;
                }
            }
            after = skipSpace(after);
            if (after >= m_bytes.size())
                continue;
            // The separator: => : = , (   but not :: or ==.
            const char c = m_bytes[after];
            const char c2 = after + 1 < m_bytes.size() ? m_bytes[after + 1] : '\0';
            if (c == '=' && c2 == '>')
                after += 2;
            else if ((c == ':' && c2 != ':') || (c == '=' && c2 != '=') || c == ',' || c == '(')
                after += 1;
            else
                continue;
            after = skipSpace(after);
            hits.append({at, key, valueAt(after), false});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const SettingHit &a, const SettingHit &b) { return a.offset < b.offset; });
    return hits;
}

} // namespace poolproof
