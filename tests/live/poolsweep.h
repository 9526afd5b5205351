#pragma once

// Looks at every server connection behind the test PgBouncer, through libpq alone: the admin
// console says how many there are, and as many clients, each holding a transaction open, are
// then sure to sit on all of them at once.

#include "liveservers.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <libpq-fe.h>

struct PoolSweep {
    int serverConnections = 0; // SHOW SERVERS for the database, before the sweep
    QSet<int> backendPids; // the server processes the sweep's clients sat on
    QStringList changed; // "pid name=setting (default reset)" for every setting off its default,
                         // "pid listening on channel" for every LISTEN left behind
    QString error;
};

namespace poolsweep {

inline PGconn *connect(const LiveServers &servers, const char *portKey, const QString &database, const QString &user,
                       const QString &password)
{
    const QByteArray port = servers.value(portKey).toUtf8();
    const QByteArray db = database.toUtf8();
    const QByteArray name = user.toUtf8();
    const QByteArray secret = password.toUtf8();
    const char *keywords[] = {"host", "port", "dbname", "user", "password", "connect_timeout", nullptr};
    const char *values[]
        = {"127.0.0.1", port.constData(), db.constData(), name.constData(), secret.constData(), "5", nullptr};
    return PQconnectdbParams(keywords, values, 0);
}

// Runs a statement; rows of text, or the error in *error.
inline QList<QStringList> run(PGconn *connection, const char *sql, QString *error)
{
    QList<QStringList> rows;
    PGresult *result = PQexec(connection, sql);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        *error = QString::fromUtf8(PQresultErrorMessage(result));
    } else {
        for (int row = 0; row < PQntuples(result); ++row) {
            QStringList values;
            for (int column = 0; column < PQnfields(result); ++column)
                values << QString::fromUtf8(PQgetvalue(result, row, column));
            rows << values;
        }
    }
    PQclear(result);
    return rows;
}

} // namespace poolsweep

// Every server connection of the "app" database behind the pooler at portKey: which of the
// given settings are off their defaults there. Each is put back afterwards (committed), so the
// next sweep starts clean.
inline PoolSweep sweepPool(const LiveServers &servers, const char *portKey)
{
    PoolSweep sweep;
    PGconn *console = poolsweep::connect(servers, portKey, QStringLiteral("pgbouncer"), servers.value("ADMIN_USER"),
                                         servers.adminPassword());
    if (PQstatus(console) != CONNECTION_OK) {
        sweep.error = QString::fromUtf8(PQerrorMessage(console));
        PQfinish(console);
        return sweep;
    }
    // SHOW SERVERS: type, user, database, ...
    const QList<QStringList> servers_ = poolsweep::run(console, "SHOW SERVERS", &sweep.error);
    PQfinish(console);
    for (const QStringList &row : servers_)
        sweep.serverConnections += row.value(2) == QStringLiteral("app") ? 1 : 0;
    if (!sweep.error.isEmpty())
        return sweep;

    QList<PGconn *> clients;
    const int count = std::max(1, sweep.serverConnections);
    for (int i = 0; i < count && sweep.error.isEmpty(); ++i) {
        PGconn *client = poolsweep::connect(servers, portKey, QStringLiteral("app"), servers.value("APP_USER"),
                                            servers.appPassword());
        clients << client;
        if (PQstatus(client) != CONNECTION_OK) {
            sweep.error = QString::fromUtf8(PQerrorMessage(client));
            break;
        }
        poolsweep::run(client, "BEGIN", &sweep.error);
        const QList<QStringList> rows
            = poolsweep::run(client,
                             "SELECT pg_backend_pid(), name, setting, reset_val FROM pg_settings WHERE lower(name) IN "
                             "('bytea_output', 'timezone', 'datestyle', 'search_path') ORDER BY name",
                             &sweep.error);
        for (const QStringList &row : rows) {
            sweep.backendPids.insert(row.value(0).toInt());
            if (row.value(2) != row.value(3))
                sweep.changed << QStringLiteral("%1 %2=%3 (default %4)")
                                     .arg(row.value(0), row.value(1), row.value(2), row.value(3));
        }
        for (const QStringList &row :
             poolsweep::run(client, "SELECT pg_backend_pid(), pg_listening_channels()", &sweep.error))
            sweep.changed << QStringLiteral("%1 listening on %2").arg(row.value(0), row.value(1));
        poolsweep::run(client, "UNLISTEN *", &sweep.error);
        poolsweep::run(client,
                       "SELECT set_config(name, reset_val, false) FROM pg_settings WHERE lower(name) IN "
                       "('bytea_output', 'timezone', 'datestyle', 'search_path') AND setting <> reset_val",
                       &sweep.error);
    }
    for (PGconn *client : std::as_const(clients)) {
        QString ignored;
        poolsweep::run(client, "COMMIT", &ignored);
        PQfinish(client);
    }
    return sweep;
}
