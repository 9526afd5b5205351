#include "exportpage.h"

#include "findings/severitystyle.h"
#include "report/outputfile.h"
#include "settings/settings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace poolproof::gui {

namespace {

Severity statusSeverity(AuditStatus status)
{
    switch (status) {
    case AuditStatus::Compatible: return Severity::Ok;
    case AuditStatus::CompatibleWithWarnings: return Severity::Warning;
    case AuditStatus::Incompatible: return Severity::Error;
    }
    return Severity::Ok;
}

QString statusName(AuditStatus status)
{
    switch (status) {
    case AuditStatus::Compatible: return ExportPage::tr("Compatible");
    case AuditStatus::CompatibleWithWarnings: return ExportPage::tr("Compatible with warnings");
    case AuditStatus::Incompatible: return ExportPage::tr("Incompatible");
    }
    return {};
}

} // namespace

ExportPage::ExportPage(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_info(new QLabel(this))
    , m_preview(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("exportPage"));
    setAccessibleName(tr("Export"));
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setAccessibleName(tr("Overall status"));
    m_status->setTextFormat(Qt::RichText);
    m_info->setObjectName(QStringLiteral("exportInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Preview of DATABASE.md"));
    m_preview->setOpenExternalLinks(true);
    m_preview->document()->setDocumentMargin(16);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_status);
    buttons->addStretch(1);
    for (const ExportFormatInfo &info : exportFormats()) {
        auto *button = new QPushButton(info.buttonText, this);
        button->setObjectName(u"export" + info.id.at(0).toUpper() + info.id.mid(1) + u"Button");
        button->setToolTip(tr("Write the report as %1").arg(info.fileName));
        const ExportFormat format = info.format;
        connect(button, &QPushButton::clicked, this, [this, format] { chooseFileAndExport(format); });
        buttons->addWidget(button);
        m_buttons.append(button);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_info);
    layout->addWidget(m_preview, 1);
    clear();
}

void ExportPage::clear()
{
    m_audit.reset();
    m_markdown.clear();
    m_root.clear();
    m_status->clear();
    m_info->setText(
        tr("Open a folder: once it is scanned, its audit report appears here as DATABASE.md will show it."));
    m_preview->clear();
    updateButtons();
}

void ExportPage::setPending(const QString &root)
{
    if (root != m_root) {
        m_audit.reset();
        m_markdown.clear();
        m_preview->clear();
        m_status->clear();
    }
    m_root = root;
    m_info->setText(tr("Preparing the report of %1…").arg(QDir::toNativeSeparators(root)));
    updateButtons();
}

void ExportPage::setAudit(const AuditResult &audit)
{
    m_audit = audit;
    m_root = audit.root;
    m_markdown = renderDatabaseMarkdownOf(audit);
    // Scrolled where the user was, so that a rescan does not jump back to the top.
    const int scroll = m_preview->verticalScrollBar()->value();
    m_preview->setMarkdown(m_markdown);
    m_preview->verticalScrollBar()->setValue(scroll);
    const AuditStatus status = audit.status();
    const QColor color = SeverityStyle::color(statusSeverity(status), palette());
    m_status->setText(u"<b style=\"color:" + color.name() + u"\">" + statusName(status).toHtmlEscaped() + u"</b>");
    QString info = tr("Preview of DATABASE.md for %1, pooler profile %2.").arg(audit.projectName, audit.profileId);
    if (audit.scan.cancelled)
        info += u' ' + tr("The scan was cancelled: the report covers only the files scanned so far.");
    if (!audit.environmentsError.isEmpty())
        info += u' ' + tr("The environments could not be read: %1").arg(audit.environmentsError);
    m_info->setText(info);
    updateButtons();
}

bool ExportPage::exportTo(ExportFormat format, const QString &path, QString *error)
{
    if (!m_audit) {
        if (error)
            *error = tr("There is no report yet: open a folder and let the scan finish.");
        return false;
    }
    QString writeError;
    if (!writeOutputFile(path, renderExport(*m_audit, format), &writeError)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), writeError);
        return false;
    }
    return true;
}

void ExportPage::chooseFileAndExport(ExportFormat format)
{
    const ExportFormatInfo info = exportFormatInfo(format);
    QString folder = Settings::exportFolder();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = m_root;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Report"),
                                                      QDir(folder).filePath(info.fileName), info.dialogFilter);
    if (path.isEmpty())
        return;
    Settings::setExportFolder(QFileInfo(path).absolutePath());
    QString error;
    if (exportTo(format, path, &error))
        Q_EMIT statusMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    else
        Q_EMIT statusMessage(error);
}

void ExportPage::updateButtons()
{
    for (QPushButton *button : std::as_const(m_buttons))
        button->setEnabled(m_audit.has_value());
}

} // namespace poolproof::gui
