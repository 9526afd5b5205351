#include "hostdetectors.h"

#include <QJsonArray>

#include <algorithm>

namespace poolproof {

namespace {

bool isIdentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

// Walks the code of a file (what lies between comments and literals) with the literal regions
// at hand, so that detectors never match inside strings or comments.
class CodeCursor
{
public:
    CodeCursor(QByteArrayView source, const LexedFile &file)
        : m_source(source)
        , m_file(file)
    {
    }

    // The region starting at offset, or nullptr.
    const LexedRegion *regionStartingAt(quint32 offset) const
    {
        const auto it = std::lower_bound(m_file.regions.begin(), m_file.regions.end(), offset,
                                         [](const LexedRegion &region, quint32 value) { return region.begin < value; });
        return it != m_file.regions.end() && it->begin == offset ? &*it : nullptr;
    }

    bool inRegion(quint32 offset) const
    {
        const auto it = std::upper_bound(m_file.regions.begin(), m_file.regions.end(), offset,
                                         [](quint32 value, const LexedRegion &region) { return value < region.begin; });
        return it != m_file.regions.begin() && offset < (it - 1)->end;
    }

    qsizetype skipSpaceAndComments(qsizetype i) const
    {
        while (i < m_source.size()) {
            if (isSpace(m_source[i])) {
                ++i;
                continue;
            }
            const LexedRegion *region = regionStartingAt(quint32(i));
            if (region && region->kind == RegionKind::Comment) {
                i = region->end;
                continue;
            }
            break;
        }
        return i;
    }

private:
    QByteArrayView m_source;
    const LexedFile &m_file;
};

} // namespace

HostDetectors::HostDetectors(const QList<Rule> &rules, const ProjectDependencies &dependencies)
    : m_dependencies(dependencies)
{
    for (const Rule &rule : rules) {
        const QString detector = rule.detect.value(u"detector").toString();
        if (detector == u"object-keys" || detector == u"call")
            m_rules.append(&rule);
    }
}

bool HostDetectors::dependenciesAllow(const Rule &rule) const
{
    // An ecosystem the repository has no manifest for says nothing: the rule stays on.
    const QJsonObject all = rule.detect.value(u"requiresDependencies").toObject();
    for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
        if (!m_dependencies.knows(it.key()))
            continue;
        for (const QString &package : strings(it.value())) {
            if (!m_dependencies.has(it.key(), package))
                return false;
        }
    }
    const QJsonObject any = rule.detect.value(u"requiresAnyDependency").toObject();
    for (auto it = any.constBegin(); it != any.constEnd(); ++it) {
        if (!m_dependencies.knows(it.key()))
            continue;
        const QStringList packages = strings(it.value());
        if (std::none_of(packages.cbegin(), packages.cend(),
                         [&](const QString &package) { return m_dependencies.has(it.key(), package); }))
            return false;
    }
    return true;
}

bool HostDetectors::fileExcludes(const Rule &rule, QByteArrayView source)
{
    const QStringList mentions = strings(rule.detect.value(u"excludedWhenFileMentions"));
    for (const QString &mention : mentions) {
        // Module names appear quoted in imports and requires.
        const QByteArray name = mention.toUtf8();
        if (source.contains(QByteArray('\'' + name + '\'')) || source.contains(QByteArray('"' + name + '"')))
            return true;
    }
    return false;
}

QList<HostHit> HostDetectors::run(const QString &languageId, QByteArrayView source, const LexedFile &file) const
{
    QList<HostHit> hits;
    for (const Rule *rule : m_rules) {
        if (!strings(rule->detect.value(u"languages")).contains(languageId))
            continue;
        if (!dependenciesAllow(*rule) || fileExcludes(*rule, source))
            continue;
        if (rule->detect.value(u"detector").toString() == u"object-keys")
            findObjectKeys(*rule, source, file, hits);
        else
            findCalls(*rule, source, file, hits);
    }
    return hits;
}

// Finds object literals that have all the given keys, e.g. node-postgres's { name, text }.
void HostDetectors::findObjectKeys(const Rule &rule, QByteArrayView source, const LexedFile &file,
                                   QList<HostHit> &hits) const
{
    const QStringList keys = strings(rule.detect.value(u"keys"));
    const QString reportKey = rule.detect.value(u"reportKey").toString(keys.value(0));
    for (const QString &key : keys) {
        if (!source.contains(key.toUtf8()))
            return;
    }
    const CodeCursor cursor(source, file);
    struct Frame {
        qsizetype open;
        QStringList keys;
        quint32 reportOffset = 0;
        QString subject;
        bool expectKey = true;
    };
    QList<Frame> stack;
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (const LexedRegion *region = cursor.regionStartingAt(quint32(i))) {
            // A quoted key: "name": ...
            if (region->kind == RegionKind::String && !stack.isEmpty() && stack.last().expectKey) {
                const qsizetype after = cursor.skipSpaceAndComments(region->end);
                if (after < source.size() && source[after] == ':') {
                    const QString key = QString::fromUtf8(source.sliced(region->contentBegin, region->contentEnd - region->contentBegin));
                    stack.last().keys << key;
                    if (key == reportKey)
                        stack.last().reportOffset = region->begin;
                    stack.last().expectKey = false;
                }
            } else if (region->kind == RegionKind::String && !stack.isEmpty() && stack.last().subject.isEmpty()
                       && stack.last().keys.value(stack.last().keys.size() - 1) == reportKey) {
                stack.last().subject = QString::fromUtf8(source.sliced(region->contentBegin, region->contentEnd - region->contentBegin));
            }
            i = qsizetype(region->end) - 1;
            continue;
        }
        const char c = source[i];
        if (c == '{') {
            stack.append({i, {}, 0, {}, true});
        } else if (c == '}') {
            if (stack.isEmpty())
                continue;
            const Frame frame = stack.takeLast();
            const bool complete = std::all_of(keys.cbegin(), keys.cend(), [&](const QString &k) { return frame.keys.contains(k); });
            if (complete)
                hits.append({&rule, frame.reportOffset ? frame.reportOffset : quint32(frame.open), frame.subject});
        } else if (c == ',' && !stack.isEmpty()) {
            stack.last().expectKey = true;
        } else if (isIdentChar(c) && !stack.isEmpty() && stack.last().expectKey && (i == 0 || !isIdentChar(source[i - 1]))) {
            qsizetype end = i;
            while (end < source.size() && isIdentChar(source[end]))
                ++end;
            const qsizetype after = cursor.skipSpaceAndComments(end);
            const QString key = QString::fromLatin1(source.sliced(i, end - i));
            // "key:" or a shorthand property "key," / "key }".
            if (after < source.size() && (source[after] == ':' || source[after] == ',' || source[after] == '}')) {
                if (source[after] == ':' && after + 1 < source.size() && source[after + 1] == ':') {
                    i = end - 1;
                    continue;
                }
                stack.last().keys << key;
                if (key == reportKey)
                    stack.last().reportOffset = quint32(i);
                stack.last().expectKey = source[after] != ':';
            } else {
                stack.last().expectKey = false;
            }
            i = end - 1;
        }
    }
}

// Finds method calls such as .prepare('name'), with conditions on the first argument.
void HostDetectors::findCalls(const Rule &rule, QByteArrayView source, const LexedFile &file, QList<HostHit> &hits) const
{
    const QStringList calls = strings(rule.detect.value(u"calls"));
    const QString firstArgument = rule.detect.value(u"firstArgument").toString(QStringLiteral("any"));
    const int minArguments = rule.detect.value(u"minArguments").toInt(0);
    const CodeCursor cursor(source, file);
    for (const QString &call : calls) {
        const QByteArray needle = call.toUtf8();
        for (qsizetype at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) {
            const qsizetype nameEnd = at + needle.size();
            if (nameEnd < source.size() && isIdentChar(source[nameEnd]))
                continue; // .prepareStatement is not .prepare
            if (cursor.inRegion(quint32(at)))
                continue;
            qsizetype open = cursor.skipSpaceAndComments(nameEnd);
            if (open >= source.size() || source[open] != '(')
                continue;
            // Look at the arguments: the first one's shape and how many there are.
            qsizetype arg = cursor.skipSpaceAndComments(open + 1);
            const LexedRegion *literal = arg < source.size() ? cursor.regionStartingAt(quint32(arg)) : nullptr;
            QString subject;
            if (literal && literal->kind == RegionKind::String)
                subject = QString::fromUtf8(source.sliced(literal->contentBegin, literal->contentEnd - literal->contentBegin));
            bool accepted = true;
            if (firstArgument == u"name") {
                // A statement name, not SQL: a literal without spaces.
                accepted = literal && literal->kind == RegionKind::String && !subject.isEmpty()
                    && !subject.contains(u' ') && !subject.contains(u'\n');
            } else if (firstArgument == u"nonzero") {
                accepted = arg < source.size() && source[arg] != ')' && !(source[arg] == '0' && !(arg + 1 < source.size() && isIdentChar(source[arg + 1])));
            }
            if (!accepted)
                continue;
            if (minArguments > 1) {
                int depth = 0;
                int commas = 0;
                for (qsizetype p = open + 1; p < source.size(); ++p) {
                    if (const LexedRegion *region = cursor.regionStartingAt(quint32(p))) {
                        p = qsizetype(region->end) - 1;
                        continue;
                    }
                    const char c = source[p];
                    if (c == '(' || c == '[' || c == '{')
                        ++depth;
                    else if (c == ')' || c == ']' || c == '}') {
                        if (depth-- == 0)
                            break;
                    } else if (c == ',' && depth == 0)
                        ++commas;
                }
                if (commas + 1 < minArguments)
                    continue;
            }
            hits.append({&rule, quint32(at + (needle.startsWith('.') ? 1 : 0)), subject});
        }
    }
}

} // namespace poolproof
