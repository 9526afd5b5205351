#pragma once

#include "history/audithistory.h"

#include <QList>
#include <QString>

#include <optional>

namespace poolproof::gui {

// One recorded scan as the History page lists it, with what changed since the scan before it
// (with the same pooler profile).
struct HistoryRow {
    poolproof::HistoryEntry entry; // without its findings
    int added = -1; // -1: no earlier scan to compare with
    int fixed = -1;
};

// What the history says about a repository after a scan: the scan as stored, the comparison
// with the previous one, and the list of its scans.
struct HistorySnapshot {
    QString root;
    std::optional<poolproof::HistoryEntry> recorded; // this scan; empty when only loaded, or on error
    std::optional<poolproof::HistoryEntry> previous; // the scan compared with, findings included
    poolproof::ScanComparison comparison; // this scan against previous
    QList<HistoryRow> rows; // newest first
    QString error; // translated; the history could not be used
};

// Stores a complete scan in the history at path and compares it with the previous scan of the
// same repository and profile. Blocking: for a worker thread, which gets its own connection.
HistorySnapshot recordScanInHistory(const QString &path, const poolproof::ScanResult &scan, const QDateTime &date);

// The history of a repository without storing anything.
HistorySnapshot loadHistory(const QString &path, const QString &root);

} // namespace poolproof::gui
