#include "rulecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace poolproof {

namespace {

QJsonObject readJson(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error
            = QCoreApplication::translate("poolproof::RuleCatalog", "cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QCoreApplication::translate("poolproof::RuleCatalog", "%1 is not valid JSON: %2 (at byte %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return {};
    }
    return document.object();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

bool readRule(const QJsonObject &object, const QString &path, Rule &rule, QString *error)
{
    rule.id = object.value(u"id").toString();
    rule.title = object.value(u"title").toString();
    rule.category = object.value(u"category").toString();
    rule.summary = object.value(u"summary").toString();
    rule.explanation = object.value(u"explanation").toString();
    rule.fix = object.value(u"fix").toString();
    rule.symptoms = stringList(object.value(u"symptoms"));
    const QJsonArray references = object.value(u"references").toArray();
    for (const QJsonValue &reference : references) {
        rule.references.append(
            {reference.toObject().value(u"title").toString(), reference.toObject().value(u"url").toString()});
    }
    const QJsonObject examples = object.value(u"examples").toObject();
    rule.failingExample = examples.value(u"failing").toString();
    rule.fixedExample = examples.value(u"fixed").toString();
    rule.detect = object.value(u"detect").toObject();
    const QJsonObject severities = object.value(u"severity").toObject();
    for (auto it = severities.constBegin(); it != severities.constEnd(); ++it) {
        const std::optional<Severity> severity = severityFromId(it.value().toString());
        if (!severity) {
            *error = QCoreApplication::translate("poolproof::RuleCatalog", "%1: rule %2 has an unknown severity \"%3\"")
                         .arg(path, rule.id, it.value().toString());
            return false;
        }
        rule.severities.insert(it.key(), *severity);
    }
    if (rule.id.isEmpty() || rule.title.isEmpty() || !rule.severities.contains(QStringLiteral("default"))) {
        *error = QCoreApplication::translate("poolproof::RuleCatalog",
                                             "%1: a rule needs an id, a title and a default severity (rule \"%2\")")
                     .arg(path, rule.id);
        return false;
    }
    return true;
}

PoolerProfile readProfile(const QJsonObject &object)
{
    PoolerProfile profile;
    profile.id = object.value(u"id").toString();
    profile.name = object.value(u"name").toString();
    profile.description = object.value(u"description").toString();
    profile.isDefault = object.value(u"default").toBool();
    profile.namedPreparedStatements = object.value(u"namedPreparedStatements").toBool();
    profile.deallocateAllHandled = object.value(u"deallocateAllHandled").toBool();
    profile.pinsInsteadOfBreaking = object.value(u"pinsInsteadOfBreaking").toBool();
    for (const QString &name : stringList(object.value(u"trackedParameters")))
        profile.trackedParameters << name.toLower();
    const QJsonArray ports = object.value(u"pooledPorts").toArray();
    for (const QJsonValue &port : ports)
        profile.pooledPorts << port.toInt();
    return profile;
}

} // namespace

const RuleCatalog &RuleCatalog::builtin()
{
    static const RuleCatalog catalog = [] {
        const QDir dir(QStringLiteral(":/poolproof/rules"));
        QStringList files;
        const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &name : names)
            files << dir.filePath(name);
        QString error;
        RuleCatalog loaded = load(files, QStringLiteral(":/poolproof/poolers.json"), &error);
        // The built-in catalog is checked by the tests; a broken one is a build defect.
        if (!error.isEmpty())
            qFatal("built-in rule catalog: %s", qPrintable(error));
        return loaded;
    }();
    return catalog;
}

RuleCatalog RuleCatalog::load(const QStringList &ruleFiles, const QString &profileFile, QString *error)
{
    RuleCatalog catalog;
    error->clear();
    for (const QString &path : ruleFiles) {
        const QJsonObject root = readJson(path, error);
        if (!error->isEmpty())
            return {};
        const QJsonArray rules = root.value(u"rules").toArray();
        for (const QJsonValue &value : rules) {
            Rule rule;
            if (!readRule(value.toObject(), path, rule, error))
                return {};
            if (catalog.rule(rule.id)) {
                *error = QCoreApplication::translate("poolproof::RuleCatalog", "%1: rule %2 is defined twice")
                             .arg(path, rule.id);
                return {};
            }
            catalog.m_rules.append(rule);
        }
    }
    std::sort(catalog.m_rules.begin(), catalog.m_rules.end(), [](const Rule &a, const Rule &b) { return a.id < b.id; });
    const QJsonObject profiles = readJson(profileFile, error);
    if (!error->isEmpty())
        return {};
    const QJsonArray list = profiles.value(u"profiles").toArray();
    for (const QJsonValue &value : list)
        catalog.m_profiles.append(readProfile(value.toObject()));
    if (catalog.m_profiles.isEmpty()) {
        *error = QCoreApplication::translate("poolproof::RuleCatalog", "%1 lists no pooler profile").arg(profileFile);
        return {};
    }
    return catalog;
}

const Rule *RuleCatalog::rule(QStringView id) const
{
    for (const Rule &rule : m_rules) {
        if (rule.id == id)
            return &rule;
    }
    return nullptr;
}

const PoolerProfile *RuleCatalog::profile(QStringView id) const
{
    for (const PoolerProfile &profile : m_profiles) {
        if (profile.id == id)
            return &profile;
    }
    return nullptr;
}

const PoolerProfile &RuleCatalog::defaultProfile() const
{
    for (const PoolerProfile &profile : m_profiles) {
        if (profile.isDefault)
            return profile;
    }
    return m_profiles.first();
}

QString RuleCatalog::translated(const QString &text)
{
    if (text.isEmpty())
        return text;
    return QCoreApplication::translate("poolproof::RuleCatalog", text.toUtf8().constData());
}

} // namespace poolproof
