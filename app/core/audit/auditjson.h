#pragma once

#include "audit.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <functional>

namespace poolproof {

// The whole audit as JSON (docs/json-schema.md): status, the scan, and every environment with
// its masked connection strings and findings. Deterministic for a given result.
QJsonObject auditToJson(const AuditResult &audit);
// QJsonDocument(auditToJson()).toJson(Indented), byte for byte, handed to write in pieces as the
// findings are rendered: a large audit is never held whole. False when write refused a piece.
bool writeAuditJson(const AuditResult &audit, const std::function<bool(QByteArrayView)> &write);

// The audit's findings, code and environments, as one SARIF 2.1.0 log.
QJsonObject auditToSarif(const AuditResult &audit);
// Its indented bytes, in pieces, as writeAuditJson() writes the JSON.
bool writeAuditSarif(const AuditResult &audit, const std::function<bool(QByteArrayView)> &write);

} // namespace poolproof
