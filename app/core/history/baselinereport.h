#pragma once

#include "historyentry.h"
#include "scan/scanresult.h"

#include <QJsonObject>

namespace poolproof {

// A scan report narrowed to what is new since a baseline (docs/json-schema.md, "Baselines").
struct BaselineReport {
    QJsonObject json; // the "baseline" object: the source's keys plus new, unchanged, fixed, fixedFindings
    int added = 0;
    int unchanged = 0;
    int fixed = 0;
};

// Drops from result the findings that were already in the baseline (suppressed findings stay:
// they never count) and describes the comparison; source holds the keys that say what the
// baseline was.
BaselineReport applyBaseline(ScanResult &result, const QList<HistoryFinding> &baseline, const QJsonObject &source);

// The scan JSON document (as scanResultToJsonBytes writes it) with the "baseline" key added.
QByteArray withBaselineKey(const QByteArray &scanJson, const BaselineReport &report);

// A SARIF log (as scanResultToSarif builds it) with every result marked "new" and the baseline
// object in the run's properties.
void markSarifBaseline(QJsonObject &sarif, const BaselineReport &report);

} // namespace poolproof
