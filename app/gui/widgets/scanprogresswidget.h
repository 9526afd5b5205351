#pragma once

#include "scan/scanengine.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace poolproof::gui {

// The status bar's part of a running scan: files and megabytes done, and a Cancel button.
class ScanProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ScanProgressWidget(QWidget *parent = nullptr);

    void setProgress(const poolproof::ScanProgress &progress);
    void reset();
    QString progressText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar *m_bar;
    QLabel *m_label;
    QToolButton *m_cancel;
};

} // namespace poolproof::gui
