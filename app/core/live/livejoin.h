#pragma once

#include "livecheck.h"
#include "poolerinfo.h"

#include "rules/rulecatalog.h"
#include "url/dialect.h"

#include <QList>
#include <QString>

namespace poolproof {

// The live facts the PB6xx rules are evaluated against.
struct LiveFacts {
    const PoolerInfo *pooler = nullptr; // nullptr: no pooler known
    QString database; // the database name the URL connects to
    QString endpoint; // host:port, for fingerprints
    QString environment;
    bool urlRequiresTls = false;
    LiveFailure failure = LiveFailure::None;
    Dialect dialect = Dialect::Libpq;
    const ScanResult *scan = nullptr;
    int applicationPoolSize = 0;
    int instances = 1;
    QString expectedPoolMode;
    const QList<ProveResult> *replays = nullptr;
};

// The pooler profile whose "liveMatch" (resources/poolers.json) fits the pooler's software,
// version and settings; empty when none fits or too little is known.
QString effectiveProfileId(const PoolerInfo &pooler);

// The PB6xx findings, driven by the "detect" blocks of resources/rules/live.json. Capacity that
// cannot be judged is added to *notChecked.
QList<Finding> liveMismatches(const LiveFacts &facts, const QString &profileId, const RuleCatalog &catalog,
                              QStringList *notChecked);

// The scan's findings with the severity they have on profileId.
QList<RegradedFinding> regradeFindings(const ScanResult &scan, const QString &profileId, const RuleCatalog &catalog);

} // namespace poolproof
