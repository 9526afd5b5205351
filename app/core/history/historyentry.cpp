#include "historyentry.h"

namespace poolproof {

HistoryFinding historyFinding(const Finding &finding)
{
    return HistoryFinding {finding.fingerprint,   finding.ruleId,   finding.location.path,
                           finding.location.line, finding.severity, finding.suppressed};
}

int HistoryEntry::count(Severity severity) const
{
    switch (severity) {
    case Severity::Error: return errorCount;
    case Severity::Warning: return warningCount;
    case Severity::Info: return infoCount;
    case Severity::Ok: return 0;
    }
    return 0;
}

} // namespace poolproof
