#pragma once

#include "detectedclient.h"
#include "driverrule.h"
#include "rules/rulecatalog.h"
#include "scan/dependencies.h"
#include "scan/finding.h"
#include "scan/repositorywalker.h"

#include <QList>

#include <atomic>

namespace poolproof {

struct ScanResult;
struct ScanObserver;

// What the driver rules found in a repository.
struct DriverAnalysis {
    QList<DetectedClient> clients; // sorted
    QList<PoolSetting> poolSettings; // sorted by path, line
    QList<Finding> findings; // PB3xx and PB4xx, suppressions applied; fingerprints not yet set
};

// The driver, ORM and migration-tool rules of the catalog (detectors client-call, config-key,
// setting, connection-string and manifest-version) and the pool-setting readers, compiled once:
// one analyzer serves a whole scan.
class DriverAnalyzer
{
public:
    DriverAnalyzer(const RuleCatalog &catalog, const PoolerProfile &profile);

    // Reads the manifests' clients, then only the files that can matter to a rule that applies
    // to the declared packages (in parallel), and judges them.
    DriverAnalysis analyze(const WalkResult &walk, const ProjectDependencies &dependencies, qint64 maxFileSize,
                           const std::atomic<bool> *cancel = nullptr) const;

private:
    struct PoolSettingReader {
        QString client;
        QString setting;
        FileScope scope;
        QHash<QString, QStringList> clients;
        QStringList keys;
        bool caseInsensitive = false;
        QStringList withinCalls;
    };

    const PoolerProfile &m_profile;
    QList<DriverRule> m_rules;
    QList<PoolSettingReader> m_poolReaders;
};

// The scan's hook: detected clients, pool settings and driver findings go into result (the
// findings also to the observer, as one batch).
void addDriverAnalysis(ScanResult &result, const WalkResult &walk, const PoolerProfile &profile, qint64 maxFileSize,
                       const ScanObserver &observer, const std::atomic<bool> *cancel);

} // namespace poolproof
