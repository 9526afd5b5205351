#include "scancontroller.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace poolproof::gui {

namespace {
// Progress comes for every file; the GUI needs it only a few times per second.
constexpr qint64 progressIntervalMs = 50;
} // namespace

ScanController::ScanController(QObject *parent)
    : QObject(parent)
{
    // A private pool, so that a scan waiting for its own helpers in the global pool never
    // occupies one of the threads they need. Two: a stale scan winding down and the current one.
    m_pool.setMaxThreadCount(2);
}

ScanController::~ScanController()
{
    if (m_cancel)
        m_cancel->store(true);
    waitForWorkers();
}

void ScanController::waitForWorkers()
{
    m_pool.waitForDone();
}

void ScanController::start(const ScanOptions &options)
{
    if (m_cancel)
        m_cancel->store(true); // the previous scan is stale from now on
    m_options = options;
    const QFileInfo root(options.root);
    if (root.exists())
        m_options.root = root.canonicalFilePath();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 scanId = ++m_currentId;
    const bool wasRunning = m_running;
    m_running = true;
    Q_EMIT started(m_options.root, m_options.profileId);
    if (!wasRunning)
        Q_EMIT runningChanged(true);

    const ScanOptions scanOptions = m_options;
    const std::shared_ptr<std::atomic<bool>> cancelFlag = m_cancel;
    m_pool.start([this, scanId, scanOptions, cancelFlag] {
        // The observer's callbacks are called one at a time, so the timer needs no lock.
        auto sinceProgress = std::make_shared<QElapsedTimer>();
        sinceProgress->start();
        ScanObserver observer;
        observer.progress = [this, scanId, sinceProgress](const ScanProgress &progress) {
            const bool done = progress.filesDone >= progress.filesTotal;
            if (!done && progress.filesDone > 0 && sinceProgress->elapsed() < progressIntervalMs)
                return;
            sinceProgress->restart();
            deliver(scanId, [this, progress] { Q_EMIT progressChanged(progress); });
        };
        observer.findings = [this, scanId](const QList<Finding> &batch) {
            deliver(scanId, [this, batch] { Q_EMIT findingsFound(batch); });
        };
        observer.notes = [this, scanId](const QList<ScanNote> &notes) {
            deliver(scanId, [this, notes] { Q_EMIT notesFound(notes); });
        };
        const ScanResult result = runScan(scanOptions, observer, cancelFlag.get());
        deliver(scanId, [this, result] {
            m_running = false;
            Q_EMIT finished(result);
            Q_EMIT runningChanged(false);
        });
    });
}

void ScanController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ScanController::deliver(quint64 scanId, std::function<void()> signal)
{
    // Runs on the GUI thread. The id is compared there, not on the worker, so that a scan started
    // after this call was queued still makes it stale.
    QMetaObject::invokeMethod(
        this,
        [this, scanId, signal = std::move(signal)] {
            if (scanId == m_currentId)
                signal();
        },
        Qt::QueuedConnection);
}

} // namespace poolproof::gui
