#pragma once

#include "connectionplan.h"
#include "poolerinfo.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace poolproof {

// How a connection reaches its server.
enum class LiveChannel {
    // As the environment's clients reach PostgreSQL or the pooler in front of it: through Qt
    // Sql's QPSQL driver.
    QtSql,
    // Through libpq alone: for PgBouncer's admin console, which is not PostgreSQL and refuses the
    // set-up statements QPSQL sends when it opens (SELECT version(), SET TIME ZONE), and for the
    // bounded probe that goes before QPSQL opens.
    Libpq,
};

// One connection, closed when destroyed.
//
// QPSQL's set-up statements cannot be cancelled: behind a pooler that has no free server
// connection they would wait for as long as the pooler's query_wait_timeout. So on the QtSql
// channel a libpq probe (SELECT 1, cancelled at the timeout) first makes sure a server answers.
//
// Then QPSQL sets DateStyle, TimeZone and bytea_output when it opens. Through
// a transaction pooler those statements land on a server connection other clients share, and
// PgBouncer restores only the parameters it tracks (bytea_output is not among them by default).
// So right after opening, the connection reads those settings and puts back, in the same
// statement, each one the driver changed; what it could not find again is reported by
// leftBehind().
class LiveConnection
{
public:
    LiveConnection(const ConnectionPlan &plan, LiveChannel channel, const std::atomic<bool> *cancel);
    ~LiveConnection();
    LiveConnection(const LiveConnection &) = delete;
    LiveConnection &operator=(const LiveConnection &) = delete;

    // Connects; on failure failure() and error() say why.
    bool open();
    bool isOpen() const;
    void close();

    LiveFailure failure() const { return m_failure; }
    bool reachable() const { return m_reachable; }
    QString error() const { return m_error; }
    double openMs() const { return m_openMs; }
    // The last statement was cancelled at the timeout or by the caller.
    bool statementTimedOut() const { return m_statementTimedOut; }
    // QtSql channel: the driver's settings put back after opening, by name.
    QStringList restoredSettings() const { return m_restored; }
    // QtSql channel, translated: a setting the driver's set-up left on a server connection the
    // check could not reach again; empty when nothing was left behind.
    QString leftBehind() const { return m_leftBehind; }

    bool tlsInUse() const;
    QString tlsAttribute(const char *name) const;
    QString parameterStatus(const char *name) const;

    // Runs one statement through the simple query protocol (no statement is prepared, and it is
    // the only protocol PgBouncer's admin console speaks), bounded by the plan's timeout: a
    // statement still running then is cancelled. Values come back as text, NULL as an empty string.
    std::optional<QList<PoolerRow>> query(const QString &sql, QString *error);
    // The first column of the first row, or nullopt with *error set.
    std::optional<QString> scalar(const QString &sql, QString *error);
    // The channels of the notifications received so far (read during statements), oldest first.
    QStringList takeNotifications();

private:
    bool openThroughQtSql();
    bool openWithLibpq();
    bool probe();
    void restoreDriverSettings();
    bool fail(LiveFailure failure, const QString &message);
    QString scrubbed(const QString &message) const;

    ConnectionPlan m_plan;
    LiveChannel m_channel;
    const std::atomic<bool> *m_cancel = nullptr;
    QString m_databaseName; // the QSqlDatabase connection name (QtSql channel)
    void *m_connection = nullptr; // PGconn *: owned on the console channel, QPSQL's handle otherwise
    LiveFailure m_failure = LiveFailure::None;
    bool m_reachable = false;
    QString m_error;
    double m_openMs = 0;
    int m_timeoutSeconds = 5;
    bool m_statementTimedOut = false;
    QStringList m_restored;
    QString m_leftBehind;
};

} // namespace poolproof
