#include "driversjson.h"

#include <QJsonObject>

namespace poolproof {

QJsonArray clientsToJson(const QList<DetectedClient> &clients)
{
    QJsonArray array;
    for (const DetectedClient &client : clients) {
        QJsonObject object {
            {QStringLiteral("ecosystem"), client.ecosystem},   {QStringLiteral("package"), client.package},
            {QStringLiteral("name"), client.displayName},      {QStringLiteral("kind"), client.kind},
            {QStringLiteral("manifest"), client.manifestPath}, {QStringLiteral("line"), client.line},
        };
        if (!client.version.isEmpty()) {
            object.insert(QStringLiteral("version"), client.version);
            object.insert(QStringLiteral("locked"), client.locked);
        }
        array.append(object);
    }
    return array;
}

QJsonArray poolSettingsToJson(const QList<PoolSetting> &settings)
{
    QJsonArray array;
    for (const PoolSetting &setting : settings) {
        array.append(QJsonObject {
            {QStringLiteral("client"), setting.client},
            {QStringLiteral("setting"), setting.setting},
            {QStringLiteral("value"), setting.value},
            {QStringLiteral("path"), setting.path},
            {QStringLiteral("line"), setting.line},
        });
    }
    return array;
}

} // namespace poolproof
