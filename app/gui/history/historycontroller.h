#pragma once

#include "historysnapshot.h"

#include <QFutureWatcher>
#include <QObject>

namespace poolproof::gui {

// Keeps the audit history on a worker thread: records each complete scan and loads a
// repository's scans, handing the result to the GUI thread. Only the latest request counts.
class HistoryController : public QObject
{
    Q_OBJECT
public:
    explicit HistoryController(QObject *parent = nullptr);
    ~HistoryController() override;

    // The history file: AuditHistory::defaultPath() (POOLPROOF_HISTORY overrides it) unless set.
    QString path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }

    // Records a scan; cancelled and failed scans are not recorded, only the list is loaded.
    void record(const poolproof::ScanResult &scan);
    void load(const QString &root);
    bool isRunning() const { return m_running; }
    const HistorySnapshot &snapshot() const { return m_snapshot; }
    void waitForWorker();

Q_SIGNALS:
    void snapshotReady(const poolproof::gui::HistorySnapshot &snapshot);

private:
    void run(std::function<HistorySnapshot()> job);

    QString m_path;
    quint64 m_generation = 0;
    bool m_running = false;
    HistorySnapshot m_snapshot;
    QList<QFutureWatcher<HistorySnapshot> *> m_watchers;
};

} // namespace poolproof::gui
