#include "historycontroller.h"

#include <QtConcurrentRun>

namespace poolproof::gui {

HistoryController::HistoryController(QObject *parent)
    : QObject(parent)
    , m_path(AuditHistory::defaultPath())
{
}

HistoryController::~HistoryController()
{
    waitForWorker();
}

void HistoryController::record(const ScanResult &scan)
{
    if (scan.cancelled || !scan.error.isEmpty()) {
        load(scan.root);
        return;
    }
    const QString path = m_path;
    const QDateTime date = QDateTime::currentDateTimeUtc();
    run([path, scan, date] { return recordScanInHistory(path, scan, date); });
}

void HistoryController::load(const QString &root)
{
    const QString path = m_path;
    run([path, root] { return loadHistory(path, root); });
}

void HistoryController::run(std::function<HistorySnapshot()> job)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    auto *watcher = new QFutureWatcher<HistorySnapshot>(this);
    m_watchers.append(watcher);
    connect(watcher, &QFutureWatcher<HistorySnapshot>::finished, this, [this, watcher, generation] {
        m_watchers.removeOne(watcher);
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_running = false;
        m_snapshot = watcher->result();
        Q_EMIT snapshotReady(m_snapshot);
    });
    watcher->setFuture(QtConcurrent::run(std::move(job)));
}

void HistoryController::waitForWorker()
{
    for (QFutureWatcher<HistorySnapshot> *watcher : std::as_const(m_watchers))
        watcher->waitForFinished();
}

} // namespace poolproof::gui
