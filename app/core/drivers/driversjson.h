#pragma once

#include "detectedclient.h"

#include <QJsonArray>
#include <QList>

namespace poolproof {

// The "clients" and "poolSettings" lists of the scan JSON (docs/json-schema.md).
QJsonArray clientsToJson(const QList<DetectedClient> &clients);
QJsonArray poolSettingsToJson(const QList<PoolSetting> &settings);

} // namespace poolproof
