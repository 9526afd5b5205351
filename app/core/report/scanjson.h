#pragma once

#include "scan/scanresult.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <functional>

namespace poolproof {

// The scan result as JSON (schema documented in docs/json-schema.md): findings, notes, counts,
// the pooler profile and the detected dependencies. Deterministic: same result, same bytes.
QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion);
// The same with findings standing in for the result's own list (a streamed writer's marker).
QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion, const QJsonArray &findings);
QJsonObject findingToJson(const Finding &finding);

// The same document written as bytes, one finding a line. Linear in the number of findings,
// where building one QJsonObject of tens of thousands of findings is not; for large scans.
QByteArray scanResultToJsonBytes(const ScanResult &result, const QString &toolVersion);
// The same bytes, handed to write piece by piece as they are rendered on every core: writing the
// first pieces overlaps rendering the rest. Stops at the first piece write refuses and returns
// false; true when all of it was taken.
bool writeScanResultJson(const ScanResult &result, const QString &toolVersion,
                         const std::function<bool(QByteArrayView)> &write);

} // namespace poolproof
