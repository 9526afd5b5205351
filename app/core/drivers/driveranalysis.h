#pragma once

#include "detectedclient.h"
#include "driverrule.h"
#include "rules/rulecatalog.h"
#include "scan/dependencies.h"
#include "scan/finding.h"
#include "scan/repositorywalker.h"

#include <QList>

#include <memory>
#include <vector>

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
// one analyzer serves a whole scan, through a DriverPass.
class DriverAnalyzer
{
public:
    DriverAnalyzer(const RuleCatalog &catalog, const PoolerProfile &profile);

private:
    friend class DriverPass;

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

// The driver rules over one scan, in three steps so that the scan reads each file only once: the
// plan (the rules and readers that apply to the declared packages, and the files they may look
// at), each candidate's bytes as the scan's workers read them, then the project-wide judgement
// (fixes written anywhere, code a rule requires, manifest versions).
class DriverPass
{
public:
    // languageOf: languageForFileName() of each of walk.files, worked out once for the whole scan.
    DriverPass(const DriverAnalyzer &analyzer, const WalkResult &walk, const ProjectDependencies &dependencies,
               qint64 maxFileSize, const std::vector<const LanguageSpec *> &languageOf);
    ~DriverPass();
    DriverPass(const DriverPass &) = delete;
    DriverPass &operator=(const DriverPass &) = delete;

    // The candidate number of walk.files[walkIndex], or -1 when no applying rule or reader looks
    // at that file.
    int candidateOf(qsizetype walkIndex) const { return m_candidateOf[size_t(walkIndex)]; }
    // A candidate's content; keeps what the rules need. Safe from several threads at once as long
    // as each candidate is given once.
    void addFile(int candidate, QByteArrayView bytes);
    // Judges the files given so far.
    DriverAnalysis finish() const;

private:
    struct Candidate;
    struct LoadedFile;

    const DriverAnalyzer &m_analyzer;
    const WalkResult &m_walk;
    const ProjectDependencies &m_dependencies;
    QList<const DriverRule *> m_rules;
    QList<const DriverAnalyzer::PoolSettingReader *> m_readers;
    std::vector<int> m_candidateOf; // by walk index
    std::vector<Candidate> m_candidates;
    std::vector<std::unique_ptr<LoadedFile>> m_loaded; // by candidate
};

// The scan's hook: detected clients, pool settings and driver findings go into result (the
// findings also to the observer, as one batch).
void addDriverAnalysis(ScanResult &result, DriverAnalysis analysis, const ScanObserver &observer);

} // namespace poolproof
