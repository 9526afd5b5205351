#pragma once

#include "audit/audit.h"
#include "export/exportformat.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace poolproof::gui {

// The audit report of the open folder: DATABASE.md rendered as it will look, and buttons that
// write it as Markdown, JSON, SARIF or HTML. The window hands it the audit of each finished scan.
class ExportPage : public QWidget
{
    Q_OBJECT
public:
    explicit ExportPage(QWidget *parent = nullptr);

    // A folder is being scanned and audited: the preview waits for it.
    void setPending(const QString &root);
    void setAudit(const poolproof::AuditResult &audit);
    void clear();

    bool hasAudit() const { return m_audit.has_value(); }
    const std::optional<poolproof::AuditResult> &audit() const { return m_audit; }
    // DATABASE.md as the preview renders it; empty without an audit.
    QString markdown() const { return m_markdown; }
    // Writes one format to path (atomically); false with the reason. The buttons ask for the path
    // with a file dialog and then call this.
    bool exportTo(ExportFormat format, const QString &path, QString *error = nullptr);

    QTextBrowser *preview() const { return m_preview; }

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void chooseFileAndExport(ExportFormat format);
    void updateButtons();

    QLabel *m_status;
    QLabel *m_info;
    QTextBrowser *m_preview;
    QList<QPushButton *> m_buttons;
    std::optional<poolproof::AuditResult> m_audit;
    QString m_markdown;
    QString m_root;
};

} // namespace poolproof::gui
