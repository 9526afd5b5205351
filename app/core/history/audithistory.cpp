#include "audithistory.h"

#include "headcommit.h"
#include "historyschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

constexpr QFile::Permissions ownerOnlyFile = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
constexpr QFile::Permissions ownerOnlyFolder = ownerOnlyFile | QFile::ExeOwner | QFile::ExeUser;
constexpr QFile::Permissions groupOrOthers
    = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

// SQLite's primary result codes, as QSQLITE reports them in nativeErrorCode().
constexpr int sqliteBusy = 5;
constexpr int sqliteLocked = 6;
constexpr int sqliteCorrupt = 11;
constexpr int sqliteNotADatabase = 26;

QString newConnectionName()
{
    static std::atomic<quint64> counter {0};
    return u"poolproof-history-%1"_s.arg(counter.fetch_add(1));
}

QString dateText(const QDateTime &date)
{
    return date.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime dateFromText(const QString &text)
{
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    return date.toUTC();
}

const QString entryColumns
    = u"id, root, scanned_at, commit_hash, profile_id, finding_count, error_count, warning_count, "
      u"info_count, suppressed_count"_s;

HistoryEntry entryFromRow(const QSqlQuery &query)
{
    HistoryEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.root = query.value(1).toString();
    entry.date = dateFromText(query.value(2).toString());
    entry.commit = query.value(3).toString();
    entry.profileId = query.value(4).toString();
    entry.findingCount = query.value(5).toInt();
    entry.errorCount = query.value(6).toInt();
    entry.warningCount = query.value(7).toInt();
    entry.infoCount = query.value(8).toInt();
    entry.suppressedCount = query.value(9).toInt();
    return entry;
}

} // namespace

QString AuditHistory::defaultPath()
{
    const QString overridden = qEnvironmentVariable("POOLPROOF_HISTORY");
    if (!overridden.isEmpty())
        return overridden;
    // Not AppDataLocation: it differs between the desktop application and the command line, which
    // must share one history.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return data.isEmpty() ? QString() : data + u"/PoolProof/history.sqlite"_s;
}

QString AuditHistory::canonicalRoot(const QString &folder)
{
    const QFileInfo info(folder);
    const QString canonical = info.canonicalFilePath();
    // A repository that is gone can still be looked up by the path it was stored under.
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

AuditHistory::AuditHistory(const QString &path)
    : m_path(path)
    , m_connectionName(newConnectionName())
{
}

AuditHistory::~AuditHistory()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool AuditHistory::fail(const QString &message, QString *error) const
{
    m_lastError = message;
    if (error)
        *error = message;
    return false;
}

QString AuditHistory::describe(const QSqlError &sqlError) const
{
    const int code = sqlError.nativeErrorCode().toInt() & 0xff; // extended codes carry the primary one in the low byte
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    if (code == sqliteBusy || code == sqliteLocked)
        return tr("the history %1 is in use by another program; try again when it is done (%2)").arg(m_path, detail);
    if (code == sqliteCorrupt || code == sqliteNotADatabase) {
        return tr("the history %1 is damaged or not a database (%2); it was left as it is: move it elsewhere to start "
                  "a new one")
            .arg(m_path, detail);
    }
    return tr("the history %1 cannot be used: %2").arg(m_path, detail);
}

bool AuditHistory::open(QString *error)
{
    m_lastError.clear();
    if (m_open)
        return true;
    if (m_path.isEmpty())
        return fail(tr("there is no data folder to keep the history in"), error);
    const QFileInfo file(m_path);
    if (file.isDir())
        return fail(tr("the history %1 is a folder, not a file").arg(m_path), error);
    const QString folder = file.absolutePath();
    if (!QFileInfo::exists(folder)) {
        const QFileInfo folderInfo(folder);
        // Created owner-only in one step; a folder that exists already is the user's to decide.
        if (!QDir().mkpath(folderInfo.absolutePath()) || !QDir().mkdir(folder, ownerOnlyFolder))
            return fail(tr("cannot create the folder %1 for the history").arg(folder), error);
    }
    if (!file.exists()) {
        // Created by us with owner-only permissions before SQLite sees it; SQLite gives its
        // journal files the database file's permissions.
        QFile create(m_path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile) && !QFileInfo::exists(m_path))
            return fail(tr("cannot create the history %1: %2").arg(m_path, create.errorString()), error);
    } else if (file.permissions() & groupOrOthers) {
        QFile::setPermissions(m_path, file.permissions() & ~groupOrOthers);
    }

    QSqlDatabase database = QSqlDatabase::contains(m_connectionName)
        ? QSqlDatabase::database(m_connectionName, false)
        : QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!database.isValid())
        return fail(tr("the history needs Qt's SQLite driver (QSQLITE), which is not installed"), error);
    database.setDatabaseName(QFileInfo(m_path).absoluteFilePath());
    // Another PoolProof writing at the same time: wait a little rather than fail at once.
    database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!database.open())
        return fail(describe(database.lastError()), error);
    QSqlError schemaError;
    QString schemaMessage;
    if (!migrateHistorySchema(database, &schemaError, &schemaMessage)) {
        database.close();
        if (schemaError.isValid())
            return fail(describe(schemaError), error);
        return fail(tr("the history %1 cannot be used: %2; it was left as it is").arg(m_path, schemaMessage), error);
    }
    QSqlQuery pragma(database);
    pragma.exec(u"PRAGMA foreign_keys = ON"_s);
    m_open = true;
    return true;
}

std::optional<HistoryEntry> AuditHistory::record(const ScanResult &scan, const QDateTime &date, QString *error)
{
    m_lastError.clear();
    if (!m_open && !open(error))
        return std::nullopt;
    if (scan.cancelled || !scan.error.isEmpty()) {
        fail(tr("an incomplete scan is not recorded in the history"), error);
        return std::nullopt;
    }
    HistoryEntry entry;
    entry.root = canonicalRoot(scan.root);
    entry.date = date.toUTC();
    entry.commit = headCommit(entry.root);
    entry.profileId = scan.profileId;
    entry.errorCount = scan.count(Severity::Error);
    entry.warningCount = scan.count(Severity::Warning);
    entry.infoCount = scan.count(Severity::Info);
    entry.suppressedCount = scan.suppressedCount();
    entry.findingCount = int(scan.findings.size()) - entry.suppressedCount;
    entry.findings.reserve(scan.findings.size());
    for (const Finding &finding : scan.findings)
        entry.findings.append(historyFinding(finding));

    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (!database.transaction()) {
        fail(describe(database.lastError()), error);
        return std::nullopt;
    }
    QSqlQuery query(database);
    const auto abandon = [&](const QSqlError &sqlError) {
        fail(describe(sqlError), error);
        database.rollback();
        return std::nullopt;
    };
    query.prepare(
        u"INSERT INTO scans (root, scanned_at, commit_hash, profile_id, finding_count, error_count, warning_count, "
        u"info_count, suppressed_count) VALUES (?, ?, coalesce(?, ''), coalesce(?, ''), ?, ?, ?, ?, ?)"_s);
    for (const QVariant &value :
         {QVariant(entry.root), QVariant(dateText(entry.date)), QVariant(entry.commit), QVariant(entry.profileId),
          QVariant(entry.findingCount), QVariant(entry.errorCount), QVariant(entry.warningCount),
          QVariant(entry.infoCount), QVariant(entry.suppressedCount)})
        query.addBindValue(value);
    if (!query.exec())
        return abandon(query.lastError());
    entry.id = query.lastInsertId().toLongLong();
    query.prepare(u"INSERT INTO findings (scan_id, position, fingerprint, rule_id, path, line, severity, suppressed) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype i = 0; i < entry.findings.size(); ++i) {
        const HistoryFinding &finding = entry.findings.at(i);
        query.bindValue(0, entry.id);
        query.bindValue(1, qint64(i));
        query.bindValue(2, finding.fingerprint);
        query.bindValue(3, finding.ruleId);
        query.bindValue(4, finding.path);
        query.bindValue(5, finding.line);
        query.bindValue(6, severityId(finding.severity));
        query.bindValue(7, finding.suppressed ? 1 : 0);
        if (!query.exec())
            return abandon(query.lastError());
    }
    if (!database.commit())
        return abandon(database.lastError());
    return entry;
}

QList<HistoryFinding> AuditHistory::findingsOf(qint64 id) const
{
    QList<HistoryFinding> findings;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT fingerprint, rule_id, path, line, severity, suppressed FROM findings WHERE scan_id = ? ORDER BY position"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        fail(describe(query.lastError()));
        return findings;
    }
    while (query.next()) {
        findings.append(HistoryFinding {
            query.value(0).toString(), query.value(1).toString(), query.value(2).toString(), query.value(3).toInt(),
            severityFromId(query.value(4).toString()).value_or(Severity::Warning), query.value(5).toInt() != 0});
    }
    return findings;
}

QList<HistoryEntry> AuditHistory::entries(const QString &root, int limit) const
{
    m_lastError.clear();
    QList<HistoryEntry> list;
    if (!m_open) {
        fail(tr("the history %1 is not open").arg(m_path));
        return list;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + entryColumns + u" FROM scans WHERE root = ? ORDER BY id DESC LIMIT ?"_s);
    query.addBindValue(canonicalRoot(root));
    query.addBindValue(limit < 0 ? -1 : limit);
    if (!query.exec()) {
        fail(describe(query.lastError()));
        return list;
    }
    while (query.next())
        list.append(entryFromRow(query));
    return list;
}

std::optional<HistoryEntry> AuditHistory::entry(qint64 id) const
{
    m_lastError.clear();
    if (!m_open) {
        fail(tr("the history %1 is not open").arg(m_path));
        return std::nullopt;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT "_s + entryColumns + u" FROM scans WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        fail(describe(query.lastError()));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    HistoryEntry found = entryFromRow(query);
    found.findings = findingsOf(found.id);
    return found;
}

std::optional<HistoryEntry> AuditHistory::latest(const QString &root, qint64 beforeId, const QString &profileId) const
{
    m_lastError.clear();
    if (!m_open) {
        fail(tr("the history %1 is not open").arg(m_path));
        return std::nullopt;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        u"SELECT "_s + entryColumns
        + u" FROM scans WHERE root = ? AND (? < 0 OR id < ?) AND (? = '' OR profile_id = ?) ORDER BY id DESC LIMIT 1"_s);
    query.addBindValue(canonicalRoot(root));
    query.addBindValue(beforeId);
    query.addBindValue(beforeId);
    query.addBindValue(profileId.isNull() ? u""_s : profileId);
    query.addBindValue(profileId.isNull() ? u""_s : profileId);
    if (!query.exec()) {
        fail(describe(query.lastError()));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    HistoryEntry found = entryFromRow(query);
    found.findings = findingsOf(found.id);
    return found;
}

bool AuditHistory::remove(qint64 id)
{
    m_lastError.clear();
    if (!m_open)
        return fail(tr("the history %1 is not open").arg(m_path));
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (!database.transaction())
        return fail(describe(database.lastError()));
    QSqlQuery query(database);
    query.prepare(u"DELETE FROM findings WHERE scan_id = ?"_s);
    query.addBindValue(id);
    bool ok = query.exec();
    if (ok) {
        query.prepare(u"DELETE FROM scans WHERE id = ?"_s);
        query.addBindValue(id);
        ok = query.exec();
    }
    const bool removed = ok && query.numRowsAffected() > 0;
    if (!ok) {
        fail(describe(query.lastError()));
        database.rollback();
        return false;
    }
    if (!database.commit()) {
        fail(describe(database.lastError()));
        database.rollback();
        return false;
    }
    return removed;
}

} // namespace poolproof
