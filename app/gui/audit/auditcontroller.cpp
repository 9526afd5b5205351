#include "auditcontroller.h"

#include "auditfromscan.h"

#include <QtConcurrentRun>

namespace poolproof::gui {

AuditController::AuditController(QObject *parent)
    : QObject(parent)
{
}

AuditController::~AuditController()
{
    waitForWorker();
}

void AuditController::start(const ScanResult &scan, const QString &root, const QString &profileId)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    m_watchers.append(watcher);
    connect(watcher, &QFutureWatcher<AuditResult>::finished, this, [this, watcher, generation] {
        m_watchers.removeOne(watcher);
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer request is on its way
        m_running = false;
        m_result = watcher->result();
        Q_EMIT finished(*m_result);
    });
    watcher->setFuture(QtConcurrent::run(auditFromScan, scan, root, profileId));
    Q_EMIT started();
}

void AuditController::waitForWorker()
{
    for (QFutureWatcher<AuditResult> *watcher : std::as_const(m_watchers))
        watcher->waitForFinished();
}

} // namespace poolproof::gui
