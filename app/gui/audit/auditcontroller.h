#pragma once

#include "audit/audit.h"

#include <QFutureWatcher>
#include <QObject>

#include <optional>

namespace poolproof::gui {

// Builds the audit of a finished scan (auditFromScan) on a worker thread and hands it to the
// GUI thread. Only the latest request counts: a result for an older one is dropped.
class AuditController : public QObject
{
    Q_OBJECT
public:
    explicit AuditController(QObject *parent = nullptr);
    ~AuditController() override;

    void start(const poolproof::ScanResult &scan, const QString &root, const QString &profileId);
    bool isRunning() const { return m_running; }
    // The latest audit, once one has finished.
    const std::optional<poolproof::AuditResult> &result() const { return m_result; }
    // Blocks until the running audit (if any) has returned; for tests and shutdown.
    void waitForWorker();

Q_SIGNALS:
    void started();
    void finished(const poolproof::AuditResult &result);

private:
    quint64 m_generation = 0;
    bool m_running = false;
    std::optional<poolproof::AuditResult> m_result;
    QList<QFutureWatcher<poolproof::AuditResult> *> m_watchers; // running, current or stale
};

} // namespace poolproof::gui
