#include "rulehtml.h"

#include "findings/severitystyle.h"
#include "rules/rulecatalog.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QPalette>

namespace poolproof::gui {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::DetailsPane)
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// Qt's rich text has no box styling for <pre>: a one-cell table gives the example a background.
QString codeBlock(const QString &code, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    const QColor tint = base.lightness() < 128 ? base.lighter(150) : window.lighter(104);
    const QString family = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" bgcolor=\"%1\"><tr><td>"
                          "<pre style=\"font-family:'%2'; margin:0\">%3</pre></td></tr></table>")
        .arg(tint.name(), escaped(family), escaped(code));
}

QString heading(const QString &text)
{
    return u"<h3>" + escaped(text) + u"</h3>";
}

QString paragraph(const QString &text)
{
    return u"<p>" + escaped(text) + u"</p>";
}

QString severityBadge(Severity severity, const QPalette &palette)
{
    return QStringLiteral("<img src=\"%1\" width=\"16\" height=\"16\" style=\"vertical-align:middle\">&nbsp;"
                          "<span style=\"color:%2; font-weight:600\">%3</span>")
        .arg(severityImageUrl(severity), SeverityStyle::color(severity, palette).name(),
             escaped(SeverityStyle::name(severity)));
}

QString findingSection(const Finding &finding, const QPalette &palette)
{
    QString html = heading(Texts::tr("This finding"));
    html += paragraph(finding.message);
    const QString location = finding.location.path + u':' + QString::number(finding.location.line) + u':'
        + QString::number(finding.location.column);
    html += u"<p><code>" + escaped(location) + u"</code> · "
        + escaped(Texts::tr("Confidence: %1").arg(SeverityStyle::confidenceName(finding.confidence))) + u"</p>";
    if (!finding.snippet.isEmpty())
        html += codeBlock(finding.snippet, palette);
    if (finding.suppressed) {
        html += u"<p><i>"
            + escaped(finding.suppressionReason.isEmpty() ? Texts::tr("Suppressed without a reason.")
                                                          : Texts::tr("Suppressed: %1").arg(finding.suppressionReason))
            + u"</i></p>";
    }
    return html;
}

QString profilesTable(const Rule &rule, const QString &profileId, const QPalette &palette)
{
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const PoolerProfile &profile : RuleCatalog::builtin().profiles()) {
        const bool chosen = profile.id == profileId;
        const QString name = escaped(RuleCatalog::translated(profile.name));
        html += u"<tr><td>" + severityBadge(rule.severityFor(profile.id), palette) + u"</td><td>"
            + (chosen ? u"<b>" + name + u"</b> ◀" : name) + u"</td></tr>";
    }
    return html + u"</table>";
}

} // namespace

QString severityImageUrl(Severity severity)
{
    return u"poolproof-severity:" + severityId(severity);
}

QString ruleDetailsHtml(const Rule &rule, const Finding *finding, const QString &profileId, const QPalette &palette)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const PoolerProfile *profile = catalog.profile(profileId);
    if (!profile)
        profile = &catalog.defaultProfile();
    const QString profileName = RuleCatalog::translated(profile->name);
    const Severity severity = finding ? finding->severity : rule.severityFor(profile->id);

    QString html = u"<h2>" + escaped(rule.id) + u" · " + escaped(RuleCatalog::translated(rule.title)) + u"</h2>";
    html += u"<p>" + severityBadge(severity, palette) + u" " + escaped(Texts::tr("on %1").arg(profileName)) + u"</p>";
    html += paragraph(RuleCatalog::translated(rule.summary));
    if (finding)
        html += findingSection(*finding, palette);

    html += heading(Texts::tr("Why it breaks on %1").arg(profileName));
    html += paragraph(RuleCatalog::translated(rule.explanation));
    html += heading(Texts::tr("Safe replacement"));
    html += paragraph(RuleCatalog::translated(rule.fix));
    if (finding && !finding->fix.isEmpty() && finding->fix != RuleCatalog::translated(rule.fix))
        html += paragraph(finding->fix);

    if (!rule.failingExample.isEmpty() || !rule.fixedExample.isEmpty()) {
        html += heading(Texts::tr("Examples"));
        if (!rule.failingExample.isEmpty())
            html += u"<p><b>" + escaped(Texts::tr("Breaks:")) + u"</b></p>" + codeBlock(rule.failingExample, palette);
        if (!rule.fixedExample.isEmpty())
            html += u"<p><b>" + escaped(Texts::tr("Works:")) + u"</b></p>" + codeBlock(rule.fixedExample, palette);
    }
    if (!rule.symptoms.isEmpty()) {
        html += heading(Texts::tr("Symptoms"));
        html += paragraph(Texts::tr("The errors this causes, as PostgreSQL or the driver reports them:"));
        html += u"<ul>";
        for (const QString &symptom : rule.symptoms)
            html += u"<li><code style=\"white-space:pre-wrap\">" + escaped(symptom) + u"</code></li>";
        html += u"</ul>";
    }
    if (!rule.references.isEmpty()) {
        html += heading(Texts::tr("References"));
        html += u"<ul>";
        for (const RuleReference &reference : rule.references) {
            html += u"<li><a href=\"" + escaped(reference.url) + u"\">"
                + escaped(reference.title.isEmpty() ? reference.url : reference.title) + u"</a></li>";
        }
        html += u"</ul>";
    }
    html += heading(Texts::tr("Severity on each pooler"));
    html += profilesTable(rule, profile->id, palette);
    return html;
}

} // namespace poolproof::gui
