#include "urlfinding.h"

#include "rules/rulecatalog.h"

#include <QCryptographicHash>

namespace poolproof {

namespace {

// Heuristic checks (host names, ports, drift) are less certain than what libpq itself says.
Confidence confidenceFor(const QString &ruleId)
{
    static const QStringList medium {QStringLiteral("PB510"), QStringLiteral("PB511"), QStringLiteral("PB530"),
                                     QStringLiteral("PB531"), QStringLiteral("PB540"), QStringLiteral("PB541")};
    return medium.contains(ruleId) ? Confidence::Medium : Confidence::High;
}

} // namespace

QString urlFindingFingerprint(const QString &ruleId, const QString &path, const QString &key,
                              const QString &environment, const QString &subject)
{
    const QString joined = ruleId + u'\n' + path + u'\n' + key + u'\n' + environment + u'\n' + subject;
    return QString::fromLatin1(QCryptographicHash::hash(joined.toUtf8(), QCryptographicHash::Sha1).toHex());
}

Finding makeUrlFinding(const UrlIssue &issue, const UrlSite &site, const QString &maskedSnippet,
                       const QString &profileId)
{
    Finding finding;
    finding.ruleId = issue.ruleId;
    const Rule *rule = RuleCatalog::builtin().rule(issue.ruleId);
    const Severity ruleSeverity = rule ? rule->severityFor(profileId) : Severity::Warning;
    finding.severity = qMin(ruleSeverity, issue.cap);
    finding.confidence = confidenceFor(issue.ruleId);
    finding.location = site.value;
    const auto field = site.fields.constFind(issue.keyword);
    if (field != site.fields.constEnd()) {
        finding.location = *field;
    } else if (site.singleLine && issue.span.isValid()) {
        finding.location.column = site.value.column + int(issue.span.offset);
        finding.location.endLine = site.value.line;
        finding.location.endColumn = finding.location.column + int(issue.span.length);
    }
    finding.snippet = maskedSnippet;
    finding.subject = issue.subject;
    finding.message = issue.message;
    finding.fix = !issue.fix.isEmpty() ? issue.fix : rule ? RuleCatalog::translated(rule->fix) : QString();
    finding.environment = site.environment;
    finding.fingerprint
        = urlFindingFingerprint(issue.ruleId, site.value.path, site.key, site.environment, issue.subject);
    return finding;
}

} // namespace poolproof
