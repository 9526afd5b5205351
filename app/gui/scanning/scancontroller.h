#pragma once

#include "scan/scanengine.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace poolproof::gui {

// Runs poolproof::runScan on a worker thread and hands its progress, finding batches and result
// to the GUI thread through queued calls. Only one scan is current: starting another cancels the
// running one, and anything the stale scan still reports is dropped.
class ScanController : public QObject
{
    Q_OBJECT
public:
    explicit ScanController(QObject *parent = nullptr);
    // Cancels a running scan and waits for its worker, which stops soon after the flag is set.
    ~ScanController() override;

    void start(const poolproof::ScanOptions &options);
    void cancel();
    bool isRunning() const { return m_running; }
    // The options of the current (or last) scan.
    const poolproof::ScanOptions &options() const { return m_options; }
    // Blocks until every worker, current or stale, has returned; for tests and shutdown.
    void waitForWorkers();

Q_SIGNALS:
    void started(const QString &root, const QString &profileId);
    void progressChanged(const poolproof::ScanProgress &progress);
    void findingsFound(const QList<poolproof::Finding> &batch);
    void notesFound(const QList<poolproof::ScanNote> &notes);
    void finished(const poolproof::ScanResult &result);
    void runningChanged(bool running);

private:
    void deliver(quint64 scanId, std::function<void()> signal);

    QThreadPool m_pool;
    poolproof::ScanOptions m_options;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_currentId = 0;
    bool m_running = false;
};

} // namespace poolproof::gui
