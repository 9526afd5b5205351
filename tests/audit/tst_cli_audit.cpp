#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `poolproof-cli audit`, the README's main job, run as a user runs it: the real binary, real files.
class TestCliAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainJobWritesEveryFormat();
    void environmentFileFromOutside();
    void usageErrors_data();
    void usageErrors();
    void failOnThreshold_data();
    void failOnThreshold();
    void unknownTemplatePlaceholderIsAWarning();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QStringList &arguments);
    static QString sample() { return QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend"); }
    static QByteArray read(const QString &path);
    static void write(const QString &path, const QByteArray &content);
    QTemporaryDir m_dir;
};

TestCliAudit::Run TestCliAudit::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QByteArray TestCliAudit::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestCliAudit::write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void TestCliAudit::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestCliAudit::mainJobWritesEveryFormat()
{
    const QString markdown = m_dir.filePath(u"DATABASE.md"_s);
    const QString json = m_dir.filePath(u"audit.json"_s);
    const QString sarif = m_dir.filePath(u"audit.sarif"_s);
    const QString html = m_dir.filePath(u"DATABASE.html"_s);
    const Run r = run({u"audit"_s, sample(), u"--export"_s, markdown, u"--json"_s, json, u"--sarif"_s, sarif,
                       u"--html"_s, html, u"--date"_s, u"2026-11-27"_s});
    // The sample has session state the pooler breaks: INCOMPATIBLE, and exit 1 at the default threshold.
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(u"FreshTrack API: INCOMPATIBLE (pooler: pgbouncer-1.24)\n"_s), qPrintable(r.out));
    for (const QString &file : {markdown, json, sarif, html})
        QVERIFY2(r.out.contains(u"wrote "_s + file), qPrintable(r.out));
    const QString golden
        = QString::fromUtf8(read(QStringLiteral(POOLPROOF_SOURCE_DIR "/tests/audit/golden/freshtrack-DATABASE.md")));
    QCOMPARE(QString::fromUtf8(read(markdown)), golden);
    const QJsonObject audit = QJsonDocument::fromJson(read(json)).object();
    QCOMPARE(audit.value(u"status"_s).toString(), u"INCOMPATIBLE"_s);
    QCOMPARE(QJsonDocument::fromJson(read(sarif)).object().value(u"version"_s).toString(), u"2.1.0"_s);
    QVERIFY(read(html).startsWith("<!DOCTYPE html>"));
}

void TestCliAudit::environmentFileFromOutside()
{
    const QString secrets = m_dir.filePath(u"outside/app.env"_s);
    write(secrets, "DATABASE_URL=postgresql://api:Cl1-Planted-Pw@db-primary.example.com:5432/freshtrack\n");
    const QString markdown = m_dir.filePath(u"with-env-file.md"_s);
    const Run r = run({u"audit"_s, sample(), u"--env-file"_s, u"preview="_s + secrets, u"--export"_s, markdown,
                       u"--date"_s, u"2026-11-27"_s, u"--fail-on"_s, u"none"_s});
    QCOMPARE(r.exitCode, 0);
    const QString document = QString::fromUtf8(read(markdown));
    QVERIFY(document.contains(u"### preview"_s));
    QVERIFY(document.contains(u"`"_s + secrets + u":1`"_s));
    for (const QString &text : {document, r.out, r.err})
        QVERIFY(!text.contains(u"Cl1-Planted-Pw"_s));
}

void TestCliAudit::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString out = QDir::temp().filePath(u"poolproof-unused.md"_s);
    QTest::newRow("no path") << QStringList {u"audit"_s} << u"no path given"_s;
    QTest::newRow("two paths") << QStringList {u"audit"_s, sample(), sample()} << u"audit takes one path"_s;
    QTest::newRow("bad date") << QStringList {u"audit"_s, sample(), u"--date"_s, u"27.11.2026"_s}
                              << u"--date needs a date"_s;
    QTest::newRow("bad severity") << QStringList {u"audit"_s, sample(), u"--fail-on"_s, u"fatal"_s}
                                  << u"unknown severity"_s;
    QTest::newRow("bad profile") << QStringList {u"audit"_s, sample(), u"--pooler"_s, u"pgbouncer-9"_s}
                                 << u"unknown pooler profile"_s;
    QTest::newRow("missing template") << QStringList {u"audit"_s, sample(), u"--template"_s,
                                                      u"/nonexistent/template.md"_s}
                                      << u"cannot read the template /nonexistent/template.md"_s;
    QTest::newRow("missing env file") << QStringList {u"audit"_s, sample(), u"--env-file"_s,
                                                      u"/nonexistent/.env.production"_s}
                                      << u"cannot read the environment file /nonexistent/.env.production"_s;
    QTest::newRow("unwritable export") << QStringList {u"audit"_s, sample(), u"--export"_s,
                                                       u"/nonexistent/dir/DATABASE.md"_s}
                                       << u"cannot write /nonexistent/dir/DATABASE.md"_s;
    QTest::newRow("missing repository") << QStringList {u"audit"_s, u"/nonexistent/repository"_s, u"--export"_s, out}
                                        << u"/nonexistent/repository"_s;
}

void TestCliAudit::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliAudit::failOnThreshold_data()
{
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("error") << u"error"_s << 1;
    QTest::newRow("warning") << u"warning"_s << 1;
    QTest::newRow("none") << u"none"_s << 0;
}

void TestCliAudit::failOnThreshold()
{
    QFETCH(QString, severity);
    QFETCH(int, exitCode);
    QCOMPARE(run({u"audit"_s, sample(), u"--fail-on"_s, severity}).exitCode, exitCode);
}

void TestCliAudit::unknownTemplatePlaceholderIsAWarning()
{
    const QString templatePath = m_dir.filePath(u"template.md"_s);
    write(templatePath, "# {{project}} on {{date}}\n\n{{findings}}\n\n{{owner}}\n");
    const QString markdown = m_dir.filePath(u"custom.md"_s);
    const Run r = run({u"audit"_s, sample(), u"--template"_s, templatePath, u"--export"_s, markdown, u"--date"_s,
                       u"2026-11-27"_s, u"--fail-on"_s, u"none"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"{{owner}} is unknown"_s), qPrintable(r.err));
    const QString document = QString::fromUtf8(read(markdown));
    QVERIFY(document.startsWith(u"# FreshTrack API on 2026-11-27\n"_s));
    QVERIFY(document.contains(u"{{owner}}"_s));
}

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
