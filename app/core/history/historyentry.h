#pragma once

#include "scan/finding.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace poolproof {

// What the history keeps of one finding: enough to match it and to point at it, never its text.
// Snippets, messages and subjects can hold what a repository should not have (a password in a
// statement or a URL), so they are left out on purpose.
struct HistoryFinding {
    QString fingerprint; // as Finding::fingerprint: stable across line shifts
    QString ruleId;
    QString path; // relative to the scanned root, '/' separated
    int line = 0;
    Severity severity = Severity::Warning;
    bool suppressed = false;

    friend bool operator==(const HistoryFinding &, const HistoryFinding &) = default;
};

HistoryFinding historyFinding(const Finding &finding);

// One recorded scan of a repository.
struct HistoryEntry {
    qint64 id = -1;
    QString root; // canonical absolute path of the scanned folder
    QDateTime date; // UTC
    QString commit; // HEAD's full hash; empty outside a git work tree or before the first commit
    QString profileId; // the pooler profile the severities are for
    int findingCount = 0; // unsuppressed findings
    int errorCount = 0;
    int warningCount = 0;
    int infoCount = 0;
    int suppressedCount = 0;
    QList<HistoryFinding> findings; // report order; empty in AuditHistory::entries() lists

    int count(Severity severity) const;
};

} // namespace poolproof
