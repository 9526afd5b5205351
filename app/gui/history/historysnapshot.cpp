#include "historysnapshot.h"

#include <QSet>

namespace poolproof::gui {

namespace {

constexpr int listedScans = 50;

QSet<QString> openFingerprints(const QList<HistoryFinding> &findings)
{
    QSet<QString> fingerprints;
    for (const HistoryFinding &finding : findings) {
        if (!finding.suppressed)
            fingerprints.insert(finding.fingerprint);
    }
    return fingerprints;
}

// Each scan against the next older one with the same profile, by fingerprint.
QList<HistoryRow> rowsOf(const AuditHistory &history, const QString &root)
{
    QList<HistoryRow> rows;
    QList<HistoryEntry> full;
    for (const HistoryEntry &entry : history.entries(root, listedScans)) {
        rows.append({entry, -1, -1});
        full.append(history.entry(entry.id).value_or(entry));
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        for (qsizetype older = i + 1; older < full.size(); ++older) {
            if (full.at(older).profileId != full.at(i).profileId)
                continue;
            const QSet<QString> now = openFingerprints(full.at(i).findings);
            const QSet<QString> before = openFingerprints(full.at(older).findings);
            rows[i].added = int((now - before).size());
            rows[i].fixed = int((before - now).size());
            break;
        }
    }
    return rows;
}

} // namespace

HistorySnapshot recordScanInHistory(const QString &path, const ScanResult &scan, const QDateTime &date)
{
    HistorySnapshot snapshot;
    snapshot.root = AuditHistory::canonicalRoot(scan.root);
    AuditHistory history(path);
    if (!history.open(&snapshot.error))
        return snapshot;
    snapshot.recorded = history.record(scan, date, &snapshot.error);
    if (!snapshot.recorded)
        return snapshot;
    snapshot.previous = history.latest(snapshot.root, snapshot.recorded->id, scan.profileId);
    snapshot.comparison
        = compareScans(scan.findings, snapshot.previous ? snapshot.previous->findings : QList<HistoryFinding>());
    snapshot.rows = rowsOf(history, snapshot.root);
    return snapshot;
}

HistorySnapshot loadHistory(const QString &path, const QString &root)
{
    HistorySnapshot snapshot;
    snapshot.root = AuditHistory::canonicalRoot(root);
    AuditHistory history(path);
    if (!history.open(&snapshot.error))
        return snapshot;
    snapshot.rows = rowsOf(history, snapshot.root);
    return snapshot;
}

} // namespace poolproof::gui
