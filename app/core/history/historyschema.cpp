#include "historyschema.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <span>

namespace poolproof {

namespace {

class HistorySchema
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::AuditHistory)
};

// Step N brings version N-1 to version N. Steps are never edited once released: a change is a
// new step. What is stored is deliberately thin: no statement text, message, subject or commit
// message, since any of them can carry a secret.
constexpr std::array<const char *, 3> version1 {
    "CREATE TABLE scans ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " root TEXT NOT NULL,"
    " scanned_at TEXT NOT NULL,"
    " commit_hash TEXT NOT NULL DEFAULT '',"
    " profile_id TEXT NOT NULL,"
    " finding_count INTEGER NOT NULL,"
    " error_count INTEGER NOT NULL,"
    " warning_count INTEGER NOT NULL,"
    " info_count INTEGER NOT NULL,"
    " suppressed_count INTEGER NOT NULL)",
    "CREATE INDEX scans_by_root ON scans (root, id)",
    "CREATE TABLE findings ("
    " scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL,"
    " fingerprint TEXT NOT NULL,"
    " rule_id TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " line INTEGER NOT NULL,"
    " severity TEXT NOT NULL,"
    " suppressed INTEGER NOT NULL,"
    " PRIMARY KEY (scan_id, position)) WITHOUT ROWID",
};

const std::array<std::span<const char *const>, 1> steps {std::span<const char *const>(version1)};

bool exec(QSqlQuery &query, const QString &statement, QSqlError *error)
{
    if (query.exec(statement))
        return true;
    *error = query.lastError();
    return false;
}

} // namespace

int historySchemaVersion()
{
    return int(steps.size());
}

bool migrateHistorySchema(QSqlDatabase &database, QSqlError *error, QString *message)
{
    QSqlQuery query(database);
    // The first read: a file that is not SQLite fails here, before anything is written.
    if (!exec(query, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"), error))
        return false;
    QStringList tables;
    while (query.next())
        tables << query.value(0).toString();
    int version = 0;
    if (tables.contains(u"schema_version")) {
        if (!exec(query, QStringLiteral("SELECT max(version) FROM schema_version"), error))
            return false;
        version = query.next() ? query.value(0).toInt() : 0;
    } else if (!tables.isEmpty()) {
        *message = HistorySchema::tr("the database holds other tables and is not a PoolProof history");
        return false;
    }
    if (version > historySchemaVersion()) {
        *message
            = HistorySchema::tr("the history was written by a newer PoolProof (schema version %1, this one knows %2)")
                  .arg(version)
                  .arg(historySchemaVersion());
        return false;
    }
    if (version == historySchemaVersion())
        return true;
    if (!database.transaction()) {
        *error = database.lastError();
        return false;
    }
    bool ok
        = version > 0 || exec(query, QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"), error);
    for (int step = version; ok && step < historySchemaVersion(); ++step) {
        for (const char *statement : steps.at(step)) {
            if (!(ok = exec(query, QString::fromLatin1(statement), error)))
                break;
        }
    }
    ok = ok && exec(query, QStringLiteral("DELETE FROM schema_version"), error);
    if (ok) {
        query.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
        query.addBindValue(historySchemaVersion());
        ok = query.exec();
        if (!ok)
            *error = query.lastError();
    }
    if (ok && database.commit())
        return true;
    if (ok)
        *error = database.lastError();
    database.rollback();
    return false;
}

} // namespace poolproof
