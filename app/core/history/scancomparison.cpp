#include "scancomparison.h"

#include <QSet>

namespace poolproof {

ScanComparison compareScans(const QList<Finding> &current, const QList<HistoryFinding> &baseline)
{
    QSet<QString> before;
    for (const HistoryFinding &finding : baseline) {
        if (!finding.suppressed)
            before.insert(finding.fingerprint);
    }
    ScanComparison comparison;
    QSet<QString> now;
    for (const Finding &finding : current) {
        now.insert(finding.fingerprint);
        if (finding.suppressed)
            comparison.suppressed.append(finding);
        else if (before.contains(finding.fingerprint))
            comparison.unchanged.append(finding);
        else
            comparison.added.append(finding);
    }
    for (const HistoryFinding &finding : baseline) {
        if (!finding.suppressed && !now.contains(finding.fingerprint))
            comparison.fixed.append(finding);
    }
    return comparison;
}

} // namespace poolproof
