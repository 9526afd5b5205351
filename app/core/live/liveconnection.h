#pragma once

#include "livecheck.h"
#include "poolerinfo.h"

#include "url/connectionstring.h"

#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace poolproof {

// How to reach a server: the libpq keywords of a connection string, clear values. The password
// is kept apart and only ever handed to libpq.
struct ConnectionPlan {
    QList<ConnectionOption> options; // without password
    QString password;
    bool tlsRequired = false; // the URL asks for TLS: the password never goes out without it
    QString maskedUrl;
    QString host;
    QString port;
    QString database;
    QString user;
    QStringList notes; // translated: what was changed to run the check
    QString error; // translated; the URL cannot be used for a live check

    QString value(QStringView keyword) const;
    void set(const QString &keyword, const QString &value);
};

// Sorts libpq's message about a failed connection; *reachable tells whether something answered.
LiveFailure classifyConnectionError(const QString &message, bool *reachable);

// Reads a connection string as its driver would (libpq's own parser where it accepts the string,
// the driver dialect's facts otherwise) and turns it into a plan with the given timeout.
ConnectionPlan planConnection(const QString &url, const QString &passwordOverride, int timeoutSeconds);

// One connection through libpq itself, closed when destroyed. Not through Qt Sql's QPSQL driver:
// on open it sends SET bytea_output TO escape, which PgBouncer does not track, so through a
// transaction pooler the check would leave that setting on a server connection other clients
// share. libpq sends nothing but the startup packet and the check's own statements.
class LiveConnection
{
public:
    LiveConnection(const ConnectionPlan &plan, const std::atomic<bool> *cancel);
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

    bool tlsInUse() const;
    QString tlsAttribute(const char *name) const;
    QString parameterStatus(const char *name) const;

    // Runs one statement through the simple query protocol (the only one PgBouncer's admin
    // console speaks), bounded by the plan's timeout: a statement still running then is cancelled.
    // Values come back as text, NULL as an empty string.
    std::optional<QList<PoolerRow>> query(const QString &sql, QString *error);
    // The first column of the first row, or nullopt with *error set.
    std::optional<QString> scalar(const QString &sql, QString *error);

private:
    QString scrubbed(const QString &message) const;

    ConnectionPlan m_plan;
    const std::atomic<bool> *m_cancel = nullptr;
    void *m_connection = nullptr; // PGconn *
    LiveFailure m_failure = LiveFailure::None;
    bool m_reachable = false;
    QString m_error;
    double m_openMs = 0;
    int m_timeoutSeconds = 5;
};

} // namespace poolproof
