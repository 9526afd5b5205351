#pragma once

#include "dependencies.h"
#include "drivers/detectedclient.h"
#include "finding.h"
#include "scannote.h"

#include <QDateTime>
#include <QList>

namespace poolproof {

// Everything one scan of a repository produced.
struct ScanResult {
    QString root;
    QString profileId;
    QList<Finding> findings; // sorted by path, line, column, rule
    QList<ScanNote> notes; // sorted by path
    int filesListed = 0;
    int filesScanned = 0;
    qint64 bytesScanned = 0;
    qint64 durationMs = 0;
    bool cancelled = false;
    QString error; // the root could not be scanned at all
    ProjectDependencies dependencies;
    QList<DetectedClient> clients; // PostgreSQL drivers, ORMs, pools and migration tools the manifests declare
    QList<PoolSetting> poolSettings; // application pool sizes set in code and configuration

    int count(Severity severity, bool includeSuppressed = false) const;
    int suppressedCount() const;
    // The highest severity among unsuppressed findings, or nullopt when there are none.
    std::optional<Severity> worst() const;
};

// Sorts findings into report order and gives each a fingerprint that survives line shifts: the
// rule, the file, the normalised source line and the subject, plus an ordinal among identical ones.
void finalizeFindings(QList<Finding> &findings);

} // namespace poolproof
