#pragma once

#include "rules/rulecatalog.h"
#include "scan/scanresult.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <functional>

namespace poolproof {

// SARIF 2.1.0, as GitHub code scanning reads it: one run, the catalog's rules as the driver's
// rules (with help text and a security-severity-free level), partial fingerprints for
// de-duplication across commits, and suppressed findings marked as such.
QJsonObject scanResultToSarif(const ScanResult &result, const RuleCatalog &catalog, const QString &toolVersion);
// The same document as QJsonDocument(scanResultToSarif()).toJson(Indented), byte for byte, handed
// to write in pieces as the results are rendered on every core: a large scan's report is never
// held whole. Stops at the first piece write refuses and returns false.
bool writeScanResultSarif(const ScanResult &result, const RuleCatalog &catalog, const QString &toolVersion,
                          const std::function<bool(QByteArrayView)> &write);

} // namespace poolproof
