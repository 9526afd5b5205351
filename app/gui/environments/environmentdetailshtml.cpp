#include "environmentdetailshtml.h"

#include "findings/severitystyle.h"
#include "rules/rulecatalog.h"
#include "url/masking.h"

#include <QCoreApplication>
#include <QPalette>

namespace poolproof::gui {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::EnvironmentDetails)
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString heading(const QString &text)
{
    return u"<h3>" + escaped(text) + u"</h3>";
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td style=\"padding-right:16px\"><b>" + escaped(name) + u"</b></td><td>" + escaped(value)
        + u"</td></tr>";
}

QString tlsName(TlsLevel level)
{
    switch (level) {
    case TlsLevel::Off: return Texts::tr("off");
    case TlsLevel::Opportunistic: return Texts::tr("opportunistic (falls back to plain text)");
    case TlsLevel::Encrypted: return Texts::tr("encrypted, server not verified");
    case TlsLevel::VerifyCa: return Texts::tr("certificate verified, host name not");
    case TlsLevel::VerifyFull: return Texts::tr("certificate and host name verified");
    }
    return {};
}

QString passwordText(const ConnectionFacts &facts)
{
    switch (facts.password) {
    case PasswordState::Absent: return Texts::tr("none in the string");
    case PasswordState::Empty: return Texts::tr("empty");
    case PasswordState::Reference: return Texts::tr("from %1").arg(facts.passwordReference);
    case PasswordState::Literal: return passwordMask.toString();
    }
    return {};
}

QString statusSection(const EnvironmentEntry &entry)
{
    const UrlAnalysis &analysis = entry.check.analysis;
    QString html = QStringLiteral("<table>");
    html += row(Texts::tr("Read by"), dialectName(analysis.dialect()));
    html += row(Texts::tr("libpq"),
                analysis.libpqAccepts() ? Texts::tr("accepts it")
                                        : Texts::tr("rejects it: %1").arg(analysis.libpqMessage()));
    if (analysis.dialect() != Dialect::Libpq)
        html += row(dialectName(analysis.dialect()),
                    analysis.driverAccepts() ? Texts::tr("accepts it")
                                             : Texts::tr("rejects it: %1").arg(analysis.driverMessage()));
    if (entry.url.role != UrlRole::PoolerConfig)
        html += row(Texts::tr("Route"),
                    entry.check.pooler.viaPooler ? Texts::tr("through the pooler (%1)").arg(entry.check.pooler.reason)
                                                 : Texts::tr("straight to the database"));
    if (entry.context.poolerExpected)
        html += row(Texts::tr("Pooler expected"), entry.context.poolerExpectedReason);
    return html + u"</table>";
}

QString issuesSection(const QList<Finding> &findings, const QPalette &palette)
{
    QString html = heading(Texts::tr("Issues"));
    if (findings.isEmpty())
        return html + u"<p>" + escaped(Texts::tr("No issues: this setting is fine for the pooler profile.")) + u"</p>";
    const RuleCatalog &catalog = RuleCatalog::builtin();
    for (const Finding &finding : findings) {
        const Rule *rule = catalog.rule(finding.ruleId);
        const QString title = rule ? RuleCatalog::translated(rule->title) : QString();
        html += u"<p><span style=\"color:" + SeverityStyle::color(finding.severity, palette).name() + u"\"><b>"
            + escaped(SeverityStyle::name(finding.severity)) + u"</b></span> <b>" + escaped(finding.ruleId) + u"</b>"
            + (title.isEmpty() ? QString() : u" " + escaped(title)) + u"<br>" + escaped(finding.message);
        if (!finding.fix.isEmpty())
            html += u"<br><i>" + escaped(Texts::tr("Fix:")) + u"</i> " + escaped(finding.fix);
        html += u"</p>";
    }
    return html;
}

QString parametersSection(const UrlAnalysis &analysis)
{
    const ConnectionFacts &facts = analysis.facts();
    QString html = heading(Texts::tr("Parameters"));
    html += QStringLiteral("<table>");
    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        const QString host = endpoint.host.present ? analysis.displayValue(endpoint.host) : QString();
        const QString port = endpoint.port.present ? analysis.displayValue(endpoint.port) : QString();
        html += row(Texts::tr("Host"), host.isEmpty() ? Texts::tr("the driver's default") : host);
        html += row(Texts::tr("Port"), port.isEmpty() ? Texts::tr("the default (5432)") : port);
    }
    if (facts.dbname.present)
        html += row(Texts::tr("Database"), analysis.displayValue(facts.dbname));
    if (facts.user.present)
        html += row(Texts::tr("User"), analysis.displayValue(facts.user));
    html += row(Texts::tr("Password"), passwordText(facts));
    QString tls = tlsName(facts.tls);
    if (facts.tlsSetting.present)
        tls += u" ("
            + (facts.tlsSetting.value.contains(u'=') ? facts.tlsSetting.value
                                                     : facts.tlsSetting.keyword + u'=' + facts.tlsSetting.value)
            + u')';
    else if (facts.tlsDefaulted)
        tls += u" (" + Texts::tr("not set") + u')';
    html += row(Texts::tr("TLS"), tls);
    if (facts.connectTimeout.present)
        html += row(Texts::tr("Connect timeout"), analysis.displayValue(facts.connectTimeout));
    if (facts.applicationName.present)
        html += row(Texts::tr("Application name"), analysis.displayValue(facts.applicationName));
    // The rest of what is set, without what the rows above already say.
    const QStringList shown {facts.tlsSetting.keyword, facts.connectTimeout.keyword, facts.applicationName.keyword};
    for (const ConnectionParameter &parameter : facts.parameters) {
        if (shown.contains(parameter.name, Qt::CaseInsensitive))
            continue;
        // Secret values arrive masked already; the check is for safety's sake.
        const QString value = isSecretKeyword(parameter.name) ? passwordMask.toString() : parameter.value;
        html += row(parameter.name, value);
    }
    return html + u"</table>";
}

} // namespace

QString environmentDetailsHtml(const EnvironmentEntry &entry, const QPalette &palette)
{
    QString html = u"<h2>" + escaped(entry.environment) + u" · " + escaped(entry.url.key) + u"</h2>";
    html += u"<p><code>" + escaped(entry.maskedText()) + u"</code></p>";
    if (!entry.sourceLabel().isEmpty() && !entry.userAdded)
        html += u"<p>" + escaped(Texts::tr("Set in %1").arg(entry.sourceLabel())) + u"</p>";
    if (!entry.url.note.isEmpty())
        html += u"<p>" + escaped(entry.url.note) + u"</p>";
    if (!entry.checked) {
        if (entry.url.state == ValueState::DefinedElsewhere)
            html += u"<p>"
                + escaped(Texts::tr("Defined elsewhere (%1): type the value to check it.").arg(entry.url.reference))
                + u"</p>";
        else
            html += u"<p>" + escaped(Texts::tr("Left empty here: type a connection string to check it.")) + u"</p>";
        if (!entry.crossFindings.isEmpty())
            html += issuesSection(entry.crossFindings, palette);
        return html;
    }
    html += statusSection(entry);
    html += issuesSection(entry.findings(), palette);
    if (entry.check.analysis.isReadable())
        html += parametersSection(entry.check.analysis);
    return html;
}

} // namespace poolproof::gui
