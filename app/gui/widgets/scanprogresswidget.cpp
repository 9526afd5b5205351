#include "scanprogresswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

namespace poolproof::gui {

namespace {
QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}
} // namespace

ScanProgressWidget::ScanProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("scanProgress"));
    m_bar->setObjectName(QStringLiteral("scanProgressBar"));
    m_bar->setAccessibleName(tr("Scan progress"));
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(180);
    m_bar->setMaximumHeight(fontMetrics().height());
    m_label->setObjectName(QStringLiteral("scanProgressLabel"));
    m_cancel->setObjectName(QStringLiteral("cancelScanButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the scan (Esc)"));
    m_cancel->setAccessibleName(tr("Cancel the scan"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &ScanProgressWidget::cancelRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    reset();
}

void ScanProgressWidget::setProgress(const ScanProgress &progress)
{
    // Until the files are listed the total is unknown: a busy bar rather than 0 %.
    m_bar->setRange(0, progress.filesTotal > 0 ? progress.filesTotal : 0);
    m_bar->setValue(progress.filesDone);
    m_label->setText(tr("%1 of %2 files · %3 of %4 MB")
                         .arg(progress.filesDone)
                         .arg(progress.filesTotal)
                         .arg(megabytes(progress.bytesDone), megabytes(progress.bytesTotal)));
}

void ScanProgressWidget::reset()
{
    m_bar->setRange(0, 0);
    m_bar->setValue(0);
    m_label->setText(tr("Listing files…"));
}

QString ScanProgressWidget::progressText() const
{
    return m_label->text();
}

} // namespace poolproof::gui
