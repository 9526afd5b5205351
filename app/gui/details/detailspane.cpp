#include "detailspane.h"

#include "findings/severitystyle.h"
#include "rulehtml.h"
#include "rules/rulecatalog.h"

#include <QEvent>

namespace poolproof::gui {

DetailsPane::DetailsPane(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("detailsPane"));
    setAccessibleName(tr("Rule details"));
    setOpenExternalLinks(true);
    setFrameShape(QFrame::NoFrame);
    showPlaceholder();
}

void DetailsPane::setProfileId(const QString &profileId)
{
    if (m_profileId == profileId)
        return;
    m_profileId = profileId;
    render();
}

void DetailsPane::showFinding(const Finding &finding)
{
    m_ruleId = finding.ruleId;
    m_finding = finding;
    render();
}

void DetailsPane::showRule(const QString &ruleId)
{
    m_ruleId = ruleId;
    m_finding.reset();
    render();
}

void DetailsPane::showPlaceholder()
{
    m_ruleId.clear();
    m_finding.reset();
    render();
}

void DetailsPane::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        render(); // the colours of the code boxes follow the palette
}

void DetailsPane::render()
{
    const Rule *rule = m_ruleId.isEmpty() ? nullptr : RuleCatalog::builtin().rule(m_ruleId);
    if (!rule) {
        setHtml(
            u"<p style=\"color:" + palette().color(QPalette::PlaceholderText).name() + u"\">"
            + tr("Select a finding to see why it breaks behind a transaction pooler and how to fix it.").toHtmlEscaped()
            + u"</p>");
        return;
    }
    setHtml(ruleDetailsHtml(*rule, m_finding ? &*m_finding : nullptr, m_profileId, palette()));
}

QVariant DetailsPane::loadResource(int type, const QUrl &name)
{
    // The severity icons are drawn, not files: hand them out under their own scheme.
    if (type == QTextDocument::ImageResource && name.scheme() == u"poolproof-severity") {
        if (const std::optional<Severity> severity = severityFromId(name.path()))
            return SeverityStyle::icon(*severity).pixmap(QSize(16, 16), devicePixelRatioF());
    }
    return QTextBrowser::loadResource(type, name);
}

} // namespace poolproof::gui
