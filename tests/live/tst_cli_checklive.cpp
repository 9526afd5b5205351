#include "checkliverun.h"
#include "liveservers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real poolproof-cli check-live against the test servers: text and JSON, the URL and
// the environment form, exit codes, and that no password is ever printed.
class TestCliCheckLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void textOutput();
    void jsonOutput();
    void environmentOfRepository();
    void wrongPassword();
    void nothingListening();
    void tlsRequiredNotOffered();
    void prove();
    void usageErrors_data();
    void usageErrors();

private:
    using Run = CheckLiveRun;
    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {}) const;
    QStringList withAdmin(QStringList arguments) const;
    void verifyNoPassword(const Run &r) const;
    LiveServers m_servers;
};

void TestCliCheckLive::initTestCase()
{
    m_servers = LiveServers::read();
    QVERIFY2(m_servers.error.isEmpty(), qPrintable(m_servers.error));
}

TestCliCheckLive::Run TestCliCheckLive::run(const QStringList &arguments,
                                            const QHash<QString, QString> &environment) const
{
    QHash<QString, QString> variables {{u"LIVE_APP_PASSWORD"_s, m_servers.appPassword()},
                                       {u"LIVE_ADMIN_PASSWORD"_s, m_servers.adminPassword()}};
    variables.insert(environment);
    return runCheckLive(arguments, variables);
}

QStringList TestCliCheckLive::withAdmin(QStringList arguments) const
{
    return arguments << u"--password-env"_s << u"LIVE_APP_PASSWORD"_s << u"--admin-user"_s
                     << m_servers.value("ADMIN_USER") << u"--admin-password-env"_s << u"LIVE_ADMIN_PASSWORD"_s;
}

void TestCliCheckLive::verifyNoPassword(const Run &r) const
{
    for (const QString &secret : {m_servers.appPassword(), m_servers.adminPassword()}) {
        QVERIFY2(!r.out.contains(secret), qPrintable(r.out));
        QVERIFY2(!r.err.contains(secret), qPrintable(r.err));
    }
}

void TestCliCheckLive::textOutput()
{
    const Run r = run(withAdmin({u"--url"_s, m_servers.url("PGBOUNCER_PORT")}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    verifyNoPassword(r);
    QVERIFY2(r.out.contains(u"reachable: yes, connected in "), qPrintable(r.out));
    QVERIFY(r.out.contains(u"TLS: not in use"));
    QVERIFY(r.out.contains(u"server version: 17."));
    QVERIFY(r.out.contains(u"round trip: "));
    QVERIFY2(r.out.contains(u"pooler: PgBouncer "_s + m_servers.value("PGBOUNCER_VERSION")), qPrintable(r.out));
    QVERIFY(r.out.contains(u"    pool_mode = transaction\n"));
    QVERIFY(r.out.contains(u"    max_prepared_statements = 200\n"));
    QVERIFY(r.out.contains(u"app_session(session)"));
    QVERIFY(r.out.contains(u"effective pooler profile: pgbouncer-1.24"));
    QVERIFY(r.out.contains(u"verdict: ok"));
}

void TestCliCheckLive::jsonOutput()
{
    const Run r = run(withAdmin({u"--url"_s, m_servers.url("PGBOUNCER_NOPREP_PORT"), u"--format"_s, u"json"_s,
                                 u"--pool-size"_s, u"30"_s, u"--instances"_s, u"2"_s}));
    // PB605: 60 client connections > max_client_conn = 50.
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    verifyNoPassword(r);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(r.out));
    QCOMPARE(root.value(u"connected").toBool(), true);
    QCOMPARE(root.value(u"tls").toBool(), false);
    QCOMPARE(root.value(u"effectiveProfile").toString(), u"pgbouncer-1.21"_s);
    QCOMPARE(root.value(u"effectivePoolMode").toString(), u"transaction"_s);
    const QJsonObject pooler = root.value(u"pooler").toObject();
    QCOMPARE(pooler.value(u"version").toString(), m_servers.value("PGBOUNCER_VERSION"));
    QCOMPARE(pooler.value(u"config").toObject().value(u"max_prepared_statements").toString(), u"0"_s);
    QVERIFY(!pooler.value(u"databases").toArray().isEmpty());
    QStringList rules;
    for (const QJsonValue &finding : root.value(u"mismatches").toArray())
        rules << finding.toObject().value(u"ruleId").toString();
    QVERIFY2(rules.contains(u"PB602") && rules.contains(u"PB605"), qPrintable(rules.join(u", ")));
    QVERIFY(root.value(u"roundTripMs").toDouble() > 0);
    QCOMPARE(root.value(u"verdict").toString(), u"error"_s);
}

void TestCliCheckLive::environmentOfRepository()
{
    QTemporaryDir repo;
    QVERIFY(repo.isValid());
    const QString url = u"postgresql://app:${LIVE_APP_PASSWORD}@127.0.0.1:"_s + m_servers.value("PGBOUNCER_NOPREP_PORT")
        + u"/app?connect_timeout=5&application_name=api"_s;
    QFile project(repo.filePath(u".poolproof.json"_s));
    QVERIFY(project.open(QIODevice::WriteOnly));
    project.write(QJsonDocument(QJsonObject {{u"environments"_s,
                                              QJsonArray {QJsonObject {{u"name"_s, u"staging"_s},
                                                                       {u"databaseUrl"_s, url},
                                                                       {u"expectPooler"_s, true},
                                                                       {u"instances"_s, 2}}}}})
                      .toJson());
    project.close();
    QFile manifest(repo.filePath(u"package.json"_s));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write(R"({"name": "api", "dependencies": {"pg": "^8.12.0"}})");
    manifest.close();
    QFile code(repo.filePath(u"items.js"_s));
    QVERIFY(code.open(QIODevice::WriteOnly));
    code.write("const { Pool } = require('pg');\nconst pool = new Pool({ max: 20 });\n"
               "module.exports = (cutoff) => pool.query({ name: 'expiring', text: 'SELECT * FROM items WHERE "
               "expires_at < $1', values: [cutoff] });\n");
    code.close();

    // The URL's own ${LIVE_APP_PASSWORD} reference supplies the password, as it does for the application.
    const Run r = run({u"--env"_s, u"staging"_s, repo.path(), u"--admin-user"_s, m_servers.value("ADMIN_USER"),
                       u"--admin-password-env"_s, u"LIVE_ADMIN_PASSWORD"_s});
    verifyNoPassword(r);
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"[PB602]"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"items.js:3: PB201 info -> error"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"effective pooler profile: pgbouncer-1.21"));
    // The pool size comes from the code; 2 instances (project file) x 20 > the server pool of 4.
    QVERIFY2(r.out.contains(u"application pool size: 20 (node-postgres max = 20 at items.js:2)"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"[PB606]"));
    QVERIFY(r.out.contains(u"40 client connections (pool size 20 × 2 instance(s))"));

    const Run missing = run({u"--env"_s, u"production"_s, repo.path()});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"no environment \"production\""), qPrintable(missing.err));
}

void TestCliCheckLive::wrongPassword()
{
    const Run r = run({u"--url"_s, m_servers.url("PGBOUNCER_PORT"), u"--password-env"_s, u"WRONG_PASSWORD"_s},
                      {{u"WRONG_PASSWORD"_s, u"Not-The-Password-5d1e"_s}});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"connection failed (authentication)"), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"Not-The-Password-5d1e") && !r.err.contains(u"Not-The-Password-5d1e"));
    QVERIFY(r.out.contains(u"verdict: error"));

    const Run tolerated = run({u"--url"_s, m_servers.url("PGBOUNCER_PORT"), u"--password-env"_s, u"WRONG_PASSWORD"_s,
                               u"--fail-on"_s, u"none"_s},
                              {{u"WRONG_PASSWORD"_s, u"Not-The-Password-5d1e"_s}});
    QCOMPARE(tolerated.exitCode, 0);
}

void TestCliCheckLive::nothingListening()
{
    const LoopbackPort closed(false);
    const Run r = run({u"--url"_s, u"postgresql://app@127.0.0.1:"_s + closed.port() + u"/app"_s, u"--timeout"_s, u"2"_s,
                       u"--format"_s, u"json"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.elapsedMs < 2000 + 2500, qPrintable(QString::number(r.elapsedMs)));
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"reachable").toBool(), false);
    QCOMPARE(root.value(u"failure").toString(), u"refused"_s);
}

void TestCliCheckLive::tlsRequiredNotOffered()
{
    const Run r = run(withAdmin({u"--url"_s, m_servers.url("PGBOUNCER_PORT", u"app"_s, u"sslmode=require"_s)}));
    QCOMPARE(r.exitCode, 1);
    verifyNoPassword(r);
    QVERIFY2(r.out.contains(u"connection failed (tls-not-offered)"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"[PB604]"));
}

void TestCliCheckLive::prove()
{
    const Run r = run(withAdmin({u"--url"_s, m_servers.url("PGBOUNCER_PORT"), u"--prove"_s}));
    QCOMPARE(r.exitCode, 1);
    verifyNoPassword(r);
    QVERIFY2(r.out.contains(u"replay (set-search-path):"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"A: SET search_path TO poolproof_probe_"));
    QVERIFY(r.out.contains(u"session state leaks between clients"));
    QVERIFY(r.out.contains(u"[PB608]"));
}

void TestCliCheckLive::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList {} << u"give either --url URL or --env NAME PATH"_s;
    QTest::newRow("both") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--env"_s, u"x"_s, u"."_s}
                          << u"give either --url URL or --env NAME PATH"_s;
    QTest::newRow("env without path") << QStringList {u"--env"_s, u"staging"_s} << u"--env needs the repository"_s;
    QTest::newRow("format") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--format"_s, u"xml"_s}
                            << u"unknown format"_s;
    QTest::newRow("timeout") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--timeout"_s, u"soon"_s}
                             << u"--timeout needs a whole number"_s;
    QTest::newRow("password variable") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--password-env"_s,
                                                       u"NOT_SET_ANYWHERE_42"_s}
                                       << u"NOT_SET_ANYWHERE_42 is not set"_s;
    QTest::newRow("fail-on") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--fail-on"_s, u"sometimes"_s}
                             << u"unknown severity \"sometimes\" for --fail-on"_s;
    QTest::newRow("reference") << QStringList {u"--url"_s, u"${DATABASE_URL}"_s} << u"only a reference"_s;
    QTest::newRow("pooler") << QStringList {u"--url"_s, u"postgresql://h/db"_s, u"--pooler"_s, u"nope"_s}
                            << u"unknown pooler profile"_s;
}

void TestCliCheckLive::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliCheckLive)
#include "tst_cli_checklive.moc"
