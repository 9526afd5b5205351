#include "rule.h"

namespace poolproof {

Severity Rule::severityFor(const QString &profileId) const
{
    const auto it = severities.constFind(profileId);
    if (it != severities.constEnd())
        return *it;
    return severities.value(QStringLiteral("default"), Severity::Warning);
}

} // namespace poolproof
