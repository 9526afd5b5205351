#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Runs the real poolproof-cli scan on the sample backend and on prepared folders.
class TestCliScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textOutputLikeACompiler();
    void exitCodeFollowsFailOn_data();
    void exitCodeFollowsFailOn();
    void jsonOutput();
    void sarifOutput();
    void writesOutputFile();
    void neverReplacesAPipeOrDevice();
    void aFullDeviceIsAnError();
    void usageErrors_data();
    void usageErrors();
    void unreadableFileIsANote();
    void projectFileChoosesPoolerExcludesAndIgnores();
    void fileNamesCannotForgeFindingLines();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QStringList &arguments, const QString &program = QStringLiteral(POOLPROOF_CLI));
    static QString sample() { return QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend"); }
};

TestCliScan::Run TestCliScan::run(const QStringList &arguments, const QString &program)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestCliScan::textOutputLikeACompiler()
{
    const Run r = run({u"scan"_s, sample()});
    QCOMPARE(r.exitCode, 1); // the sample has errors
    const QString tenant = sample() + u"/src/middleware/tenant.ts:75:"_s;
    QVERIFY2(r.out.contains(tenant), qPrintable(r.out));
    QVERIFY2(r.out.contains(u": error: Session-level SET: search_path [PB101]\n"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"   75 | await pool.query(`SET search_path TO ${schema}, public`);\n"_s),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(u"      = fix: Use SET LOCAL"_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"pooler: PgBouncer 1.24 or later"_s), qPrintable(r.err));
    // Comments and look-alikes never show up.
    QVERIFY(!r.out.contains(u"0001_init.sql"_s));
}

void TestCliScan::exitCodeFollowsFailOn_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("default error") << QStringList {} << 1;
    QTest::newRow("none") << QStringList {u"--fail-on"_s, u"none"_s} << 0;
    QTest::newRow("info") << QStringList {u"--fail-on"_s, u"info"_s} << 1;
}

void TestCliScan::exitCodeFollowsFailOn()
{
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QCOMPARE(run(QStringList {u"scan"_s, sample()} + extra).exitCode, exitCode);

    // A clean folder passes at any threshold.
    QTemporaryDir dir;
    QFile clean(dir.filePath(u"ok.ts"_s));
    QVERIFY(clean.open(QIODevice::WriteOnly));
    clean.write("await pool.query('SELECT 1');\n");
    clean.close();
    QCOMPARE(run(QStringList {u"scan"_s, dir.path(), u"--fail-on"_s, u"info"_s}).exitCode, 0);
}

void TestCliScan::jsonOutput()
{
    const Run r = run({u"scan"_s, sample(), u"--format"_s, u"json"_s, u"--pooler"_s, u"supavisor"_s});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"pooler").toString(), u"supavisor"_s);
    const QJsonArray findings = root.value(u"findings").toArray();
    QVERIFY(findings.size() >= 8);
    bool sawNamed = false;
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        QVERIFY(!finding.value(u"fingerprint").toString().isEmpty());
        QVERIFY(finding.value(u"line").toInt() > 0);
        if (finding.value(u"ruleId").toString() == u"PB201") {
            sawNamed = true;
            QCOMPARE(finding.value(u"severity").toString(), u"error"_s);
            QCOMPARE(finding.value(u"path").toString(), u"src/repositories/itemRepository.ts"_s);
        }
    }
    QVERIFY(sawNamed);
    QVERIFY(root.value(u"dependencies").toObject().value(u"npm").toArray().contains(u"pg"_s));
}

void TestCliScan::sarifOutput()
{
    const Run r = run({u"scan"_s, sample(), u"--format"_s, u"sarif"_s, u"--fail-on"_s, u"none"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"version").toString(), u"2.1.0"_s);
    const QJsonObject run0 = root.value(u"runs").toArray().at(0).toObject();
    const QJsonArray rules = run0.value(u"tool").toObject().value(u"driver").toObject().value(u"rules").toArray();
    const QJsonArray results = run0.value(u"results").toArray();
    QVERIFY(!rules.isEmpty());
    QVERIFY(!results.isEmpty());
    for (const QJsonValue &value : results) {
        const QJsonObject result = value.toObject();
        const int index = result.value(u"ruleIndex").toInt(-1);
        QVERIFY(index >= 0 && index < rules.size());
        QCOMPARE(rules.at(index).toObject().value(u"id").toString(), result.value(u"ruleId").toString());
        QVERIFY(QStringList({u"error"_s, u"warning"_s, u"note"_s}).contains(result.value(u"level").toString()));
        const QJsonObject location
            = result.value(u"locations").toArray().at(0).toObject().value(u"physicalLocation").toObject();
        QVERIFY(!location.value(u"artifactLocation").toObject().value(u"uri").toString().startsWith(u'/'));
        QVERIFY(location.value(u"region").toObject().value(u"startLine").toInt() >= 1);
        QVERIFY(!result.value(u"partialFingerprints").toObject().value(u"poolproof/v1").toString().isEmpty());
    }
}

void TestCliScan::writesOutputFile()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(u"report.json"_s);
    const Run r = run({u"scan"_s, sample(), u"--format"_s, u"json"_s, u"--output"_s, target});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(file.readAll()).isObject());
}

void TestCliScan::neverReplacesAPipeOrDevice()
{
    // --output into a FIFO must write into it, not replace it with a file (the same holds for
    // /dev/null, which a replacing write would destroy for the whole machine).
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"report.fifo"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess reader;
    reader.start(u"cat"_s, {fifo});
    QVERIFY(reader.waitForStarted());
    const Run r = run({u"scan"_s, sample(), u"--format"_s, u"json"_s, u"--output"_s, fifo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(reader.waitForFinished(30000));
    QVERIFY(QJsonDocument::fromJson(reader.readAllStandardOutput()).isObject());
    QVERIFY(!QFileInfo(fifo).isFile());
}

void TestCliScan::aFullDeviceIsAnError()
{
    // A report that could not be written is a failure, whether it went to --output or to
    // standard output: exit 2 and the cause, never a silent success.
    const Run toOutput = run({u"scan"_s, sample(), u"--output"_s, u"/dev/full"_s});
    QCOMPARE(toOutput.exitCode, 2);
    QVERIFY2(toOutput.err.contains(u"cannot write /dev/full: No space left on device"_s), qPrintable(toOutput.err));
    // JSON goes to the file in pieces as it is rendered: the same failure, the same message.
    const Run jsonToOutput = run({u"scan"_s, sample(), u"--format"_s, u"json"_s, u"--output"_s, u"/dev/full"_s});
    QCOMPARE(jsonToOutput.exitCode, 2);
    QVERIFY2(jsonToOutput.err.contains(u"cannot write /dev/full: No space left on device"_s),
             qPrintable(jsonToOutput.err));

    QProcess process;
    process.setStandardOutputFile(u"/dev/full"_s);
    process.start(QStringLiteral(POOLPROOF_CLI), {u"scan"_s, sample()});
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"cannot write the report to standard output: No space left on device"_s), qPrintable(err));
}

void TestCliScan::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no path") << QStringList {u"scan"_s} << u"no path given"_s;
    QTest::newRow("missing folder") << QStringList {u"scan"_s, u"/nonexistent/repo"_s}
                                    << u"/nonexistent/repo does not exist"_s;
    QTest::newRow("bad pooler") << QStringList {u"scan"_s, sample(), u"--pooler"_s, u"pgbouncer-9"_s}
                                << u"unknown pooler profile \"pgbouncer-9\""_s;
    QTest::newRow("bad format") << QStringList {u"scan"_s, sample(), u"--format"_s, u"xml"_s}
                                << u"unknown format \"xml\""_s;
    QTest::newRow("bad fail-on") << QStringList {u"scan"_s, sample(), u"--fail-on"_s, u"fatal"_s}
                                 << u"unknown severity \"fatal\""_s;
    QTest::newRow("bad jobs") << QStringList {u"scan"_s, sample(), u"--jobs"_s, u"0"_s} << u"--jobs needs a number"_s;
}

void TestCliScan::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliScan::unreadableFileIsANote()
{
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                      | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
    const QString secret = dir.filePath(u"secret.ts"_s);
    QFile file(secret);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("await c.query('LISTEN jobs');\n");
    file.close();
    QVERIFY(QFile::setPermissions(secret, QFileDevice::Permissions()));
    const QStringList arguments {u"scan"_s, dir.path(), u"--no-ignore-files"_s};
    // Root reads everything: drop to an unprivileged user so that the permission really applies.
    const Run r = ::geteuid() == 0
        ? run(QStringList {u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s, QStringLiteral(POOLPROOF_CLI)}
                  + arguments,
              u"setpriv"_s)
        : run(arguments);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"secret.ts: note: cannot be read"_s), qPrintable(r.out + r.err));
}

void TestCliScan::projectFileChoosesPoolerExcludesAndIgnores()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &content) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).absolutePath());
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(u"package.json"_s, R"({"name": "shop", "dependencies": {"pg": "^8.12.0"}})");
    write(u"src/report.ts"_s,
          "export const totals = (pool) => pool.query({ name: 'daily-totals', text: 'SELECT 1' });\n");
    write(u"src/tenant.ts"_s, "export const use = (pool, s) => pool.query(`SET search_path TO ${s}`);\n");
    write(u"legacy/old.ts"_s, "export const lock = (pool) => pool.query('SELECT pg_advisory_lock(1)');\n");

    // Without a project file: the default profile, where a named statement is only information.
    Run r = run({u"scan"_s, dir.path(), u"--fail-on"_s, u"none"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"src/report.ts:1:"_s) && r.out.contains(u": info: "_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"legacy/old.ts"_s));
    QVERIFY(r.out.contains(u"[PB101]"_s));

    write(u".poolproof.json"_s,
          R"({"pooler": "pgbouncer-legacy", "exclude": ["legacy/**"], "ignoreRules": ["PB101"]})");
    r = run({u"scan"_s, dir.path(), u"--fail-on"_s, u"none"_s, u"--format"_s, u"json"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(u"pooler"_s).toString(), u"pgbouncer-legacy"_s);
    const QJsonArray findings = json.value(u"findings"_s).toArray();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().toObject().value(u"ruleId"_s).toString(), u"PB201"_s);
    QCOMPARE(findings.first().toObject().value(u"severity"_s).toString(), u"error"_s);

    // --pooler still wins over the project file.
    r = run({u"scan"_s, dir.path(), u"--pooler"_s, u"pgbouncer-1.24"_s, u"--format"_s, u"json"_s, u"--fail-on"_s,
             u"none"_s});
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"pooler"_s).toString(), u"pgbouncer-1.24"_s);

    write(u".poolproof.json"_s, R"({"pooler": 42})");
    r = run({u"scan"_s, dir.path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u".poolproof.json"_s), qPrintable(r.err));
}

void TestCliScan::fileNamesCannotForgeFindingLines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = u"db\nfake.ts:1:1: error: forged [PB999].ts"_s;
    QFile file(dir.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("export const use = (pool, s) => pool.query(`SET search_path TO ${s}`);\n");
    file.close();
    const Run r = run({u"scan"_s, dir.path(), u"--fail-on"_s, u"none"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"db\\nfake.ts:1:1: error: forged [PB999].ts:1:"_s), qPrintable(r.out));
    for (const QString &line : r.out.split(u'\n'))
        QVERIFY2(!line.startsWith(u"fake.ts"_s), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestCliScan)
#include "tst_cli_scan.moc"
