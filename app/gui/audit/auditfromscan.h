#pragma once

#include "audit/audit.h"

namespace poolproof::gui {

// The audit of a folder the window has already scanned: the scan is reused (with the project
// file's ignored rules and excludes applied, as runAudit does) and only the environments are
// read and checked. Slow enough for a worker thread on a large repository, never for the GUI's.
poolproof::AuditResult auditFromScan(const poolproof::ScanResult &scan, const QString &root, const QString &profileId);

} // namespace poolproof::gui
