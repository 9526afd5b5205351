#include "fakepgserver.h"
#include "plantedrepo.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

// Passwords planted in a repository must never come out again: not on standard output or
// standard error, not in an exported report, not in the history database, not in any file the
// programs write below their home and configuration folders. And a live check must not send a
// password over a connection without the TLS its URL asks for, and must give up in time.
class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void commandsNeverShowAPassword_data();
    void commandsNeverShowAPassword();
    void checkUrlNeverShowsAPassword_data();
    void checkUrlNeverShowsAPassword();
    void filesWrittenHoldNoPassword();
    void fakeServerSeesAClearTextPassword();
    void liveCheckWithholdsThePasswordWithoutRequiredTls_data();
    void liveCheckWithholdsThePasswordWithoutRequiredTls();
    void liveCheckTimeoutHolds();

private:
    struct Run {
        int exitCode = -1;
        QByteArray output; // standard output and standard error
        qint64 elapsedMs = 0;
    };
    Run run(const QStringList &arguments, int timeoutMs = 120000);
    void expectNoLeak(const QByteArray &bytes, const QString &what);

    QTemporaryDir m_dir;
    PlantedRepo m_repo;
    QString m_root;
    QString m_out;
    QString m_home;
};

void TestSecrets::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(u"repo"_s);
    m_out = m_dir.filePath(u"out"_s);
    m_home = m_dir.filePath(u"home"_s);
    for (const QString &path : {m_root, m_out, m_home})
        QVERIFY(QDir().mkpath(path));
    QString error;
    QVERIFY2(m_repo.write(m_root, &error), qPrintable(error));
    // Each planted password is really in the repository, in the form a leak check looks for.
    QVERIFY(!m_repo.secrets.isEmpty());
}

TestSecrets::Run TestSecrets::run(const QStringList &arguments, int timeoutMs)
{
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH", u"/usr/bin:/bin"_s));
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"POOLPROOF_LANGUAGE"_s, u"en"_s);
    // Everything the programs store goes below the temporary home, where the last test reads it.
    environment.insert(u"HOME"_s, m_home);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home + u"/.config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, m_home + u"/.local/share"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, m_home + u"/.cache"_s);
    environment.insert(u"XDG_STATE_HOME"_s, m_home + u"/.local/state"_s);
    environment.insert(u"TMPDIR"_s, m_home + u"/tmp"_s);
    QDir().mkpath(m_home + u"/tmp"_s);

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.elapsedMs = timer.elapsed();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = process.readAll();
    return result;
}

void TestSecrets::expectNoLeak(const QByteArray &bytes, const QString &what)
{
    const QString leak = m_repo.findLeak(bytes);
    QVERIFY2(leak.isEmpty(), qPrintable(what + u" shows the password "_s + leak));
}

void TestSecrets::commandsNeverShowAPassword_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mustMention"); // proves the command saw the planted settings
    const QString root = QDir(m_dir.path()).filePath(u"repo"_s);
    const QString out = QDir(m_dir.path()).filePath(u"out"_s) + u'/';
    QTest::newRow("scan text") << QStringList {u"scan"_s, root} << u"search_path"_s;
    QTest::newRow("scan json") << QStringList {u"scan"_s, root, u"--format"_s, u"json"_s} << u"search_path"_s;
    QTest::newRow("scan sarif") << QStringList {u"scan"_s, root, u"--format"_s, u"sarif"_s} << u"search_path"_s;
    QTest::newRow("scan to file") << QStringList {u"scan"_s, root,          u"--format"_s,
                                                  u"json"_s, u"--output"_s, out + u"scan.json"_s}
                                  << QString();
    QTest::newRow("scan recorded") << QStringList {u"scan"_s, root, u"--record"_s, u"--history"_s,
                                                   out + u"history.sqlite"_s}
                                   << QString();
    QTest::newRow("scan recorded, default history") << QStringList {u"scan"_s, root, u"--record"_s} << QString();
    QTest::newRow("audit") << QStringList {u"audit"_s, root, u"--date"_s, u"2026-01-01"_s} << u"environments: 3"_s;
    QTest::newRow("audit exports") << QStringList {u"audit"_s,    root,
                                                   u"--export"_s, out + u"DATABASE.md"_s,
                                                   u"--json"_s,   out + u"audit.json"_s,
                                                   u"--sarif"_s,  out + u"audit.sarif"_s,
                                                   u"--html"_s,   out + u"audit.html"_s}
                                   << QString();
    QTest::newRow("envs text") << QStringList {u"envs"_s, root} << u"****"_s;
    QTest::newRow("envs json") << QStringList {u"envs"_s, root, u"--format"_s, u"json"_s} << u"****"_s;
}

void TestSecrets::commandsNeverShowAPassword()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mustMention);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode >= 0 && result.exitCode <= 1, result.output.constData());
    expectNoLeak(result.output, arguments.join(u' '));
    if (!mustMention.isEmpty())
        QVERIFY2(result.output.contains(mustMention.toUtf8()), result.output.constData());
}

void TestSecrets::checkUrlNeverShowsAPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("format");
    for (const QString &url : std::as_const(m_repo.urls)) {
        for (const QString &format : {u"text"_s, u"json"_s})
            QTest::newRow(qPrintable(url.left(30) + u' ' + format)) << url << format;
    }
}

void TestSecrets::checkUrlNeverShowsAPassword()
{
    QFETCH(QString, url);
    QFETCH(QString, format);
    const Run result = run({u"check-url"_s, url, u"--format"_s, format, u"--env"_s, u"production"_s});
    QVERIFY2(result.exitCode >= 0 && result.exitCode <= 1, result.output.constData());
    expectNoLeak(result.output, u"check-url"_s);
    QVERIFY2(result.output.contains("****"), result.output.constData());
}

void TestSecrets::filesWrittenHoldNoPassword()
{
    // Exports, the history databases, settings, caches: every file the commands above wrote.
    int files = 0;
    bool sawHistory = false;
    for (const QString &folder : {m_out, m_home}) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            expectNoLeak(file.readAll(), path);
            sawHistory = sawHistory || path.endsWith(u".sqlite") || path.contains(u"history");
            ++files;
        }
    }
    // DATABASE.md, audit.json, audit.sarif, audit.html, scan.json and the two histories.
    QVERIFY2(files >= 7, qPrintable(QString::number(files)));
    QVERIFY(sawHistory);
}

void TestSecrets::fakeServerSeesAClearTextPassword()
{
    // The control for the live checks below: libpq itself, told not to use TLS, hands the fake
    // server the password in clear, and the server records it.
    FakePgServer server(FakePgServer::Behaviour::AskForPassword);
    QVERIFY(server.isListening());
    const QByteArray conninfo = "host=127.0.0.1 port=" + QByteArray::number(server.port())
        + " dbname=shop user=app password=Zq7EnvDevKx41 sslmode=disable gssencmode=disable connect_timeout=5";
    PGconn *connection = PQconnectdb(conninfo.constData());
    QVERIFY(PQstatus(connection) == CONNECTION_BAD);
    PQfinish(connection);
    QTRY_VERIFY(server.received().contains("Zq7EnvDevKx41"));
}

void TestSecrets::liveCheckWithholdsThePasswordWithoutRequiredTls_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("libpq sslmode=require") << u"postgresql://app:Zq7EnvDevKx41@127.0.0.1:%1/shop?sslmode=require"_s;
    QTest::newRow("libpq verify-full")
        << u"host=127.0.0.1 port=%1 dbname=shop user=app password=Zq7EnvDevKx41 sslmode=verify-full"_s;
    QTest::newRow("jdbc ssl=true") << u"jdbc:postgresql://127.0.0.1:%1/shop?user=app&password=Zq7EnvDevKx41&ssl=true"_s;
    QTest::newRow("npgsql SSL Mode=Require")
        << u"Host=127.0.0.1;Port=%1;Database=shop;Username=app;Password=Zq7EnvDevKx41;SSL Mode=Require"_s;
}

void TestSecrets::liveCheckWithholdsThePasswordWithoutRequiredTls()
{
    QFETCH(QString, url);
    FakePgServer server(FakePgServer::Behaviour::AskForPassword);
    QVERIFY(server.isListening());
    const Run result = run({u"check-live"_s, u"--url"_s, url.arg(server.port()), u"--timeout"_s, u"3"_s}, 60000);
    QVERIFY2(result.exitCode >= 0, "check-live did not finish");
    QVERIFY2(result.exitCode != 0, result.output.constData()); // the server never let it in
    QVERIFY2(server.connections() >= 1, result.output.constData());
    QVERIFY2(!server.received().contains("Zq7EnvDevKx41"), "the password went out without TLS");
    expectNoLeak(result.output, u"check-live"_s);
}

void TestSecrets::liveCheckTimeoutHolds()
{
    // A server that accepts and then says nothing: the check gives up after its timeout, for each
    // connection it tries, and reports that instead of hanging.
    FakePgServer server(FakePgServer::Behaviour::Silent);
    QVERIFY(server.isListening());
    const QString url = u"postgresql://app:Zq7EnvDevKx41@127.0.0.1:%1/shop?sslmode=disable"_s.arg(server.port());
    const Run result = run({u"check-live"_s, u"--url"_s, url, u"--timeout"_s, u"2"_s}, 60000);
    QVERIFY2(result.exitCode > 0, "check-live did not finish within a minute against a silent server");
    qInfo("check-live against a silent server gave up after %lld ms", result.elapsedMs);
    QVERIFY2(result.elapsedMs < 20000, qPrintable(QString::number(result.elapsedMs)));
    QVERIFY(server.connections() >= 1);
    expectNoLeak(result.output, u"check-live"_s);
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
