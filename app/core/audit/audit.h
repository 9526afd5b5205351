#pragma once

#include "env/environmentaudit.h"
#include "scan/scanengine.h"

#include <QDateTime>

#include <atomic>
#include <optional>

namespace poolproof {

enum class AuditStatus { Compatible, CompatibleWithWarnings, Incompatible };
QString auditStatusId(AuditStatus status); // "COMPATIBLE", "COMPATIBLE WITH WARNINGS", "INCOMPATIBLE"

struct AuditOptions {
    QString root;
    QString profileId; // empty: the project file's, else the catalog's default
    QDateTime date; // invalid: now; set it for reproducible output
    int jobs = 0;
    WalkOptions walk;
    QList<EnvironmentFile> environmentFiles; // --env-file: dotenv files outside the repository
};

// One audit: the code scan and the environment checks, with one pooler profile, at one date.
struct AuditResult {
    QString projectName;
    QString root;
    QDateTime date;
    QString toolVersion;
    QString profileId;
    QString profileReason; // translated: where the profile came from
    ScanResult scan;
    std::optional<EnvironmentAudit> environments;
    QString environmentsError;

    // Every unsuppressed finding, code and environments.
    QList<Finding> allFindings() const;
    // How many of allFindings() have each severity, counted in one pass.
    struct SeverityCounts {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
    };
    SeverityCounts severityCounts() const;
    AuditStatus status() const;
};

// Runs the scan and the environment audit. Fails (result.scan.error) only when the root cannot be read.
AuditResult runAudit(const AuditOptions &options, const ScanObserver &observer = {},
                     const std::atomic<bool> *cancel = nullptr);

// The audit of a scan already made, e.g. the one a window shows: the project file's ignored rules
// and excludes are applied to it, and only the environments are read and checked.
AuditResult auditFromScan(const ScanResult &scan, const AuditOptions &options);

} // namespace poolproof
