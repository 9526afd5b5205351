#pragma once

#include "audit.h"

#include <QJsonObject>

namespace poolproof {

// The whole audit as JSON (docs/json-schema.md): status, the scan, and every environment with
// its masked connection strings and findings. Deterministic for a given result.
QJsonObject auditToJson(const AuditResult &audit);

// The audit's findings, code and environments, as one SARIF 2.1.0 log.
QJsonObject auditToSarif(const AuditResult &audit);

} // namespace poolproof
