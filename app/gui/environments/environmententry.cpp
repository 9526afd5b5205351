#include "environmententry.h"

#include "rules/rulecatalog.h"
#include "url/masking.h"

#include <QCoreApplication>

namespace poolproof::gui {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::EnvironmentEntry)
};

PolicyContext environmentContext(const AuditedEnvironment &environment, const EnvironmentAudit &audit)
{
    PolicyContext context;
    context.environment = environment.name;
    context.kind = environment.kind;
    context.profile = RuleCatalog::builtin().profile(audit.profileId);
    context.poolerExpected = environment.poolerExpected;
    context.poolerExpectedReason = environment.poolerExpectedReason;
    context.pooler = environment.pooler;
    return context;
}

// The same context Auditor::checkEnvironment builds in core, so that an unedited entry checks
// exactly as the audit did.
PolicyContext urlContext(PolicyContext context, const DiscoveredUrl &url)
{
    context.role = url.role;
    context.framework = url.framework;
    context.frameworkSettings = url.frameworkSettings;
    const QString migrations = QStringLiteral("migrationsUseThisUrl");
    if (url.frameworkSettings.contains(migrations)) {
        context.migrationsUseThisUrl = true;
        context.migrationsReason = url.frameworkSettings.value(migrations);
    }
    return context;
}

UrlSite siteOf(const DiscoveredUrl &url)
{
    UrlSite site;
    site.value = url.location;
    site.singleLine = url.singleLine;
    site.key = url.key;
    site.environment = url.environment;
    for (const UrlPart &part : url.parts)
        site.fields.insert(part.keyword, part.location);
    return site;
}

// The edited text with each "****" that still stands where the original had a secret put back to
// that secret, so that an edit of the host does not turn ${DB_PASSWORD} into a literal password.
// The clear text goes to the check only; the widgets keep the masked one.
QString withOriginalSecrets(const QString &edited, const QString &original)
{
    const QList<TextSpan> originalSpans = secretSpans(original);
    const QList<TextSpan> editedSpans = secretSpans(edited);
    if (originalSpans.isEmpty() || editedSpans.size() != originalSpans.size())
        return edited;
    QString result = edited;
    // From the end, so that earlier offsets stay valid.
    for (qsizetype i = editedSpans.size() - 1; i >= 0; --i) {
        const TextSpan &span = editedSpans.at(i);
        if (!span.isValid() || QStringView(edited).mid(span.offset, span.length) != passwordMask)
            continue;
        const TextSpan &from = originalSpans.at(i);
        result.replace(span.offset, span.length, original.mid(from.offset, from.length));
    }
    return result;
}

bool pointsAt(const Finding &finding, const DiscoveredUrl &url)
{
    return finding.location.path == url.location.path && finding.location.line == url.location.line;
}

} // namespace

QList<Finding> EnvironmentEntry::findings() const
{
    return checked ? check.findings + crossFindings : crossFindings;
}

Severity EnvironmentEntry::verdict() const
{
    return worstSeverity(findings());
}

QString EnvironmentEntry::maskedText() const
{
    return maskConnectionString(text);
}

QString EnvironmentEntry::textForChecking() const
{
    return withOriginalSecrets(text, secretSource);
}

QString EnvironmentEntry::sourceLabel() const
{
    if (userAdded)
        return Texts::tr("added by you");
    if (url.location.path.isEmpty())
        return {};
    return url.location.line > 0 ? url.location.path + u':' + QString::number(url.location.line) : url.location.path;
}

QList<EnvironmentEntry> entriesFromAudit(const EnvironmentAudit &audit)
{
    QList<EnvironmentEntry> entries;
    for (const AuditedEnvironment &environment : audit.environments) {
        const PolicyContext context = environmentContext(environment, audit);
        const qsizetype first = entries.size();
        QList<Finding> unplaced = environment.findings;
        for (const EnvironmentUrl &found : environment.urls) {
            EnvironmentEntry entry;
            entry.environment = environment.name;
            entry.kind = environment.kind;
            entry.url = found.url;
            entry.context = urlContext(context, found.url);
            entry.libpqVersion = audit.libpqVersion;
            entry.checked = found.checked;
            entry.check = found.check;
            // The editor starts from the masked text: a password never reaches a widget.
            if (found.url.state == ValueState::Written) {
                entry.secretSource = found.url.connectionText();
                entry.text = maskConnectionString(entry.secretSource);
            }
            for (const Finding &finding : found.check.findings)
                unplaced.removeOne(finding);
            entries.append(entry);
        }
        // The environment-wide checks (drift, development hosts, literal secrets) go with the
        // setting they point at, or with the environment's first setting.
        for (const Finding &finding : std::as_const(unplaced)) {
            qsizetype target = -1;
            for (qsizetype i = first; i < entries.size() && target < 0; ++i) {
                if (pointsAt(finding, entries.at(i).url))
                    target = i;
            }
            if (target < 0 && first < entries.size())
                target = first;
            if (target >= 0)
                entries[target].crossFindings.append(finding);
        }
        if (environment.urls.isEmpty()) {
            EnvironmentEntry entry;
            entry.environment = environment.name;
            entry.kind = environment.kind;
            entry.url.environment = environment.name;
            entry.url.state = ValueState::Empty;
            entry.context = context;
            entry.libpqVersion = audit.libpqVersion;
            entry.crossFindings = environment.findings;
            entries.append(entry);
        }
    }
    return entries;
}

EnvironmentEntry userEntry(const QString &name, const QString &text, const EnvironmentAudit *audit)
{
    EnvironmentEntry entry;
    entry.environment = name.trimmed();
    entry.kind = environmentKindFromName(entry.environment);
    entry.userAdded = true;
    entry.url.environment = entry.environment;
    entry.url.key = QStringLiteral("DATABASE_URL");
    entry.url.sourceKind = QStringLiteral("user");
    entry.context.environment = entry.environment;
    entry.context.kind = entry.kind;
    entry.context.role = UrlRole::Application;
    entry.context.profile = RuleCatalog::builtin().profile(audit ? audit->profileId : QString());
    if (audit) {
        entry.libpqVersion = audit->libpqVersion;
        // An environment the repository knows lends its pooler and its driver; otherwise the
        // driver of any application URL is the best guess of what will read the string.
        const AuditedEnvironment *known = audit->environment(normalizedEnvironmentName(entry.environment));
        if (known) {
            entry.kind = known->kind;
            entry.context = environmentContext(*known, *audit);
            entry.context.environment = entry.environment;
        }
        for (const AuditedEnvironment &environment : audit->environments) {
            for (const EnvironmentUrl &found : environment.urls) {
                const bool better = !entry.url.dialect.dialect || (known && environment.name == known->name);
                if (found.url.role == UrlRole::Application && found.url.dialect.dialect && better)
                    entry.url.dialect = found.url.dialect;
            }
        }
    }
    recheckEntry(entry, text);
    entry.edited = false;
    return entry;
}

void recheckEntry(EnvironmentEntry &entry, const QString &text)
{
    entry.secretSource = withOriginalSecrets(text, entry.secretSource);
    entry.text = maskConnectionString(entry.secretSource);
    entry.edited = !entry.userAdded;
    entry.crossFindings.clear();
    entry.checked = !text.trimmed().isEmpty();
    if (!entry.checked) {
        entry.check = {};
        return;
    }
    UrlAnalysisOptions options;
    options.context = entry.url.dialect;
    options.libpqVersion = entry.libpqVersion;
    entry.check = checkConnectionString(entry.textForChecking(), options, entry.context, siteOf(entry.url));
    const QString snippet = maskConnectionString(text);
    for (Finding &finding : entry.check.findings)
        finding.snippet = snippet;
}

} // namespace poolproof::gui
