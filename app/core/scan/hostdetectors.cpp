#include "hostdetectors.h"

#include "bytesearch.h"

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

QList<HostRuleParameters::Packages> packagesOf(const QJsonValue &value)
{
    QList<HostRuleParameters::Packages> list;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        list.append({it.key(), strings(it.value())});
    return list;
}

// The key mask of object-keys holds one bit per key.
constexpr qsizetype maxObjectKeys = 64;

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

// The same question as CodeCursor::regionStartingAt for offsets that only grow: one step
// along the regions instead of a search per byte.
class ForwardRegions
{
public:
    explicit ForwardRegions(const LexedFile &file)
        : m_regions(file.regions)
    {
    }

    const LexedRegion *startingAt(quint32 offset)
    {
        while (m_next < m_regions.size() && m_regions[m_next].begin < offset)
            ++m_next;
        return m_next < m_regions.size() && m_regions[m_next].begin == offset ? &m_regions[m_next] : nullptr;
    }

    // The next region starting at or after offset, or the end of the text.
    quint32 nextStart(quint32 offset, quint32 textEnd)
    {
        while (m_next < m_regions.size() && m_regions[m_next].begin < offset)
            ++m_next;
        return m_next < m_regions.size() ? m_regions[m_next].begin : textEnd;
    }

private:
    const std::vector<LexedRegion> &m_regions;
    size_t m_next = 0;
};

} // namespace

std::optional<HostRuleParameters> HostRuleParameters::compile(const Rule &rule)
{
    const QString detector = rule.detect.value(u"detector").toString();
    if (detector != u"object-keys" && detector != u"call")
        return std::nullopt;
    HostRuleParameters out;
    out.rule = &rule;
    out.detector = detector == u"object-keys" ? Detector::ObjectKeys : Detector::Call;
    out.languages = strings(rule.detect.value(u"languages"));
    out.requiresAll = packagesOf(rule.detect.value(u"requiresDependencies"));
    out.requiresAny = packagesOf(rule.detect.value(u"requiresAnyDependency"));
    for (const QString &mention : strings(rule.detect.value(u"excludedWhenFileMentions"))) {
        // Module names appear quoted in imports and requires.
        const QByteArray name = mention.toUtf8();
        out.excludingMentions << QByteArray('\'' + name + '\'') << QByteArray('"' + name + '"');
    }
    out.keys = strings(rule.detect.value(u"keys")).mid(0, maxObjectKeys);
    for (const QString &key : std::as_const(out.keys))
        out.keysUtf8 << key.toUtf8();
    out.reportKey = rule.detect.value(u"reportKey").toString(out.keys.value(0));
    for (const QString &call : strings(rule.detect.value(u"calls")))
        out.calls << call.toUtf8();
    const QString firstArgument = rule.detect.value(u"firstArgument").toString(QStringLiteral("any"));
    out.firstArgument = firstArgument == u"name" ? FirstArgument::Name
        : firstArgument == u"nonzero"            ? FirstArgument::NonZero
                                                 : FirstArgument::Any;
    out.minArguments = rule.detect.value(u"minArguments").toInt(0);
    return out;
}

HostDetectors::HostDetectors(const QList<Rule> &rules, const ProjectDependencies &dependencies)
    : m_dependencies(dependencies)
{
    for (const Rule &rule : rules) {
        if (std::optional<HostRuleParameters> parameters = HostRuleParameters::compile(rule))
            m_rules.append(std::move(*parameters));
    }
    for (qsizetype index = 0; index < m_rules.size(); ++index) {
        if (!dependenciesAllow(m_rules.at(index)))
            continue;
        for (const QString &language : m_rules.at(index).languages)
            m_rulesByLanguage[language].append(index);
    }
}

bool HostDetectors::dependenciesAllow(const HostRuleParameters &rule) const
{
    // An ecosystem the repository has no manifest for says nothing: the rule stays on.
    for (const HostRuleParameters::Packages &packages : rule.requiresAll) {
        if (!m_dependencies.knows(packages.ecosystem))
            continue;
        for (const QString &package : packages.names) {
            if (!m_dependencies.has(packages.ecosystem, package))
                return false;
        }
    }
    for (const HostRuleParameters::Packages &packages : rule.requiresAny) {
        if (!m_dependencies.knows(packages.ecosystem))
            continue;
        if (std::none_of(packages.names.cbegin(), packages.names.cend(),
                         [&](const QString &package) { return m_dependencies.has(packages.ecosystem, package); }))
            return false;
    }
    return true;
}

bool HostDetectors::fileExcludes(const HostRuleParameters &rule, QByteArrayView source)
{
    return std::any_of(rule.excludingMentions.cbegin(), rule.excludingMentions.cend(),
                       [&](const QByteArray &mention) { return containsBytes(source, mention); });
}

QList<HostHit> HostDetectors::run(const QString &languageId, QByteArrayView source, const LexedFile &file) const
{
    QList<HostHit> hits;
    const auto rules = m_rulesByLanguage.constFind(languageId);
    if (rules == m_rulesByLanguage.cend())
        return hits;
    for (const qsizetype index : *rules) {
        const HostRuleParameters &rule = m_rules.at(index);
        // The detector first: it rarely finds anything, and only then do the file's imports
        // (a search for every excluding module name) need looking at.
        QList<HostHit> found;
        if (rule.detector == HostRuleParameters::Detector::ObjectKeys)
            findObjectKeys(rule, source, file, found);
        else
            findCalls(rule, source, file, found);
        if (!found.isEmpty() && !fileExcludes(rule, source))
            hits += found;
    }
    return hits;
}

// Finds object literals that have all the given keys, e.g. node-postgres's { name, text }.
void HostDetectors::findObjectKeys(const HostRuleParameters &rule, QByteArrayView source, const LexedFile &file,
                                   QList<HostHit> &hits)
{
    if (rule.keys.isEmpty())
        return;
    for (const QByteArray &key : rule.keysUtf8) {
        if (!containsBytes(source, key))
            return;
    }
    const quint64 allKeys = rule.keys.size() == maxObjectKeys ? ~quint64(0) : (quint64(1) << rule.keys.size()) - 1;
    // Records a key of the innermost object: which of the rule's keys it is, and whether it is
    // the key whose value names what is reported.
    struct Frame {
        qsizetype open = 0;
        quint64 keysSeen = 0;
        bool lastKeyIsReportKey = false;
        quint32 reportOffset = 0;
        QString subject;
        bool expectKey = true;
    };
    const auto addKey = [&](Frame &frame, const QString &key, quint32 offset) {
        const qsizetype index = rule.keys.indexOf(key);
        if (index >= 0)
            frame.keysSeen |= quint64(1) << index;
        frame.lastKeyIsReportKey = key == rule.reportKey;
        if (frame.lastKeyIsReportKey)
            frame.reportOffset = offset;
    };
    const CodeCursor cursor(source, file);
    ForwardRegions regions(file);
    QList<Frame> stack;
    qsizetype nextBrace = -1; // the next '{' after the last one looked for; size() when none
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (const LexedRegion *region = regions.startingAt(quint32(i))) {
            // A quoted key: "name": ...
            if (region->kind == RegionKind::String && !stack.isEmpty() && stack.last().expectKey) {
                const qsizetype after = cursor.skipSpaceAndComments(region->end);
                if (after < source.size() && source[after] == ':') {
                    addKey(stack.last(),
                           QString::fromUtf8(
                               source.sliced(region->contentBegin, region->contentEnd - region->contentBegin)),
                           region->begin);
                    stack.last().expectKey = false;
                }
            } else if (region->kind == RegionKind::String && !stack.isEmpty() && stack.last().subject.isEmpty()
                       && stack.last().lastKeyIsReportKey) {
                stack.last().subject
                    = QString::fromUtf8(source.sliced(region->contentBegin, region->contentEnd - region->contentBegin));
            }
            i = qsizetype(region->end) - 1;
            continue;
        }
        const char c = source[i];
        if (c == '{') {
            Frame frame;
            frame.open = i;
            stack.append(frame);
        } else if (c == '}') {
            if (stack.isEmpty())
                continue;
            const Frame frame = stack.takeLast();
            if ((frame.keysSeen & allKeys) == allKeys)
                hits.append({rule.rule, frame.reportOffset ? frame.reportOffset : quint32(frame.open), frame.subject});
        } else if (c == ',' && !stack.isEmpty()) {
            stack.last().expectKey = true;
        } else if (isIdentChar(c) && !stack.isEmpty() && stack.last().expectKey
                   && (i == 0 || !isIdentChar(source[i - 1]))) {
            qsizetype end = i;
            while (end < source.size() && isIdentChar(source[end]))
                ++end;
            const qsizetype after = cursor.skipSpaceAndComments(end);
            // "key:" or a shorthand property "key," / "key }".
            if (after < source.size() && (source[after] == ':' || source[after] == ',' || source[after] == '}')) {
                if (source[after] == ':' && after + 1 < source.size() && source[after + 1] == ':') {
                    i = end - 1;
                    continue;
                }
                addKey(stack.last(), QString::fromLatin1(source.sliced(i, end - i)), quint32(i));
                stack.last().expectKey = source[after] != ':';
            } else {
                stack.last().expectKey = false;
            }
            i = end - 1;
        } else if (stack.isEmpty()) {
            // Outside any object only the next brace or literal matters.
            if (nextBrace <= i) {
                nextBrace = source.indexOf('{', i + 1);
                if (nextBrace < 0)
                    nextBrace = source.size();
            }
            i = std::min<qsizetype>(nextBrace, regions.nextStart(quint32(i + 1), quint32(source.size()))) - 1;
        }
    }
}

// Finds method calls such as .prepare('name'), with conditions on the first argument.
void HostDetectors::findCalls(const HostRuleParameters &rule, QByteArrayView source, const LexedFile &file,
                              QList<HostHit> &hits)
{
    const CodeCursor cursor(source, file);
    for (const QByteArray &needle : rule.calls) {
        for (qsizetype at = findBytes(source, needle); at >= 0; at = findBytes(source, needle, at + 1)) {
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
                subject = QString::fromUtf8(
                    source.sliced(literal->contentBegin, literal->contentEnd - literal->contentBegin));
            bool accepted = true;
            if (rule.firstArgument == HostRuleParameters::FirstArgument::Name) {
                // A statement name, not SQL: a literal without spaces.
                accepted = literal && literal->kind == RegionKind::String && !subject.isEmpty()
                    && !subject.contains(u' ') && !subject.contains(u'\n');
            } else if (rule.firstArgument == HostRuleParameters::FirstArgument::NonZero) {
                accepted = arg < source.size() && source[arg] != ')'
                    && !(source[arg] == '0' && !(arg + 1 < source.size() && isIdentChar(source[arg + 1])));
            }
            if (!accepted)
                continue;
            if (rule.minArguments > 1) {
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
                if (commas + 1 < rule.minArguments)
                    continue;
            }
            hits.append({rule.rule, quint32(at + (needle.startsWith('.') ? 1 : 0)), subject});
        }
    }
}

} // namespace poolproof
