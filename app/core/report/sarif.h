#pragma once

#include "rules/rulecatalog.h"
#include "scan/scanresult.h"

#include <QJsonObject>

namespace poolproof {

// SARIF 2.1.0, as GitHub code scanning reads it: one run, the catalog's rules as the driver's
// rules (with help text and a security-severity-free level), partial fingerprints for
// de-duplication across commits, and suppressed findings marked as such.
QJsonObject scanResultToSarif(const ScanResult &result, const RuleCatalog &catalog, const QString &toolVersion);

} // namespace poolproof
