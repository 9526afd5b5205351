#pragma once

#include "history/historysnapshot.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTableView;

namespace poolproof::gui {

class HistoryModel;
class ScanChangesModel;

// The recorded scans of the open folder, newest first, with their new and fixed counts, and
// below them what the latest scan found new and what it no longer reports.
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(QWidget *parent = nullptr);

    void setRoot(const QString &root);
    void setSnapshot(const HistorySnapshot &snapshot);

    HistoryModel *model() const { return m_model; }
    ScanChangesModel *changesModel() const { return m_changes; }
    QTableView *scansView() const { return m_scansView; }
    QTableView *changesView() const { return m_changesView; }
    QString summary() const;

private:
    HistoryModel *m_model;
    ScanChangesModel *m_changes;
    QLabel *m_summary;
    QLabel *m_changesTitle;
    QTableView *m_scansView;
    QTableView *m_changesView;
    QSplitter *m_splitter;
    QString m_root;
};

} // namespace poolproof::gui
