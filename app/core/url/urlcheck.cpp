#include "urlcheck.h"

#include "rules/poolerprofile.h"
#include "rules/rulecatalog.h"

#include <algorithm>

namespace poolproof {

Severity worstSeverity(const QList<Finding> &findings)
{
    Severity worst = Severity::Ok;
    for (const Finding &finding : findings) {
        if (!finding.suppressed)
            worst = std::max(worst, finding.severity);
    }
    return worst;
}

Severity CheckedUrl::verdict() const
{
    return worstSeverity(findings);
}

CheckedUrl checkConnectionString(const QString &text, const UrlAnalysisOptions &options, const PolicyContext &context,
                                 const UrlSite &site)
{
    CheckedUrl checked;
    checked.analysis = UrlAnalysis::analyze(text, options);
    checked.pooler = poolerHint(checked.analysis.facts(), context.pooler);
    const QString profileId = context.profile ? context.profile->id : RuleCatalog::builtin().defaultProfile().id;
    const QString snippet = checked.analysis.masked();
    QList<UrlIssue> issues = checked.analysis.issues();
    issues += checkPolicy(checked.analysis, context);
    for (const UrlIssue &issue : std::as_const(issues)) {
        Finding finding = makeUrlFinding(issue, site, snippet, profileId);
        if (finding.severity != Severity::Ok)
            checked.findings.append(finding);
    }
    std::stable_sort(checked.findings.begin(), checked.findings.end(), [](const Finding &a, const Finding &b) {
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        return a.location.column < b.location.column;
    });
    return checked;
}

} // namespace poolproof
