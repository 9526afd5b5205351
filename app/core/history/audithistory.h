#pragma once

#include "historyentry.h"
#include "scan/scanresult.h"
#include "scancomparison.h"

#include <QCoreApplication>

#include <optional>

class QSqlError;

namespace poolproof {

// The audit history: every recorded scan of every repository, in an SQLite file of the user's
// (owner-only permissions; a folder it creates is owner-only too). It keeps dates, commits,
// profiles, counts and the findings' fingerprints, rules, paths, lines and severities; never
// statement text, messages, URLs or commit messages.
//
// Threads: each instance owns its own uniquely named database connection, which Qt Sql allows to
// be used only by the thread that created the instance. Use one instance per thread (a worker
// creates its own); several instances on the same file, in one process or many, are fine.
//
// A database that is locked by someone else for longer than a few seconds, corrupt, not a
// history, or written by a newer version gives a message naming the file and the cause, and is
// never changed or deleted.
class AuditHistory
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::AuditHistory)
public:
    // The file shared by the desktop application and the command line: PoolProof/history.sqlite
    // in the user's data folder. The environment variable POOLPROOF_HISTORY overrides it.
    static QString defaultPath();
    // The form a repository's folder is stored and looked up in: canonical when it exists, so
    // that every path to the same repository matches.
    static QString canonicalRoot(const QString &folder);

    explicit AuditHistory(const QString &path = defaultPath());
    ~AuditHistory();
    AuditHistory(const AuditHistory &) = delete;
    AuditHistory &operator=(const AuditHistory &) = delete;

    QString path() const { return m_path; }
    bool isOpen() const { return m_open; }
    // Creates the file and folder when needed and brings the schema to this version's.
    bool open(QString *error = nullptr);

    // Stores a complete scan (a cancelled or failed one is refused) with HEAD's commit of its
    // root. Returns the stored entry, findings included. Runs git (with a timeout), so the GUI
    // calls it on a worker thread, with that thread's own instance.
    std::optional<HistoryEntry> record(const ScanResult &scan, const QDateTime &date, QString *error = nullptr);
    // The entries of a repository, newest (last recorded) first, at most limit of them (all when
    // negative), without their findings (entry() loads them).
    QList<HistoryEntry> entries(const QString &root, int limit = 50) const;
    std::optional<HistoryEntry> entry(qint64 id) const;
    // The newest entry of a repository, with its findings; only entries older than beforeId when
    // it is given, only those of profileId when it is not empty.
    std::optional<HistoryEntry> latest(const QString &root, qint64 beforeId = -1, const QString &profileId = {}) const;
    bool remove(qint64 id);
    // What went wrong in the last call; empty when it succeeded (a lookup that finds nothing
    // succeeded).
    QString lastError() const { return m_lastError; }

private:
    bool fail(const QString &message, QString *error = nullptr) const;
    QString describe(const QSqlError &sqlError) const;
    QList<HistoryFinding> findingsOf(qint64 id) const;

    QString m_path;
    QString m_connectionName;
    bool m_open = false;
    mutable QString m_lastError;
};

} // namespace poolproof
