#include "driverrule.h"

#include "lexer/languagespec.h"
#include "manifests.h"
#include "url/startupoptions.h"

#include <QJsonArray>

namespace poolproof {

namespace {

QHash<QString, QStringList> packageMap(const QJsonValue &value)
{
    QHash<QString, QStringList> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QStringList names;
        for (const QString &name : jsonStrings(it.value()))
            names << normalizedPackageName(it.key(), name);
        map.insert(it.key(), names);
    }
    return map;
}

SettingAlternative compileAlternative(const QJsonObject &object)
{
    return {jsonStrings(object.value(u"keys")), jsonStrings(object.value(u"safe"))};
}

SettingCheck compileCheck(const QJsonObject &object)
{
    SettingCheck check;
    check.subject = object.value(u"subject").toString();
    if (object.contains(u"anyOf")) {
        const QJsonArray alternatives = object.value(u"anyOf").toArray();
        for (const QJsonValue &alternative : alternatives)
            check.anyOf.append(compileAlternative(alternative.toObject()));
    } else if (object.contains(u"safe")) {
        check.anyOf.append(compileAlternative(object));
    }
    check.untrackedStartupOptions = object.value(u"untrackedStartupOptions").toBool();
    if (object.contains(u"unsafe") || object.contains(u"above") || check.untrackedStartupOptions) {
        check.keys = jsonStrings(object.value(u"keys"));
        check.unsafe = jsonStrings(object.value(u"unsafe"));
        if (object.contains(u"above"))
            check.above = qint64(object.value(u"above").toDouble());
    }
    if (check.subject.isEmpty()) {
        const QStringList keys = check.anyOf.isEmpty() ? check.keys : check.anyOf.first().keys;
        check.subject = keys.value(0);
    }
    return check;
}

QString normalizedValue(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
        value = value.mid(1, value.size() - 2);
    return value.trimmed().toLower();
}

std::optional<qint64> integerValue(const QString &value)
{
    QString digits = normalizedValue(value);
    digits.remove(u'_');
    bool ok = false;
    const qint64 number = digits.toLongLong(&ok);
    return ok ? std::optional<qint64>(number) : std::nullopt;
}

bool alternativeHolds(const SettingAlternative &alternative, const SourceText &file, bool caseInsensitive,
                      qsizetype from, qsizetype to)
{
    const QList<SettingHit> hits = file.findSettings(alternative.keys, caseInsensitive, from, to);
    return std::any_of(hits.cbegin(), hits.cend(),
                       [&](const SettingHit &hit) { return settingValueMatches(hit.value, alternative.safe); });
}

// Whether libpq options ("-c search_path=app -c jit=off", "--work_mem=64MB") set a parameter
// outside the set PgBouncer tracks in the startup packet. Only name=value items count: other
// text in an "options" value is no libpq option.
bool setsUntrackedParameter(const QString &options)
{
    static const QStringList tracked
        = {QStringLiteral("client_encoding"),  QStringLiteral("datestyle"),
           QStringLiteral("timezone"),         QStringLiteral("standard_conforming_strings"),
           QStringLiteral("application_name"), QStringLiteral("intervalstyle")};
    for (const StartupOption &option : startupOptions(options)) {
        if (option.hasValue && !tracked.contains(option.key))
            return true;
    }
    return false;
}

// The forbidden settings in [from, to): the hits with an unsafe value.
QList<SettingHit> unsafeSettings(const SettingCheck &check, const SourceText &file, bool caseInsensitive,
                                 qsizetype from = 0, qsizetype to = -1)
{
    QList<SettingHit> bad;
    if (check.keys.isEmpty())
        return bad;
    const QList<SettingHit> hits = file.findSettings(check.keys, caseInsensitive, from, to);
    for (const SettingHit &hit : hits) {
        const std::optional<qint64> number = integerValue(hit.value);
        if (settingValueMatches(hit.value, check.unsafe) || (check.above && number && *number > *check.above)
            || (check.untrackedStartupOptions && setsUntrackedParameter(normalizedValue(hit.value))))
            bad.append(hit);
    }
    return bad;
}

// The first failing check of a block [from, to): a required setting missing, or a forbidden one.
const SettingCheck *failingCheck(const DriverRule &rule, const SourceText &file, qsizetype from, qsizetype to)
{
    for (const SettingCheck &check : rule.checks) {
        if (!check.anyOf.isEmpty()
            && std::none_of(check.anyOf.cbegin(), check.anyOf.cend(), [&](const SettingAlternative &alternative) {
                   return alternativeHolds(alternative, file, rule.caseInsensitive, from, to);
               }))
            return &check;
        if (!unsafeSettings(check, file, rule.caseInsensitive, from, to).isEmpty())
            return &check;
    }
    return nullptr;
}

bool fileMentionsAny(const SourceText &file, const QStringList &texts, bool caseInsensitive)
{
    return texts.isEmpty() || std::any_of(texts.cbegin(), texts.cend(), [&](const QString &text) {
               return file.mentions(text.toUtf8(), caseInsensitive);
           });
}

void findClientCalls(const DriverRule &rule, const SourceText &file, QList<DriverHit> &hits)
{
    for (const QString &name : rule.calls) {
        const QList<SourceText::Call> calls = file.findCalls(name);
        for (const SourceText::Call &call : calls) {
            const QByteArrayView arguments = file.bytes().sliced(call.open, call.close - call.open);
            if (!rule.argumentsMention.isEmpty()
                && std::none_of(rule.argumentsMention.cbegin(), rule.argumentsMention.cend(),
                                [&](const QString &text) { return arguments.contains(text.toUtf8()); }))
                continue;
            if (rule.firstArgumentString) {
                qsizetype first = call.open + 1;
                while (first < call.close && QChar::isSpace(uchar(file.bytes()[first])))
                    ++first;
                const LexedRegion *region = file.regionAt(first);
                if (!region || region->kind != RegionKind::String || region->begin != quint32(first))
                    continue;
            }
            const SettingCheck *failing
                = rule.checks.isEmpty() ? nullptr : failingCheck(rule, file, call.open, call.close);
            if (!rule.checks.isEmpty() && !failing)
                continue;
            const QString callName = rule.subject.isEmpty() ? name.mid(name.startsWith(u'.') ? 1 : 0) : rule.subject;
            hits.append({&rule, call.name, failing ? failing->subject : callName});
        }
    }
}

void findUnconfiguredBlocks(const DriverRule &rule, const SourceText &file, QList<DriverHit> &hits)
{
    const SettingCheck *failing = failingCheck(rule, file, 0, -1);
    if (!failing)
        return;
    const QByteArray lineStart = rule.anchorLineStart.toUtf8();
    const QByteArrayView bytes = file.bytes();
    for (const QString &anchor : rule.anchors) {
        const QList<qsizetype> places = file.findWord(anchor, rule.caseInsensitive, true);
        for (qsizetype place : places) {
            // `config :app, App.Repo,` is the Repo's block; `repo: App.Repo,` inside another
            // library's block is not.
            if (!lineStart.isEmpty()) {
                qsizetype begin = place;
                while (begin > 0 && bytes[begin - 1] != '\n')
                    --begin;
                while (begin < place && (bytes[begin] == ' ' || bytes[begin] == '\t'))
                    ++begin;
                if (!bytes.sliced(begin, place - begin).startsWith(lineStart))
                    continue;
            }
            hits.append({&rule, place, failing->subject});
        }
    }
}

void findForbiddenSettings(const DriverRule &rule, const SourceText &file, QList<DriverHit> &hits)
{
    for (const SettingCheck &check : rule.checks) {
        const QList<SettingHit> bad = unsafeSettings(check, file, rule.caseInsensitive);
        for (const SettingHit &hit : bad)
            hits.append({&rule, hit.offset, check.subject.isEmpty() ? hit.key : check.subject});
    }
    for (const QString &token : rule.tokens) {
        const QList<qsizetype> places = file.findWord(token, false, false);
        for (qsizetype place : places)
            hits.append({&rule, place, token});
    }
}

// The extent of a connection string that starts at a marker: the literal it is in, or the
// unquoted value up to the end of its token (.env files, properties, YAML plain scalars).
std::pair<qsizetype, qsizetype> connectionStringExtent(const SourceText &file, qsizetype marker)
{
    const LexedRegion *region = file.regionAt(marker);
    if (region && region->kind == RegionKind::String)
        return {qsizetype(region->contentBegin), qsizetype(region->contentEnd)};
    const QByteArrayView bytes = file.bytes();
    qsizetype end = marker;
    while (end < bytes.size() && bytes[end] != ' ' && bytes[end] != '\t' && bytes[end] != '\n' && bytes[end] != '\r'
           && bytes[end] != '"' && bytes[end] != '\'')
        ++end;
    return {marker, end};
}

void findConnectionStrings(const DriverRule &rule, const SourceText &file, QList<DriverHit> &hits)
{
    QList<std::pair<qsizetype, qsizetype>> seen;
    for (const QString &marker : rule.markers) {
        const QList<qsizetype> places = file.findWord(marker, rule.caseInsensitive, true);
        for (qsizetype place : places) {
            const auto extent = connectionStringExtent(file, place);
            if (std::any_of(seen.cbegin(), seen.cend(), [&](const auto &other) {
                    return extent.first < other.second && other.first < extent.second;
                }))
                continue;
            seen.append(extent);
            const QString lineText = file.lineText(file.line(place));
            if (!rule.lineMentions.isEmpty()
                && std::none_of(rule.lineMentions.cbegin(), rule.lineMentions.cend(),
                                [&](const QString &text) { return lineText.contains(text); }))
                continue;
            if (std::any_of(rule.skipLineMentions.cbegin(), rule.skipLineMentions.cend(),
                            [&](const QString &text) { return lineText.contains(text, Qt::CaseInsensitive); }))
                continue;
            if (!rule.pooledWhen.isEmpty()) {
                const QString text
                    = QString::fromUtf8(file.bytes().sliced(extent.first, extent.second - extent.first)).toLower();
                if (std::none_of(rule.pooledWhen.cbegin(), rule.pooledWhen.cend(),
                                 [&](const QString &hint) { return text.contains(hint.toLower()); }))
                    continue;
            }
            if (rule.checks.isEmpty()) {
                hits.append({&rule, place, rule.subject.isEmpty() ? marker : rule.subject});
                continue;
            }
            if (const SettingCheck *failing = failingCheck(rule, file, extent.first, extent.second))
                hits.append({&rule, place, failing->subject});
        }
    }
}

} // namespace

bool clientsDeclared(const QHash<QString, QStringList> &clients, const ProjectDependencies &dependencies,
                     bool whenNoManifest)
{
    if (clients.isEmpty())
        return true;
    for (auto it = clients.constBegin(); it != clients.constEnd(); ++it) {
        if (!dependencies.knows(it.key()) ? whenNoManifest
                                          : std::any_of(it->cbegin(), it->cend(), [&](const QString &name) {
                                                return dependencies.has(it.key(), name);
                                            }))
            return true;
    }
    return false;
}

QStringList jsonStrings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

FileScope compileScope(const QJsonObject &object)
{
    FileScope scope;
    for (const QString &language : jsonStrings(object.value(u"languages")))
        scope.languages.insert(language);
    for (const QString &glob : jsonStrings(object.value(u"files"))) {
        scope.files.append(FileNameGlob(glob));
    }
    if (object.contains(u"lexAs"))
        scope.lexAs = languageById(object.value(u"lexAs").toString());
    return scope;
}

bool FileScope::matches(const QString &fileName, const QString &languageId) const
{
    if (languages.isEmpty() && files.isEmpty())
        return false;
    if (!languages.isEmpty() && !languages.contains(languageId))
        return false;
    return files.isEmpty()
        || std::any_of(files.cbegin(), files.cend(), [&](const FileNameGlob &glob) { return glob.matches(fileName); });
}

FileNameGlob::FileNameGlob(const QString &glob)
{
    const auto plain = [](QStringView text) {
        return std::none_of(text.begin(), text.end(),
                            [](QChar c) { return c == u'*' || c == u'?' || c == u'[' || c == u']' || c == u'\\'; });
    };
    if (plain(glob)) {
        m_kind = Kind::Exact;
        m_text = glob;
    } else if (glob.startsWith(u'*') && plain(QStringView(glob).sliced(1))) {
        m_kind = Kind::Suffix;
        m_text = glob.sliced(1);
    } else {
        m_pattern = QRegularExpression::fromWildcard(glob, Qt::CaseSensitive);
    }
}

bool FileNameGlob::matches(QStringView fileName) const
{
    switch (m_kind) {
    case Kind::Exact: return fileName == m_text;
    case Kind::Suffix: return fileName.endsWith(m_text);
    case Kind::Pattern: return m_pattern.matchView(fileName).hasMatch();
    }
    return false;
}

bool settingValueMatches(const QString &value, const QStringList &accepted)
{
    const QString normalized = normalizedValue(value);
    const qsizetype cut = std::max(normalized.lastIndexOf(u'.'), normalized.lastIndexOf(u':'));
    const QString last = cut >= 0 && cut + 1 < normalized.size() ? normalized.mid(cut + 1) : normalized;
    for (const QString &candidate : accepted) {
        const QString wanted = candidate.toLower();
        if (wanted == u"*" || normalized == wanted || last == wanted)
            return true;
    }
    return false;
}

std::optional<DriverRule> DriverRule::compile(const Rule &rule)
{
    static const QStringList detectors {QStringLiteral("client-call"), QStringLiteral("config-key"),
                                        QStringLiteral("setting"), QStringLiteral("connection-string"),
                                        QStringLiteral("manifest-version")};
    const QJsonObject &detect = rule.detect;
    DriverRule compiled;
    compiled.rule = &rule;
    compiled.detector = detect.value(u"detector").toString();
    if (!detectors.contains(compiled.detector))
        return std::nullopt;
    compiled.scope = compileScope(detect);
    compiled.clients = packageMap(detect.value(u"clients"));
    compiled.whenNoManifest = detect.value(u"whenNoManifest").toBool();
    compiled.alsoRequires = packageMap(detect.value(u"alsoRequires"));
    compiled.versionBelow = versionNumbers(detect.value(u"versionBelow").toString());
    compiled.caseInsensitive = detect.value(u"caseInsensitive").toBool();
    compiled.subject = detect.value(u"subject").toString();
    compiled.fileMentions = jsonStrings(detect.value(u"fileMentions"));
    compiled.calls = jsonStrings(detect.value(u"calls"));
    compiled.argumentsMention = jsonStrings(detect.value(u"argumentsMention"));
    compiled.firstArgumentString = detect.value(u"firstArgumentString").toBool();
    compiled.anchors = jsonStrings(detect.value(u"anchors"));
    compiled.anchorLineStart = detect.value(u"anchorLineStart").toString();
    compiled.markers = jsonStrings(detect.value(u"markers"));
    compiled.lineMentions = jsonStrings(detect.value(u"lineMentions"));
    compiled.skipLineMentions = jsonStrings(detect.value(u"skipLineMentions"));
    compiled.pooledWhen = jsonStrings(detect.value(u"pooledWhen"));
    compiled.tokens = jsonStrings(detect.value(u"tokens"));
    const QJsonArray checks = detect.value(u"settings").toArray();
    for (const QJsonValue &check : checks)
        compiled.checks.append(compileCheck(check.toObject()));
    const QJsonObject fixedBy = detect.value(u"fixedBy").toObject();
    const QJsonArray fixedSettings = fixedBy.value(u"settings").toArray();
    for (const QJsonValue &setting : fixedSettings)
        compiled.fixedBy.append(compileAlternative(setting.toObject()));
    compiled.fixedByTokens = jsonStrings(fixedBy.value(u"tokens"));
    compiled.fixedIn
        = fixedBy.contains(u"languages") || fixedBy.contains(u"files") ? compileScope(fixedBy) : compiled.scope;
    const QJsonObject requiresCode = detect.value(u"requiresCode").toObject();
    compiled.requiresCode = jsonStrings(requiresCode.value(u"tokens"));
    compiled.requiresCodeIn = compileScope(requiresCode);

    // A file is lexed only when it contains one of these.
    for (const QString &call : std::as_const(compiled.calls))
        compiled.callNeedles.append((call.startsWith(u'.') ? call.mid(1) : call).toUtf8());
    QStringList needles
        = compiled.anchors + compiled.markers + compiled.tokens + compiled.fixedByTokens + compiled.requiresCode;
    for (const SettingCheck &check : std::as_const(compiled.checks)) {
        needles += check.keys;
        for (const SettingAlternative &alternative : check.anyOf)
            needles += alternative.keys;
    }
    for (const SettingAlternative &alternative : std::as_const(compiled.fixedBy))
        needles += alternative.keys;
    for (const QString &needle : std::as_const(needles)) {
        QString text = needle.startsWith(u'.') ? needle.mid(1) : needle;
        if (!text.isEmpty())
            compiled.needles.append(text.toUtf8());
    }
    return compiled;
}

bool DriverRule::appliesTo(const ProjectDependencies &dependencies) const
{
    if (!clientsDeclared(clients, dependencies, whenNoManifest))
        return false;
    for (auto it = alsoRequires.constBegin(); it != alsoRequires.constEnd(); ++it) {
        if (std::any_of(it->cbegin(), it->cend(),
                        [&](const QString &name) { return !dependencies.has(it.key(), name); }))
            return false;
    }
    if (!versionBelow.isEmpty() && detector != u"manifest-version") {
        // A known version at or above the limit turns the rule off; an unknown one leaves it on.
        for (auto it = clients.constBegin(); it != clients.constEnd(); ++it) {
            for (const QString &name : *it) {
                const QList<int> version = versionNumbers(dependencies.version(it.key(), name));
                if (!version.isEmpty())
                    return compareVersions(version, versionBelow) < 0;
            }
        }
    }
    return true;
}

bool DriverRule::wantsFile(const QString &fileName, const QString &languageId, QByteArrayView bytes) const
{
    if (!scope.matches(fileName, languageId) && !fixedIn.matches(fileName, languageId)
        && !requiresCodeIn.matches(fileName, languageId))
        return false;
    return std::any_of(needles.cbegin(), needles.cend(),
                       [&](const QByteArray &needle) { return indexOfBytes(bytes, needle, 0, caseInsensitive) >= 0; })
        || std::any_of(callNeedles.cbegin(), callNeedles.cend(),
                       [&](const QByteArray &call) { return mentionsCall(bytes, call); });
}

QList<DriverHit> runDriverRule(const DriverRule &rule, const SourceText &file)
{
    QList<DriverHit> hits;
    if (!fileMentionsAny(file, rule.fileMentions, rule.caseInsensitive))
        return hits;
    if (rule.detector == u"client-call")
        findClientCalls(rule, file, hits);
    else if (rule.detector == u"config-key")
        findUnconfiguredBlocks(rule, file, hits);
    else if (rule.detector == u"setting")
        findForbiddenSettings(rule, file, hits);
    else if (rule.detector == u"connection-string")
        findConnectionStrings(rule, file, hits);
    return hits;
}

bool fileFixesRule(const DriverRule &rule, const SourceText &file)
{
    for (const SettingAlternative &alternative : rule.fixedBy) {
        if (alternativeHolds(alternative, file, rule.caseInsensitive, 0, -1))
            return true;
    }
    return std::any_of(rule.fixedByTokens.cbegin(), rule.fixedByTokens.cend(),
                       [&](const QString &token) { return !file.findWord(token, false, false).isEmpty(); });
}

bool fileHasRequiredCode(const DriverRule &rule, const SourceText &file)
{
    return std::any_of(rule.requiresCode.cbegin(), rule.requiresCode.cend(),
                       [&](const QString &token) { return !file.findWord(token, false, false).isEmpty(); });
}

} // namespace poolproof
