#include "clientcatalog.h"

#include "manifests.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace poolproof {

namespace {

QString indexKey(const QString &ecosystem, const QString &package)
{
    return ecosystem + u'\x1f' + package;
}

} // namespace

const ClientCatalog &ClientCatalog::builtin()
{
    static const ClientCatalog catalog = [] {
        QFile file(QStringLiteral(":/poolproof/rules/drivers.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("built-in client catalog: drivers.json is missing");
        return fromJson(QJsonDocument::fromJson(file.readAll()).object().value(u"clients").toArray());
    }();
    return catalog;
}

ClientCatalog ClientCatalog::fromJson(const QJsonArray &clients)
{
    ClientCatalog catalog;
    for (const QJsonValue &value : clients) {
        const QJsonObject object = value.toObject();
        ClientDefinition definition;
        definition.ecosystem = object.value(u"ecosystem").toString();
        definition.package = normalizedPackageName(definition.ecosystem, object.value(u"package").toString());
        definition.displayName = object.value(u"name").toString();
        definition.kind = object.value(u"kind").toString();
        catalog.m_index.insert(indexKey(definition.ecosystem, definition.package), catalog.m_definitions.size());
        catalog.m_definitions.append(definition);
    }
    return catalog;
}

const ClientDefinition *ClientCatalog::find(const QString &ecosystem, const QString &package) const
{
    const auto it = m_index.constFind(indexKey(ecosystem, package));
    return it == m_index.constEnd() ? nullptr : &m_definitions.at(*it);
}

void sortClients(QList<DetectedClient> &clients)
{
    std::sort(clients.begin(), clients.end(), [](const DetectedClient &a, const DetectedClient &b) {
        return std::tie(a.ecosystem, a.package, a.manifestPath, a.line)
            < std::tie(b.ecosystem, b.package, b.manifestPath, b.line);
    });
}

void sortPoolSettings(QList<PoolSetting> &settings)
{
    std::sort(settings.begin(), settings.end(), [](const PoolSetting &a, const PoolSetting &b) {
        return std::tie(a.path, a.line, a.client, a.setting) < std::tie(b.path, b.line, b.client, b.setting);
    });
}

QList<DetectedClient> detectClients(const ProjectDependencies &dependencies, const ClientCatalog &catalog)
{
    QList<DetectedClient> clients;
    for (const ProjectDependencies::Declaration &declaration : dependencies.declarations()) {
        const ClientDefinition *definition = catalog.find(declaration.ecosystem, declaration.package);
        if (!definition)
            continue;
        clients.append({declaration.ecosystem, declaration.package, definition->displayName, definition->kind,
                        declaration.version, declaration.locked, declaration.manifestPath, declaration.line});
    }
    sortClients(clients);
    return clients;
}

} // namespace poolproof
