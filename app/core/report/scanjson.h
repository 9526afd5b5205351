#pragma once

#include "scan/scanresult.h"

#include <QJsonObject>

namespace poolproof {

// The scan result as JSON (schema documented in docs/json-schema.md): findings, notes, counts,
// the pooler profile and the detected dependencies. Deterministic: same result, same bytes.
QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion);
QJsonObject findingToJson(const Finding &finding);

// The same document written as bytes, one finding a line. Linear in the number of findings,
// where building one QJsonObject of tens of thousands of findings is not; for large scans.
QByteArray scanResultToJsonBytes(const ScanResult &result, const QString &toolVersion);

} // namespace poolproof
