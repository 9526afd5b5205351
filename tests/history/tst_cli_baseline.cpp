#include "tenantcode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real poolproof-cli scan with a baseline file or the audit history.
class TestCliBaseline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void baselineFileHidesUnchangedFindings();
    void newFindingFailsAgain();
    void fixedFindingsAreCounted();
    void sarifAndTextSayWhatWasHidden();
    void baselineFromHistory();
    void historyFromEnvironment();
    void historyOfAnotherProfileIsNotUsed();
    void badBaselineIsAUsageError_data();
    void badBaselineIsAUsageError();
    void corruptHistoryIsAUsageErrorAndKept();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments,
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) const;
    QString repo() const { return m_dir->filePath(u"repo"_s); }
    QString file(const QString &name) const { return m_dir->filePath(name); }
    void write(const QString &relative, const QByteArray &bytes) const;
    QJsonObject json(const QString &text) const { return QJsonDocument::fromJson(text.toUtf8()).object(); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliBaseline::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    write(u"src/tenant.ts"_s, tenantCode);
}

TestCliBaseline::Run TestCliBaseline::run(const QStringList &arguments, const QProcessEnvironment &env) const
{
    QProcess process;
    QProcessEnvironment environment = env;
    // Never the user's own history.
    if (!environment.contains(u"POOLPROOF_HISTORY"_s))
        environment.insert(u"POOLPROOF_HISTORY"_s, m_dir->filePath(u"default-history.sqlite"_s));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestCliBaseline::write(const QString &relative, const QByteArray &bytes) const
{
    QFile out(QDir(repo()).filePath(relative));
    QVERIFY(QDir().mkpath(QFileInfo(out).absolutePath()));
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(out.write(bytes), bytes.size());
}

void TestCliBaseline::baselineFileHidesUnchangedFindings()
{
    const Run first = run({u"scan"_s, u"--format"_s, u"json"_s, u"--output"_s, file(u"base.json"_s), repo()});
    QCOMPARE(first.exitCode, 1);

    // Lines shifted: the same two findings, nothing new.
    write(u"src/tenant.ts"_s, "// moved\n\n" + tenantCode);
    const Run again = run({u"scan"_s, u"--format"_s, u"json"_s, u"--baseline"_s, file(u"base.json"_s), repo()});
    QCOMPARE(again.exitCode, 0);
    const QJsonObject report = json(again.out);
    QVERIFY2(!report.isEmpty(), qPrintable(again.out));
    QCOMPARE(report.value(u"findings").toArray().size(), 0);
    QCOMPARE(report.value(u"summary").toObject().value(u"error").toInt(), 0);
    const QJsonObject baseline = report.value(u"baseline").toObject();
    QCOMPARE(baseline.value(u"source").toString(), u"file"_s);
    QCOMPARE(baseline.value(u"file").toString(), file(u"base.json"_s));
    QCOMPARE(baseline.value(u"unchanged").toInt(), 2);
    QCOMPARE(baseline.value(u"new").toInt(), 0);
    QCOMPARE(baseline.value(u"fixed").toInt(), 0);
    QCOMPARE(baseline.value(u"fixedFindings").toArray().size(), 0);
    // The rest of the document is as without a baseline.
    QCOMPARE(report.value(u"schemaVersion").toInt(), 1);
    QCOMPARE(report.value(u"tool").toObject().value(u"name").toString(), u"PoolProof"_s);

    // Without the baseline, everything is reported again.
    QCOMPARE(run({u"scan"_s, repo()}).exitCode, 1);
}

void TestCliBaseline::newFindingFailsAgain()
{
    QCOMPARE(run({u"scan"_s, u"--format"_s, u"json"_s, u"--output"_s, file(u"base.json"_s), repo()}).exitCode, 1);
    write(u"src/lock.ts"_s, "await c.query('SELECT pg_advisory_lock(7)');\n");
    const Run r = run({u"scan"_s, u"--format"_s, u"json"_s, u"--fail-on"_s, u"warning"_s, u"--baseline"_s,
                       file(u"base.json"_s), repo()});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject report = json(r.out);
    const QJsonArray findings = report.value(u"findings").toArray();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().toObject().value(u"ruleId").toString(), u"PB120"_s);
    QCOMPARE(findings.first().toObject().value(u"path").toString(), u"src/lock.ts"_s);
    QCOMPARE(report.value(u"baseline").toObject().value(u"new").toInt(), 1);
    QCOMPARE(report.value(u"baseline").toObject().value(u"unchanged").toInt(), 2);
    // Below the threshold it passes.
    QCOMPARE(run({u"scan"_s, u"--fail-on"_s, u"none"_s, u"--baseline"_s, file(u"base.json"_s), repo()}).exitCode, 0);
}

void TestCliBaseline::fixedFindingsAreCounted()
{
    QCOMPARE(run({u"scan"_s, u"--format"_s, u"sarif"_s, u"--output"_s, file(u"base.sarif"_s), repo()}).exitCode, 1);
    QByteArray fixed = tenantCode;
    fixed.replace("  await c.query('LISTEN jobs');\n", "");
    write(u"src/tenant.ts"_s, fixed);
    const Run r = run({u"scan"_s, u"--format"_s, u"json"_s, u"--baseline"_s, file(u"base.sarif"_s), repo()});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject baseline = json(r.out).value(u"baseline").toObject();
    QCOMPARE(baseline.value(u"fixed").toInt(), 1);
    QCOMPARE(baseline.value(u"unchanged").toInt(), 1);
    const QJsonObject gone = baseline.value(u"fixedFindings").toArray().first().toObject();
    QCOMPARE(gone.value(u"ruleId").toString(), u"PB110"_s);
    QCOMPARE(gone.value(u"path").toString(), u"src/tenant.ts"_s);
    QCOMPARE(gone.value(u"line").toInt(), 9);
    QCOMPARE(gone.value(u"fingerprint").toString().size(), 32);
}

void TestCliBaseline::sarifAndTextSayWhatWasHidden()
{
    QCOMPARE(run({u"scan"_s, u"--format"_s, u"json"_s, u"--output"_s, file(u"base.json"_s), repo()}).exitCode, 1);
    write(u"src/lock.ts"_s, "await c.query('SELECT pg_advisory_lock(7)');\n");

    const Run text = run({u"scan"_s, u"--baseline"_s, file(u"base.json"_s), repo()});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(text.out.contains(u"src/lock.ts:1:"_s), qPrintable(text.out));
    QVERIFY2(!text.out.contains(u"tenant.ts"_s), qPrintable(text.out));
    const QString sentence
        = u"compared with baseline %1: 2 unchanged finding(s) hidden, 0 finding(s) fixed"_s.arg(file(u"base.json"_s));
    QVERIFY2(text.out.contains(sentence), qPrintable(text.out));
    QVERIFY2(text.err.contains(sentence), qPrintable(text.err));

    const Run sarif = run({u"scan"_s, u"--format"_s, u"sarif"_s, u"--baseline"_s, file(u"base.json"_s), repo()});
    QCOMPARE(sarif.exitCode, 1);
    const QJsonObject runObject = json(sarif.out).value(u"runs").toArray().first().toObject();
    const QJsonArray results = runObject.value(u"results").toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().toObject().value(u"baselineState").toString(), u"new"_s);
    const QJsonObject baseline = runObject.value(u"properties").toObject().value(u"baseline").toObject();
    QCOMPARE(baseline.value(u"unchanged").toInt(), 2);
    QCOMPARE(baseline.value(u"fixed").toInt(), 0);
}

void TestCliBaseline::baselineFromHistory()
{
    const QString history = file(u"h/history.sqlite"_s);
    // Nothing recorded yet: every finding is new, and that is said.
    const Run empty = run({u"scan"_s, u"--baseline-history"_s, u"--history"_s, history, repo()});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(u"no recorded scan of"_s), qPrintable(empty.err));

    QCOMPARE(run({u"scan"_s, u"--record"_s, u"--history"_s, history, repo()}).exitCode, 1);
    QVERIFY(QFileInfo::exists(history));
    write(u"src/tenant.ts"_s, "\n\n" + tenantCode);
    const Run r = run({u"scan"_s, u"--format"_s, u"json"_s, u"--baseline-history"_s, u"--record"_s, u"--history"_s,
                       history, m_dir->path() + u"/repo/src/.."_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject baseline = json(r.out).value(u"baseline").toObject();
    QCOMPARE(baseline.value(u"source").toString(), u"history"_s);
    QCOMPARE(baseline.value(u"history").toString(), history);
    QCOMPARE(baseline.value(u"entry").toInt(), 1);
    QCOMPARE(baseline.value(u"unchanged").toInt(), 2);
    QCOMPARE(baseline.value(u"commit").toString(), QString());

    // That run was recorded too: the next comparison is with it.
    write(u"src/tenant.ts"_s, "export const x = 1;\n");
    const Run next
        = run({u"scan"_s, u"--format"_s, u"json"_s, u"--baseline-history"_s, u"--history"_s, history, repo()});
    QCOMPARE(next.exitCode, 0);
    const QJsonObject latest = json(next.out).value(u"baseline").toObject();
    QCOMPARE(latest.value(u"entry").toInt(), 2);
    QCOMPARE(latest.value(u"fixed").toInt(), 2);
}

void TestCliBaseline::historyFromEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString history = file(u"env/history.sqlite"_s);
    env.insert(u"POOLPROOF_HISTORY"_s, history);
    QCOMPARE(run({u"scan"_s, u"--record"_s, repo()}, env).exitCode, 1);
    QVERIFY(QFileInfo::exists(history));
    const Run r = run({u"scan"_s, u"--baseline-history"_s, repo()}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"2 unchanged finding(s) hidden"_s), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(file(u"default-history.sqlite"_s)));
}

void TestCliBaseline::historyOfAnotherProfileIsNotUsed()
{
    const QString history = file(u"history.sqlite"_s);
    QCOMPARE(run({u"scan"_s, u"--record"_s, u"--history"_s, history, repo()}).exitCode, 1);
    const Run other = run({u"scan"_s, u"--pooler"_s, u"rds-proxy"_s, u"--format"_s, u"json"_s, u"--fail-on"_s,
                           u"info"_s, u"--baseline-history"_s, u"--history"_s, history, repo()});
    QCOMPARE(other.exitCode, 1);
    QVERIFY2(other.err.contains(u"no recorded scan of"_s), qPrintable(other.err));
    QCOMPARE(json(other.out).value(u"baseline").toObject().value(u"unchanged").toInt(), 0);
    QCOMPARE(json(other.out).value(u"findings").toArray().size(), 2);
}

void TestCliBaseline::badBaselineIsAUsageError_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("cause");
    QTest::newRow("missing") << QByteArray() << u"does not exist"_s;
    QTest::newRow("truncated") << QByteArray("{\"tool\": {\"name\": \"PoolProof\"}, \"findings\": [{\"ruleId\"")
                               << u"not valid JSON"_s;
    QTest::newRow("not a report") << QByteArray("{\"hello\": 1}") << u"not a PoolProof report"_s;
}

void TestCliBaseline::badBaselineIsAUsageError()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, cause);
    const QString path = file(u"bad.json"_s);
    if (!content.isEmpty()) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
    }
    const Run r = run({u"scan"_s, u"--baseline"_s, path, repo()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(path), qPrintable(r.err));
    QVERIFY2(r.err.contains(cause), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());

    // The options' own mistakes are usage errors as well.
    QCOMPARE(run({u"scan"_s, u"--baseline"_s, path, u"--baseline-history"_s, repo()}).exitCode, 2);
    QCOMPARE(run({u"scan"_s, u"--history"_s, file(u"h.sqlite"_s), repo()}).exitCode, 2);
}

void TestCliBaseline::corruptHistoryIsAUsageErrorAndKept()
{
    const QString history = file(u"history.sqlite"_s);
    const QByteArray garbage = QByteArray("not a database at all\n").repeated(200);
    {
        QFile out(history);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(garbage);
    }
    for (const QString &option : {u"--record"_s, u"--baseline-history"_s}) {
        const Run r = run({u"scan"_s, option, u"--history"_s, history, repo()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(history), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"damaged"_s), qPrintable(r.err));
    }
    QFile in(history);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QCOMPARE(in.readAll(), garbage);
}

QTEST_GUILESS_MAIN(TestCliBaseline)
#include "tst_cli_baseline.moc"
