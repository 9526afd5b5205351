#pragma once

#include "historyentry.h"

namespace poolproof {

// A scan set against an earlier one (a stored scan or a baseline file), matched by fingerprint.
// Only unsuppressed findings take part: a suppressed finding is never "added", and a baseline
// finding that is now suppressed is not "fixed" either (it is listed in suppressed).
struct ScanComparison {
    QList<Finding> added; // unsuppressed now, not an unsuppressed finding of the baseline
    QList<Finding> unchanged; // unsuppressed now and in the baseline
    QList<Finding> suppressed; // suppressed now, whatever the baseline said
    QList<HistoryFinding> fixed; // unsuppressed in the baseline, gone from the current scan
};

ScanComparison compareScans(const QList<Finding> &current, const QList<HistoryFinding> &baseline);

} // namespace poolproof
