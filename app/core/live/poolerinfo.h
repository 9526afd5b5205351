#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QVersionNumber>

namespace poolproof {

// One row of an admin-console listing (SHOW DATABASES, SHOW POOLS): column name -> value.
using PoolerRow = QMap<QString, QString>;

// What is known about the pooler in front of the database.
struct PoolerInfo {
    QString software; // "pgbouncer"
    QString versionText; // as SHOW VERSION says it, e.g. "PgBouncer 1.24.1"
    QVersionNumber version; // 1.24.1; null when unknown
    bool adminAccess = false; // the admin console answered
    QString detectedBy; // translated: how the pooler was recognised
    QMap<QString, QString> config; // SHOW CONFIG: key -> value
    QList<PoolerRow> databases; // SHOW DATABASES
    QList<PoolerRow> pools; // SHOW POOLS

    QString setting(const QString &key) const { return config.value(key); }
    bool hasSetting(const QString &key) const { return config.contains(key); }
    // The SHOW DATABASES row for a database name, or nullptr.
    const PoolerRow *database(const QString &name) const;
    // The pool mode clients of a database get: the entry's own, else the global pool_mode;
    // empty when unknown.
    QString poolModeFor(const QString &database) const;
    // The server pool size of a database: the entry's pool_size, else default_pool_size; -1 when unknown.
    int poolSizeFor(const QString &database) const;
};

} // namespace poolproof
