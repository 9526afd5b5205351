#include "tenantcode.h"

#include "history/audithistory.h"
#include "history/baselinefile.h"
#include "history/headcommit.h"
#include "report/sarif.h"
#include "report/scanjson.h"
#include "scan/scanengine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace poolproof;

// The audit history on a real SQLite file, scans of real folders and git repositories, and the
// comparison of two scans by fingerprint.
class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void recordsAndReadsBack();
    void latestFollowsIdAndProfile();
    void removeDeletesOneEntry();
    void reopenKeepsEntriesAndSchema();
    void connectionsAreUniqueAndRemoved();
    void corruptFileIsReportedAndLeftAlone_data();
    void corruptFileIsReportedAndLeftAlone();
    void foreignOrNewerDatabaseIsRefused_data();
    void foreignOrNewerDatabaseIsRefused();
    void lockedDatabaseGivesAClearError();
    void filesAreOwnerOnly();
    void incompleteScanIsNotRecorded();
    void noPasswordReachesTheDatabase();
    void commitOfARepository();
    void lineShiftChangesNothing();
    void fixedAndAddedFindings();
    void suppressedFindingsAreNeverAdded();
    void baselineFromReports();
    void baselineErrorsNameTheFile_data();
    void baselineErrorsNameTheFile();

private:
    QString repo() const { return m_dir->filePath(u"repo"_s); }
    QString historyPath() const { return m_dir->filePath(u"data/history.sqlite"_s); }
    void write(const QString &relative, const QByteArray &bytes) const;
    bool git(const QStringList &arguments, QByteArray *output = nullptr) const;
    ScanResult scan() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(repo()));
}

void TestHistory::write(const QString &relative, const QByteArray &bytes) const
{
    QFile file(QDir(repo()).filePath(relative));
    QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

bool TestHistory::git(const QStringList &arguments, QByteArray *output) const
{
    QProcess process;
    process.setWorkingDirectory(repo());
    process.start(u"git"_s,
                  QStringList {u"-c"_s, u"user.name=PoolProof Test"_s, u"-c"_s, u"user.email=test@example.invalid"_s,
                               u"-c"_s, u"commit.gpgsign=false"_s}
                      + arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return false;
    if (output)
        *output = process.readAllStandardOutput().trimmed();
    return true;
}

ScanResult TestHistory::scan() const
{
    ScanOptions options;
    options.root = repo();
    return runScan(options);
}

void TestHistory::recordsAndReadsBack()
{
    write(u"src/tenant.ts"_s, tenantCode);
    const ScanResult result = scan();
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.findings.size(), 2);

    AuditHistory history(historyPath());
    QString error;
    QVERIFY2(history.open(&error), qPrintable(error));
    const QDateTime date(QDate(2026, 11, 27), QTime(9, 30, 15, 250), QTimeZone::UTC);
    const std::optional<HistoryEntry> stored = history.record(result, date, &error);
    QVERIFY2(stored, qPrintable(error));
    QVERIFY(stored->id > 0);
    QCOMPARE(stored->root, QFileInfo(repo()).canonicalFilePath());
    QCOMPARE(stored->commit, QString()); // not a git repository
    QCOMPARE(stored->profileId, result.profileId);
    QVERIFY(!stored->profileId.isEmpty());
    QCOMPARE(stored->findingCount, 2);
    QCOMPARE(stored->errorCount, result.count(Severity::Error));
    QCOMPARE(stored->warningCount, result.count(Severity::Warning));
    QCOMPARE(stored->infoCount, result.count(Severity::Info));

    const std::optional<HistoryEntry> loaded = history.entry(stored->id);
    QVERIFY(loaded);
    QCOMPARE(loaded->date, date);
    QCOMPARE(loaded->root, stored->root);
    QCOMPARE(loaded->findingCount, 2);
    QCOMPARE(loaded->count(Severity::Error), stored->errorCount);
    QCOMPARE(loaded->findings.size(), 2);
    for (qsizetype i = 0; i < result.findings.size(); ++i)
        QCOMPARE(loaded->findings.at(i), historyFinding(result.findings.at(i)));
    QCOMPARE(loaded->findings.at(0).ruleId, u"PB101"_s);
    QCOMPARE(loaded->findings.at(0).path, u"src/tenant.ts"_s);
    QCOMPARE(loaded->findings.at(0).line, 4);

    // Any spelling of the folder finds the same repository.
    const QList<HistoryEntry> list = history.entries(m_dir->path() + u"/repo/src/.."_s);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().id, stored->id);
    QVERIFY(list.first().findings.isEmpty()); // lists are light; entry() loads the findings
    QVERIFY(history.entries(m_dir->path()).isEmpty());
    QVERIFY(!history.entry(stored->id + 100));
    QVERIFY(history.lastError().isEmpty());
}

void TestHistory::latestFollowsIdAndProfile()
{
    write(u"a.ts"_s, tenantCode);
    ScanResult result = scan();
    AuditHistory history(historyPath());
    QVERIFY(history.open());
    QVERIFY(!history.latest(repo()));
    const QDateTime date = QDateTime::currentDateTimeUtc();
    const std::optional<HistoryEntry> first = history.record(result, date);
    write(u"b.ts"_s, "await pool.query(\"SET TIME ZONE 'UTC'\");\n");
    result = scan();
    const std::optional<HistoryEntry> second = history.record(result, date.addSecs(60));
    ScanOptions other;
    other.root = repo();
    other.profileId = u"rds-proxy"_s;
    const std::optional<HistoryEntry> third = history.record(runScan(other), date.addSecs(120));
    QVERIFY(first && second && third);
    QVERIFY(first->id < second->id && second->id < third->id);

    const QList<HistoryEntry> list = history.entries(repo());
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).id, third->id); // newest first
    QCOMPARE(list.at(2).id, first->id);
    QCOMPARE(history.entries(repo(), 2).size(), 2);

    QCOMPARE(history.latest(repo())->id, third->id);
    QCOMPARE(history.latest(repo(), third->id)->id, second->id);
    QCOMPARE(history.latest(repo(), second->id)->id, first->id);
    QVERIFY(!history.latest(repo(), first->id));
    QCOMPARE(history.latest(repo(), -1, first->profileId)->id, second->id);
    QCOMPARE(history.latest(repo(), -1, first->profileId)->findings.size(), 3);
    QCOMPARE(history.latest(repo(), -1, u"rds-proxy"_s)->id, third->id);
    QVERIFY(!history.latest(repo(), -1, u"odyssey"_s));
}

void TestHistory::removeDeletesOneEntry()
{
    write(u"a.ts"_s, tenantCode);
    const ScanResult result = scan();
    AuditHistory history(historyPath());
    QVERIFY(history.open());
    const std::optional<HistoryEntry> first = history.record(result, QDateTime::currentDateTimeUtc());
    const std::optional<HistoryEntry> second = history.record(result, QDateTime::currentDateTimeUtc());
    QVERIFY(first && second);
    QVERIFY(history.remove(first->id));
    QVERIFY(!history.entry(first->id));
    QVERIFY(!history.remove(first->id)); // gone already
    QCOMPARE(history.entries(repo()).size(), 1);
    QCOMPARE(history.entry(second->id)->findings.size(), 2);

    // The findings went with their entry.
    QSqlDatabase probe = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"probe-remove"_s);
    probe.setDatabaseName(historyPath());
    QVERIFY(probe.open());
    {
        QSqlQuery query(probe);
        QVERIFY(query.exec(u"SELECT count(*) FROM findings"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 2);
    }
    probe.close();
    probe = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"probe-remove"_s);
}

void TestHistory::reopenKeepsEntriesAndSchema()
{
    write(u"a.ts"_s, tenantCode);
    qint64 id = -1;
    {
        AuditHistory history(historyPath());
        QVERIFY(history.open());
        id = history.record(scan(), QDateTime::currentDateTimeUtc())->id;
    }
    {
        AuditHistory history(historyPath());
        QString error;
        QVERIFY2(history.open(&error), qPrintable(error));
        QCOMPARE(history.entries(repo()).size(), 1);
        QCOMPARE(history.entry(id)->findings.size(), 2);
    }
    QSqlDatabase probe = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"probe-schema"_s);
    probe.setDatabaseName(historyPath());
    QVERIFY(probe.open());
    {
        QSqlQuery query(probe);
        QVERIFY(query.exec(u"SELECT version FROM schema_version"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(!query.next());
    }
    probe.close();
    probe = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"probe-schema"_s);
}

void TestHistory::connectionsAreUniqueAndRemoved()
{
    const QStringList before = QSqlDatabase::connectionNames();
    write(u"a.ts"_s, tenantCode);
    const ScanResult result = scan();
    {
        AuditHistory one(historyPath());
        AuditHistory two(historyPath());
        QVERIFY(one.open());
        QVERIFY(two.open());
        const QStringList during = QSqlDatabase::connectionNames();
        QCOMPARE(during.size(), before.size() + 2);
        // Both write and each sees the other's entries: two connections, one file.
        QVERIFY(one.record(result, QDateTime::currentDateTimeUtc()));
        QVERIFY(two.record(result, QDateTime::currentDateTimeUtc()));
        QCOMPARE(one.entries(repo()).size(), 2);
        QCOMPARE(two.entries(repo()).size(), 2);
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
}

void TestHistory::corruptFileIsReportedAndLeftAlone_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("cause");
    QByteArray noise(8192, '\0');
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919) % 251);
    QTest::newRow("noise") << noise << u"damaged"_s;
    QByteArray damagedHeader = QByteArray("SQLite format 3") + '\0' + QByteArray(4080, 'x');
    QTest::newRow("damaged header") << damagedHeader << u"damaged"_s;
}

void TestHistory::corruptFileIsReportedAndLeftAlone()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, cause);
    QVERIFY(QDir().mkpath(QFileInfo(historyPath()).absolutePath()));
    {
        QFile file(historyPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    AuditHistory history(historyPath());
    QString error;
    QVERIFY(!history.open(&error));
    QVERIFY2(error.contains(historyPath()), qPrintable(error));
    QVERIFY2(error.contains(cause), qPrintable(error));
    QCOMPARE(history.lastError(), error);
    QVERIFY(!history.isOpen());
    QVERIFY(!history.record(scan(), QDateTime::currentDateTimeUtc()));
    QVERIFY(history.entries(repo()).isEmpty());
    QVERIFY(!history.latest(repo()));
    QVERIFY(!history.lastError().isEmpty());

    QFile file(historyPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QCOMPARE(QDir(QFileInfo(historyPath()).absolutePath()).entryList(QDir::Files), QStringList {u"history.sqlite"_s});
}

void TestHistory::foreignOrNewerDatabaseIsRefused_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("cause");
    QTest::newRow("foreign") << u"CREATE TABLE invoices (id INTEGER)"_s << u"not a PoolProof history"_s;
    QTest::newRow("newer") << u"UPDATE schema_version SET version = 99"_s << u"newer PoolProof (schema version 99"_s;
}

void TestHistory::foreignOrNewerDatabaseIsRefused()
{
    QFETCH(QString, statement);
    QFETCH(QString, cause);
    const bool foreign = statement.startsWith(u"CREATE"_s);
    if (!foreign) {
        AuditHistory history(historyPath());
        QVERIFY(history.open());
    } else {
        QVERIFY(QDir().mkpath(QFileInfo(historyPath()).absolutePath()));
    }
    {
        QSqlDatabase probe = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"probe-foreign"_s);
        probe.setDatabaseName(historyPath());
        QVERIFY(probe.open());
        QSqlQuery query(probe);
        QVERIFY(query.exec(statement));
        query.finish();
        probe.close();
    }
    QSqlDatabase::removeDatabase(u"probe-foreign"_s);
    QFile before(historyPath());
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();

    AuditHistory history(historyPath());
    QString error;
    QVERIFY(!history.open(&error));
    QVERIFY2(error.contains(cause), qPrintable(error));
    QVERIFY2(error.contains(historyPath()), qPrintable(error));
    QVERIFY2(error.contains(u"left as it is"_s), qPrintable(error));
    QFile after(historyPath());
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
}

void TestHistory::lockedDatabaseGivesAClearError()
{
    write(u"a.ts"_s, tenantCode);
    {
        AuditHistory history(historyPath());
        QVERIFY(history.open());
    }
    // Another program holds an exclusive lock for the whole test.
    QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-program"_s);
    other.setDatabaseName(historyPath());
    QVERIFY(other.open());
    {
        QSqlQuery lock(other);
        QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));
        AuditHistory history(historyPath());
        QString error;
        QVERIFY(!history.open(&error));
        QVERIFY2(error.contains(u"in use by another program"_s), qPrintable(error));
        QVERIFY2(error.contains(historyPath()), qPrintable(error));
        QVERIFY(lock.exec(u"ROLLBACK"_s));
        // Released: the same file works again.
        QVERIFY2(history.open(&error), qPrintable(error));
        QVERIFY(history.record(scan(), QDateTime::currentDateTimeUtc()));
    }
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"other-program"_s);
}

void TestHistory::filesAreOwnerOnly()
{
    const QString nested = m_dir->filePath(u"deep/er/history.sqlite"_s);
    write(u"a.ts"_s, tenantCode);
    AuditHistory history(nested);
    QVERIFY(history.open());
    QVERIFY(history.record(scan(), QDateTime::currentDateTimeUtc()));
    const QFile::Permissions other = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    const QFileInfo file(nested);
    QCOMPARE(file.permissions() & (other | QFile::ExeOwner), QFile::Permissions());
    QVERIFY(file.permissions() & QFile::ReadOwner);
    QVERIFY(file.permissions() & QFile::WriteOwner);
    const QFileInfo folder(file.absolutePath());
    QCOMPARE(folder.permissions() & other, QFile::Permissions());
    QVERIFY(folder.permissions() & QFile::ExeOwner);

    // A file left readable by others is tightened when opened.
    const QString loose = m_dir->filePath(u"loose.sqlite"_s);
    {
        AuditHistory first(loose);
        QVERIFY(first.open());
    }
    QVERIFY(QFile::setPermissions(loose, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    AuditHistory again(loose);
    QVERIFY(again.open());
    QCOMPARE(QFileInfo(loose).permissions() & other, QFile::Permissions());
}

void TestHistory::incompleteScanIsNotRecorded()
{
    write(u"a.ts"_s, tenantCode);
    ScanResult result = scan();
    result.cancelled = true;
    AuditHistory history(historyPath());
    QVERIFY(history.open());
    QString error;
    QVERIFY(!history.record(result, QDateTime::currentDateTimeUtc(), &error));
    QVERIFY2(error.contains(u"incomplete"_s), qPrintable(error));
    QVERIFY(history.entries(repo()).isEmpty());
}

void TestHistory::noPasswordReachesTheDatabase()
{
    const QByteArray password = "Hunter2VeryS3cret";
    write(u"a.ts"_s,
          "const url = 'postgresql://app:" + password
              + "@db.internal:5432/app';\n"
                "await pool.query(\"SET search_path TO "
              + password + "\"); // " + password + "\n");
    const ScanResult result = scan();
    QVERIFY(!result.findings.isEmpty());
    // The finding itself carries the password in its text: the history must drop it.
    bool carried = false;
    for (const Finding &finding : result.findings)
        carried = carried
            || QString(finding.snippet + finding.message + finding.subject).contains(QString::fromLatin1(password));
    QVERIFY(carried);
    {
        AuditHistory history(historyPath());
        QVERIFY(history.open());
        QVERIFY(history.record(result, QDateTime::currentDateTimeUtc()));
        QVERIFY(history.record(result, QDateTime::currentDateTimeUtc()));
    }
    const QDir folder(QFileInfo(historyPath()).absolutePath());
    const QStringList files = folder.entryList(QDir::Files);
    QVERIFY(files.contains(u"history.sqlite"_s));
    for (const QString &name : files) {
        QFile file(folder.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(password), qPrintable(name));
        const QString text = QString::fromLatin1(password);
        const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        QVERIFY2(!bytes.contains(utf16), qPrintable(name));
        QVERIFY2(!bytes.contains("Hunter2"), qPrintable(name));
    }
}

void TestHistory::commitOfARepository()
{
    QCOMPARE(headCommit(repo()), QString()); // not a repository
    QVERIFY(git({u"init"_s, u"-q"_s}));
    QCOMPARE(headCommit(repo()), QString()); // no commit yet
    write(u"a.ts"_s, tenantCode);
    QVERIFY(git({u"add"_s, u"a.ts"_s}));
    QVERIFY(git({u"commit"_s, u"-q"_s, u"-m"_s, u"first: password=Hunter2VeryS3cret"_s}));
    QByteArray expected;
    QVERIFY(git({u"rev-parse"_s, u"HEAD"_s}, &expected));
    QCOMPARE(headCommit(repo()), QString::fromLatin1(expected));
    QCOMPARE(headCommit(QDir(repo()).filePath(u"."_s)), QString::fromLatin1(expected));

    AuditHistory history(historyPath());
    QVERIFY(history.open());
    const std::optional<HistoryEntry> stored = history.record(scan(), QDateTime::currentDateTimeUtc());
    QVERIFY(stored);
    QCOMPARE(stored->commit, QString::fromLatin1(expected));
    QCOMPARE(history.entry(stored->id)->commit, QString::fromLatin1(expected));
    // The commit message is never read, so it cannot be stored.
    QFile file(historyPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("Hunter2VeryS3cret"));
}

void TestHistory::lineShiftChangesNothing()
{
    QVERIFY(git({u"init"_s, u"-q"_s}));
    write(u"src/tenant.ts"_s, tenantCode);
    QVERIFY(git({u"add"_s, u"."_s}));
    QVERIFY(git({u"commit"_s, u"-q"_s, u"-m"_s, u"one"_s}));
    AuditHistory history(historyPath());
    QVERIFY(history.open());
    const std::optional<HistoryEntry> before = history.record(scan(), QDateTime::currentDateTimeUtc());
    QVERIFY(before);
    QCOMPARE(before->findings.size(), 2);

    // New lines above both findings, other indentation: every line number moves.
    write(u"src/tenant.ts"_s, "// header\n// more\n\n" + QByteArray(tenantCode).replace("  await", "    await"));
    QVERIFY(git({u"commit"_s, u"-q"_s, u"-a"_s, u"-m"_s, u"two"_s}));
    const ScanResult after = scan();
    QCOMPARE(after.findings.size(), 2);
    QCOMPARE(after.findings.at(0).location.line, before->findings.at(0).line + 3);

    const ScanComparison comparison = compareScans(after.findings, history.latest(repo())->findings);
    QCOMPARE(comparison.added.size(), 0);
    QCOMPARE(comparison.fixed.size(), 0);
    QCOMPARE(comparison.unchanged.size(), 2);
    const std::optional<HistoryEntry> second = history.record(after, QDateTime::currentDateTimeUtc());
    QVERIFY(second->commit != before->commit);
    QCOMPARE(history.latest(repo(), second->id)->id, before->id);
}

void TestHistory::fixedAndAddedFindings()
{
    write(u"src/tenant.ts"_s, tenantCode);
    AuditHistory history(historyPath());
    QVERIFY(history.open());
    QVERIFY(history.record(scan(), QDateTime::currentDateTimeUtc()));

    // The LISTEN is gone; an advisory lock is new.
    QByteArray changed = tenantCode;
    changed.replace("  await c.query('LISTEN jobs');\n", "  await c.query('SELECT pg_advisory_lock(42)');\n");
    write(u"src/tenant.ts"_s, changed);
    const ScanResult after = scan();
    const ScanComparison comparison = compareScans(after.findings, history.latest(repo())->findings);
    QCOMPARE(comparison.unchanged.size(), 1);
    QCOMPARE(comparison.unchanged.first().ruleId, u"PB101"_s);
    QCOMPARE(comparison.fixed.size(), 1);
    QCOMPARE(comparison.fixed.first().ruleId, u"PB110"_s);
    QCOMPARE(comparison.fixed.first().line, 9);
    QCOMPARE(comparison.added.size(), 1);
    QCOMPARE(comparison.added.first().ruleId, u"PB120"_s);
}

void TestHistory::suppressedFindingsAreNeverAdded()
{
    write(u"src/tenant.ts"_s, tenantCode);
    const ScanResult before = scan();
    QByteArray changed = tenantCode;
    // A comment on the line above keeps the line, and so the fingerprint, as it was.
    changed.replace("  await c.query('LISTEN jobs');\n",
                    "  // poolproof-ignore PB110: a dedicated direct connection\n  await c.query('LISTEN jobs');\n");
    changed += "// poolproof-ignore PB120: session pool only\nawait pool.query('SELECT pg_advisory_lock(1)');\n";
    write(u"src/tenant.ts"_s, changed);
    const ScanResult after = scan();
    QCOMPARE(after.suppressedCount(), 2);
    QList<HistoryFinding> baseline;
    for (const Finding &finding : before.findings)
        baseline.append(historyFinding(finding));
    const ScanComparison comparison = compareScans(after.findings, baseline);
    QCOMPARE(comparison.added.size(), 0);
    QCOMPARE(comparison.suppressed.size(), 2);
    QCOMPARE(comparison.unchanged.size(), 1);
    // The LISTEN is still there, only suppressed now: not "fixed".
    QCOMPARE(comparison.fixed.size(), 0);

    // A baseline's suppressed finding that lost its comment is new.
    QList<HistoryFinding> suppressedBaseline;
    for (const Finding &finding : after.findings)
        suppressedBaseline.append(historyFinding(finding));
    QList<Finding> unsuppressed = after.findings;
    for (Finding &finding : unsuppressed)
        finding.suppressed = false;
    QCOMPARE(compareScans(unsuppressed, suppressedBaseline).added.size(), 2);
}

void TestHistory::baselineFromReports()
{
    write(u"src/tenant.ts"_s, tenantCode);
    write(u"src/more.ts"_s, "// poolproof-ignore PB110: direct\nawait c.query('LISTEN x');\n");
    const ScanResult result = scan();
    QCOMPARE(result.findings.size(), 3);
    QList<HistoryFinding> expected;
    for (const Finding &finding : result.findings)
        expected.append(historyFinding(finding));

    const auto read = [&](const QString &name, const QByteArray &bytes) {
        QFile file(m_dir->filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return std::optional<QList<HistoryFinding>>();
        file.close();
        QString error;
        std::optional<QList<HistoryFinding>> findings = readBaselineFile(file.fileName(), &error);
        if (!findings)
            qWarning() << error;
        return findings;
    };
    QCOMPARE(read(u"scan.json"_s, scanResultToJsonBytes(result, u"1.0"_s)), expected);
    const QJsonObject audit {{u"tool"_s, QJsonObject {{u"name"_s, u"PoolProof"_s}}},
                             {u"scan"_s, scanResultToJson(result, u"1.0"_s)}};
    QCOMPARE(read(u"audit.json"_s, QJsonDocument(audit).toJson()), expected);
    const QJsonObject sarif = scanResultToSarif(result, RuleCatalog::builtin(), u"1.0"_s);
    QCOMPARE(read(u"scan.sarif"_s, QJsonDocument(sarif).toJson()), expected);
    QCOMPARE(read(u"empty.json"_s, scanResultToJsonBytes(ScanResult {}, u"1.0"_s)), QList<HistoryFinding> {});
}

void TestHistory::baselineErrorsNameTheFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("cause");
    QTest::newRow("missing") << QByteArray() << u"does not exist"_s;
    QTest::newRow("not json") << QByteArray("{\"findings\": [") << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1, 2]") << u"not a JSON object"_s;
    QTest::newRow("other tool") << QByteArray(R"({"tool": {"name": "Other"}, "findings": []})")
                                << u"not a PoolProof report"_s;
    QTest::newRow("newer") << QByteArray(R"({"tool": {"name": "PoolProof"}, "schemaVersion": 7, "findings": []})")
                           << u"newer PoolProof"_s;
    QTest::newRow("no fingerprint") << QByteArray(
        R"({"tool": {"name": "PoolProof"}, "findings": [{"ruleId": "PB101"}]})")
                                    << u"finding 1 has no fingerprint"_s;
    QTest::newRow("other sarif") << QByteArray(R"({"runs": [{"tool": {"driver": {"name": "Other"}}, "results": []}]})")
                                 << u"no PoolProof run"_s;
}

void TestHistory::baselineErrorsNameTheFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, cause);
    const QString path = m_dir->filePath(u"baseline.json"_s);
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QString error;
    QVERIFY(!readBaselineFile(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(cause), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
