#include "liveservers.h"
#include "poolsweep.h"

#include "live/livecheck.h"
#include "live/pgbounceradmin.h"
#include "live/secretstore.h"
#include "scan/scanengine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The live check against a real PostgreSQL 17 and real PgBouncers (tests/live/test-servers.sh):
// what it reads, what it flags, how it fails, and that no password leaves it.
class TestLiveCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void detectsPgBouncerAndReadsConfig();
    void sessionModeDatabaseEntry();
    void maxPreparedStatementsZero();
    void maxPreparedStatementsZeroWithNamedStatementsInCode();
    void wrongPassword();
    void wrongAdminPassword();
    void withoutAdminAccess();
    void directPostgres();
    void nothingListening();
    void silentServerTimesOut();
    void noFreeServerConnectionTimesOut();
    void tlsDemandedNotOffered();
    void tlsNeverSendsPasswordWithoutTls();
    void proveReplayShowsLeak();
    void proveListenReceivesNothing();
    void proveReplayInSessionMode();
    void capacity();
    void cancelledBeforeStart();
    void badInput();
    void passwordNeverInResult();
    void checkLeavesNoSessionState();
    void versionParsing();
    void secretStoreKeys();

private:
    LiveCheckOptions options(const QString &url) const;
    LiveServers m_servers;
};

void TestLiveCheck::initTestCase()
{
    m_servers = LiveServers::read();
    QVERIFY2(m_servers.error.isEmpty(), qPrintable(m_servers.error));
}

LiveCheckOptions TestLiveCheck::options(const QString &url) const
{
    LiveCheckOptions o;
    o.url = url;
    o.password = m_servers.appPassword();
    o.adminUser = m_servers.value("ADMIN_USER");
    o.adminPassword = m_servers.adminPassword();
    o.connectTimeoutSeconds = 3;
    return o;
}

namespace {
bool hasRule(const LiveCheckResult &result, const QString &ruleId, Severity *severity = nullptr)
{
    for (const Finding &finding : result.mismatches) {
        if (finding.ruleId == ruleId) {
            if (severity)
                *severity = finding.severity;
            return true;
        }
    }
    return false;
}

const ProveResult *replay(const LiveCheckResult &result, const QString &pattern)
{
    for (const ProveResult &prove : result.replays) {
        if (prove.pattern == pattern)
            return &prove;
    }
    return nullptr;
}

QString describe(const LiveCheckResult &result)
{
    return QString::fromUtf8(QJsonDocument(liveCheckToJson(result)).toJson());
}
} // namespace

void TestLiveCheck::detectsPgBouncerAndReadsConfig()
{
    const LiveCheckResult result = runLiveCheck(options(m_servers.url("PGBOUNCER_PORT")));
    QVERIFY2(result.connected, qPrintable(describe(result)));
    QVERIFY(result.reachable);
    QCOMPARE(result.failure, LiveFailure::None);
    QVERIFY(!result.tls);
    QVERIFY2(result.serverVersion.startsWith(u"17."), qPrintable(result.serverVersion));
    QCOMPARE(QString::number(result.serverPort), m_servers.value("PG_PORT"));
    QVERIFY(result.roundTripMs > 0 && result.roundTripMs < 1000);
    QVERIFY(result.connectMs > 0);
    QVERIFY(result.pooler.has_value());
    const PoolerInfo &pooler = *result.pooler;
    QVERIFY(pooler.adminAccess);
    QCOMPARE(pooler.software, u"pgbouncer"_s);
    QCOMPARE(pooler.version.toString(), m_servers.value("PGBOUNCER_VERSION"));
    QCOMPARE(pooler.setting(u"pool_mode"_s), u"transaction"_s);
    QCOMPARE(pooler.setting(u"max_prepared_statements"_s), u"200"_s);
    QCOMPARE(pooler.setting(u"max_client_conn"_s), u"50"_s);
    QCOMPARE(pooler.setting(u"default_pool_size"_s), u"4"_s);
    QCOMPARE(pooler.setting(u"client_tls_sslmode"_s), u"disable"_s);
    QCOMPARE(pooler.setting(u"server_reset_query"_s), u"DISCARD ALL"_s);
    QCOMPARE(pooler.setting(u"server_reset_query_always"_s), u"0"_s);
    QVERIFY(pooler.hasSetting(u"ignore_startup_parameters"_s));
    QCOMPARE(pooler.setting(u"track_extra_parameters"_s), u"IntervalStyle"_s);
    QVERIFY(pooler.database(u"app"_s));
    QCOMPARE(pooler.database(u"app_session"_s)->value(u"pool_mode"_s), u"session"_s);
    QVERIFY(!pooler.pools.isEmpty());
    QCOMPARE(result.effectivePoolMode, u"transaction"_s);
    QCOMPARE(result.effectiveProfileId, u"pgbouncer-1.24"_s);
    QVERIFY2(result.mismatches.isEmpty(), qPrintable(describe(result)));
    QCOMPARE(result.verdict(), Severity::Ok);
}

void TestLiveCheck::sessionModeDatabaseEntry()
{
    const LiveCheckResult result = runLiveCheck(options(m_servers.url("PGBOUNCER_PORT", u"app_session"_s)));
    QVERIFY2(result.connected, qPrintable(describe(result)));
    QCOMPARE(result.effectivePoolMode, u"session"_s);
    Severity severity = Severity::Ok;
    QVERIFY2(hasRule(result, u"PB601"_s, &severity), qPrintable(describe(result)));
    QCOMPARE(severity, Severity::Warning);
    QVERIFY(result.mismatches.first().snippet.contains(u"app_session"));
    // Transaction mode was expected there; expecting session mode silences it.
    LiveCheckOptions expectSession = options(m_servers.url("PGBOUNCER_PORT", u"app_session"_s));
    expectSession.expectedPoolMode = u"session"_s;
    QVERIFY(!hasRule(runLiveCheck(expectSession), u"PB601"_s));
}

void TestLiveCheck::maxPreparedStatementsZero()
{
    const LiveCheckResult result = runLiveCheck(options(m_servers.url("PGBOUNCER_NOPREP_PORT")));
    QVERIFY2(result.connected, qPrintable(describe(result)));
    QCOMPARE(result.pooler->setting(u"max_prepared_statements"_s), u"0"_s);
    QCOMPARE(result.effectiveProfileId, u"pgbouncer-1.21"_s);
    // Without a scan it is not known whether the code prepares named statements.
    Severity severity = Severity::Ok;
    QVERIFY2(hasRule(result, u"PB602"_s, &severity), qPrintable(describe(result)));
    QCOMPARE(severity, Severity::Warning);
}

void TestLiveCheck::maxPreparedStatementsZeroWithNamedStatementsInCode()
{
    QTemporaryDir repo;
    QVERIFY(repo.isValid());
    QFile manifest(repo.filePath(u"package.json"_s));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write(R"({"name": "api", "dependencies": {"pg": "^8.12.0"}})");
    manifest.close();
    QFile code(repo.filePath(u"items.js"_s));
    QVERIFY(code.open(QIODevice::WriteOnly));
    code.write("const { Pool } = require('pg');\nconst pool = new Pool();\n"
               "async function expiring(cutoff) {\n"
               "  return pool.query({ name: 'fetch-expiring-items', text: 'SELECT * FROM items WHERE expires_at < $1', "
               "values: [cutoff] });\n"
               "}\n");
    code.close();
    ScanOptions scanOptions;
    scanOptions.root = repo.path();
    const ScanResult scan = runScan(scanOptions);
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    bool named = false;
    for (const Finding &finding : scan.findings)
        named = named || finding.ruleId == u"PB201";
    QVERIFY2(named, "the scan must find the named query");

    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_NOPREP_PORT"));
    o.scan = scan;
    const LiveCheckResult result = runLiveCheck(o);
    Severity severity = Severity::Ok;
    QVERIFY2(hasRule(result, u"PB602"_s, &severity), qPrintable(describe(result)));
    QCOMPARE(severity, Severity::Error);
    // The named query is fine on the default profile and breaks on the pooler found.
    bool regraded = false;
    for (const RegradedFinding &entry : result.regraded) {
        if (entry.finding.ruleId == u"PB201") {
            QCOMPARE(entry.staticSeverity, Severity::Info);
            QCOMPARE(entry.finding.severity, Severity::Error);
            regraded = true;
        }
    }
    QVERIFY(regraded);

    // The same code behind the main PgBouncer (max_prepared_statements = 200): nothing to flag.
    o.url = m_servers.url("PGBOUNCER_PORT");
    const LiveCheckResult fine = runLiveCheck(o);
    QVERIFY(!hasRule(fine, u"PB602"_s));
}

void TestLiveCheck::wrongPassword()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.password = u"Wrong-Password-91c2"_s;
    const LiveCheckResult result = runLiveCheck(o);
    QVERIFY(!result.connected);
    QVERIFY(result.reachable);
    QCOMPARE(result.failure, LiveFailure::Authentication);
    QVERIFY2(result.error.contains(u"authentication failed"), qPrintable(result.error));
    QVERIFY(!describe(result).contains(u"Wrong-Password-91c2"));
    QCOMPARE(result.verdict(), Severity::Error);
}

void TestLiveCheck::wrongAdminPassword()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.adminPassword = u"Wrong-Admin-77ab"_s;
    const LiveCheckResult result = runLiveCheck(o);
    QVERIFY(result.connected);
    QVERIFY(!result.pooler.has_value() || !result.pooler->adminAccess);
    QVERIFY2(!result.notChecked.isEmpty(), qPrintable(describe(result)));
    QVERIFY(result.notChecked.join(u'\n').contains(u"max_prepared_statements"));
    QVERIFY(!describe(result).contains(u"Wrong-Admin-77ab"));
}

void TestLiveCheck::withoutAdminAccess()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.adminUser.clear();
    o.adminPassword.clear();
    const LiveCheckResult result = runLiveCheck(o);
    QVERIFY2(result.connected, qPrintable(describe(result)));
    // The console's refusal of the application's user still says: PgBouncer.
    QVERIFY2(result.pooler.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.pooler->software, u"pgbouncer"_s);
    QVERIFY(!result.pooler->adminAccess);
    QVERIFY(result.effectiveProfileId.isEmpty());
    const QString notChecked = result.notChecked.join(u'\n');
    QVERIFY2(notChecked.contains(u"no admin access") && notChecked.contains(u"pool_mode"), qPrintable(notChecked));
}

void TestLiveCheck::directPostgres()
{
    const LiveCheckResult result = runLiveCheck(options(m_servers.url("PG_PORT")));
    QVERIFY2(result.connected, qPrintable(describe(result)));
    QVERIFY(!result.pooler.has_value());
    QVERIFY2(result.notChecked.join(u'\n').contains(u"no PgBouncer admin console"), qPrintable(describe(result)));
    QCOMPARE(QString::number(result.serverPort), m_servers.value("PG_PORT"));
}

void TestLiveCheck::nothingListening()
{
    const LoopbackPort closed(false);
    LiveCheckOptions o = options(u"postgresql://app@127.0.0.1:"_s + closed.port() + u"/app"_s);
    o.connectTimeoutSeconds = 2;
    QElapsedTimer timer;
    timer.start();
    const LiveCheckResult result = runLiveCheck(o);
    QVERIFY2(timer.elapsed() < 2000 + 1500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!result.reachable);
    QCOMPARE(result.failure, LiveFailure::Refused);
    QVERIFY2(result.error.contains(u"refused"), qPrintable(result.error));
}

void TestLiveCheck::silentServerTimesOut()
{
    // Accepts the TCP connection and never answers: only the timeout ends the wait.
    const LoopbackPort silent(true);
    LiveCheckOptions o = options(u"postgresql://app@127.0.0.1:"_s + silent.port() + u"/app?sslmode=disable"_s);
    o.connectTimeoutSeconds = 2;
    QElapsedTimer timer;
    timer.start();
    const LiveCheckResult result = runLiveCheck(o);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 1900 && elapsed < 2000 + 1500, qPrintable(QString::number(elapsed)));
    QCOMPARE(result.failure, LiveFailure::Timeout);
    QVERIFY(!result.connected);
}

void TestLiveCheck::noFreeServerConnectionTimesOut()
{
    // app_single has one server connection; a client holding a transaction open keeps it. The
    // pooler lets the check log in and then holds its first statement (for query_wait_timeout,
    // 120 s by default): the check gives up at its own timeout.
    PGconn *holder = poolsweep::connect(m_servers, "PGBOUNCER_PORT", u"app_single"_s, m_servers.value("APP_USER"),
                                        m_servers.appPassword());
    QString error;
    poolsweep::run(holder, "BEGIN", &error);
    poolsweep::run(holder, "SELECT 1", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT", u"app_single"_s));
    o.connectTimeoutSeconds = 2;
    QElapsedTimer timer;
    timer.start();
    const LiveCheckResult result = runLiveCheck(o);
    const qint64 elapsed = timer.elapsed();
    poolsweep::run(holder, "COMMIT", &error);
    PQfinish(holder);

    QCOMPARE(result.failure, LiveFailure::Timeout);
    QVERIFY(result.reachable);
    QVERIFY(!result.connected);
    QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));

    // The connection free again, the same check connects.
    const LiveCheckResult again = runLiveCheck(o);
    QVERIFY2(again.connected, qPrintable(describe(again)));
}

void TestLiveCheck::tlsDemandedNotOffered()
{
    const LiveCheckResult result
        = runLiveCheck(options(m_servers.url("PGBOUNCER_PORT", u"app"_s, u"sslmode=require"_s)));
    QVERIFY(!result.connected);
    QVERIFY(result.reachable);
    QVERIFY(result.tlsRequired);
    QCOMPARE(result.failure, LiveFailure::TlsNotOffered);
    Severity severity = Severity::Ok;
    QVERIFY2(hasRule(result, u"PB604"_s, &severity), qPrintable(describe(result)));
    QCOMPARE(severity, Severity::Error);
}

void TestLiveCheck::tlsNeverSendsPasswordWithoutTls()
{
    // A driver-specific way of asking for TLS (pgjdbc's ssl=true) counts the same as sslmode=require.
    for (const QString &query : {u"sslmode=require"_s, u"sslmode=verify-full"_s}) {
        TlsDecliningServer server;
        LiveCheckOptions o = options(u"postgresql://app@127.0.0.1:"_s + server.port() + u"/app?"_s + query);
        o.adminUser.clear();
        const LiveCheckResult result = runLiveCheck(o);
        server.waitUntilDone();
        QVERIFY2(server.sawTlsRequest(), qPrintable(query));
        QCOMPARE(server.bytesAfterDecline(), 0);
        QCOMPARE(result.failure, LiveFailure::TlsNotOffered);
    }
    TlsDecliningServer jdbc;
    LiveCheckOptions o = options(u"jdbc:postgresql://127.0.0.1:"_s + jdbc.port() + u"/app?user=app&ssl=true"_s);
    o.adminUser.clear();
    const LiveCheckResult result = runLiveCheck(o);
    jdbc.waitUntilDone();
    QVERIFY2(result.tlsRequired, qPrintable(describe(result)));
    QVERIFY(jdbc.sawTlsRequest());
    QCOMPARE(jdbc.bytesAfterDecline(), 0);
    QCOMPARE(result.failure, LiveFailure::TlsNotOffered);
}

void TestLiveCheck::proveReplayShowsLeak()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.prove = true;
    const LiveCheckResult result = runLiveCheck(o);
    const ProveResult *prove = replay(result, u"set-search-path"_s);
    QVERIFY2(prove, qPrintable(describe(result)));
    QVERIFY2(prove->error.isEmpty(), qPrintable(prove->error));
    QVERIFY2(prove->demonstrated, qPrintable(describe(result)));
    QVERIFY(prove->steps.size() >= 3);
    QVERIFY(prove->conclusion.contains(u"poolproof_probe_"));
    Severity severity = Severity::Ok;
    QVERIFY(hasRule(result, u"PB608"_s, &severity));
    QCOMPARE(severity, Severity::Error);
    // The server connection is left as it was found: a fresh client sees the default search_path.
    LiveCheckOptions again = options(m_servers.url("PGBOUNCER_PORT"));
    again.prove = true;
    const LiveCheckResult second = runLiveCheck(again);
    const ProveResult *secondProve = replay(second, u"set-search-path"_s);
    QVERIFY(secondProve && secondProve->demonstrated);
    QVERIFY2(!secondProve->steps.first().result.contains(prove->steps.first().sql.section(u' ', -1)),
             qPrintable(describe(second)));
}

void TestLiveCheck::proveListenReceivesNothing()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.prove = true;
    const LiveCheckResult result = runLiveCheck(o);
    const ProveResult *prove = replay(result, u"listen"_s);
    QVERIFY2(prove, qPrintable(describe(result)));
    QVERIFY2(prove->error.isEmpty(), qPrintable(prove->error));
    QVERIFY2(prove->demonstrated, qPrintable(describe(result)));
    QVERIFY2(prove->conclusion.contains(u"received nothing"), qPrintable(prove->conclusion));
    Severity severity = Severity::Ok;
    QVERIFY(hasRule(result, u"PB609"_s, &severity));
    QCOMPARE(severity, Severity::Error);
}

void TestLiveCheck::proveReplayInSessionMode()
{
    // A session-mode entry keeps each client on its server connection: neither replay shows an effect.
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT", u"app_session"_s));
    o.prove = true;
    const LiveCheckResult result = runLiveCheck(o);
    QCOMPARE(result.replays.size(), 2);
    for (const ProveResult &prove : result.replays) {
        QVERIFY2(prove.error.isEmpty(), qPrintable(describe(result)));
        QVERIFY2(!prove.demonstrated, qPrintable(describe(result)));
    }
    const ProveResult *listen = replay(result, u"listen"_s);
    QVERIFY(listen && listen->conclusion.contains(u"received the notification"));
    QVERIFY(!hasRule(result, u"PB608"_s));
    QVERIFY(!hasRule(result, u"PB609"_s));
}

void TestLiveCheck::capacity()
{
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.applicationPoolSize = 20;
    o.instances = 3; // 60 client connections: above max_client_conn = 50 and the pool of 4
    LiveCheckResult result = runLiveCheck(o);
    Severity severity = Severity::Ok;
    QVERIFY2(hasRule(result, u"PB605"_s, &severity), qPrintable(describe(result)));
    QCOMPARE(severity, Severity::Error);
    QVERIFY(hasRule(result, u"PB606"_s, &severity));
    QCOMPARE(severity, Severity::Info); // transaction mode: sharing is the point
    o.url = m_servers.url("PGBOUNCER_PORT", u"app_session"_s);
    result = runLiveCheck(o);
    QVERIFY(hasRule(result, u"PB606"_s, &severity));
    QCOMPARE(severity, Severity::Warning); // session mode: clients wait for whole sessions

    o.applicationPoolSize = 4;
    o.instances = 1;
    o.url = m_servers.url("PGBOUNCER_PORT");
    result = runLiveCheck(o);
    QVERIFY(!hasRule(result, u"PB605"_s) && !hasRule(result, u"PB606"_s));
    o.applicationPoolSize = 0;
    result = runLiveCheck(o);
    QVERIFY(result.notChecked.join(u'\n').contains(u"pool size is not known"));
}

void TestLiveCheck::cancelledBeforeStart()
{
    const std::atomic<bool> cancel {true};
    QElapsedTimer timer;
    timer.start();
    const LiveCheckResult result = runLiveCheck(options(m_servers.url("PGBOUNCER_PORT")), &cancel);
    QCOMPARE(result.failure, LiveFailure::Cancelled);
    QVERIFY(timer.elapsed() < 1000);
}

void TestLiveCheck::badInput()
{
    LiveCheckOptions o;
    o.url = u"${DATABASE_URL}"_s;
    LiveCheckResult result = runLiveCheck(o);
    QCOMPARE(result.failure, LiveFailure::BadInput);
    QVERIFY2(result.error.contains(u"reference"), qPrintable(result.error));
    o.url = u"postgresql://app@${DB_HOST}:6432/app"_s;
    result = runLiveCheck(o);
    QCOMPARE(result.failure, LiveFailure::BadInput);
    o.url = u"postgresql://app@127.0.0.1:6432/app?sslmode=sometimes"_s;
    result = runLiveCheck(o);
    QCOMPARE(result.failure, LiveFailure::BadInput);
}

void TestLiveCheck::passwordNeverInResult()
{
    // The password written into the URL itself, then a wrong one; neither may show anywhere.
    const QString password = m_servers.appPassword();
    const QString url
        = u"postgresql://app:"_s + password + u"@127.0.0.1:"_s + m_servers.value("PGBOUNCER_PORT") + u"/app"_s;
    LiveCheckOptions o;
    o.url = url;
    o.prove = true;
    const LiveCheckResult good = runLiveCheck(o);
    QVERIFY2(good.connected, qPrintable(describe(good)));
    QVERIFY(!describe(good).contains(password));
    QVERIFY(good.maskedUrl.contains(u"****"));

    o.url = u"postgresql://app:S3cret-Leak-Probe@127.0.0.1:"_s + m_servers.value("PGBOUNCER_PORT") + u"/app"_s;
    const LiveCheckResult bad = runLiveCheck(o);
    QCOMPARE(bad.failure, LiveFailure::Authentication);
    QVERIFY(!describe(bad).contains(u"S3cret-Leak-Probe"));
    QVERIFY(!bad.error.contains(u"S3cret-Leak-Probe"));
}

void TestLiveCheck::checkLeavesNoSessionState()
{
    // The sweep itself first: it sees a setting a client leaves on a shared server connection.
    PoolSweep sweep = sweepPool(m_servers, "PGBOUNCER_PORT");
    QVERIFY2(sweep.error.isEmpty(), qPrintable(sweep.error));
    {
        PGconn *leaker = poolsweep::connect(m_servers, "PGBOUNCER_PORT", u"app"_s, m_servers.value("APP_USER"),
                                            m_servers.appPassword());
        QString error;
        poolsweep::run(leaker, "SET bytea_output TO escape", &error);
        PQfinish(leaker);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    sweep = sweepPool(m_servers, "PGBOUNCER_PORT");
    QVERIFY2(sweep.changed.join(u' ').contains(u"bytea_output=escape"), qPrintable(sweep.changed.join(u'\n')));

    // PostgreSQL logs every statement (log_statement = all).
    QFile log(m_servers.value("RUN_DIR") + u"/postgres.log"_s);
    QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
    log.seek(log.size());
    LiveCheckOptions o = options(m_servers.url("PGBOUNCER_PORT"));
    o.prove = true;
    const LiveCheckResult result = runLiveCheck(o);
    QVERIFY2(result.connected, qPrintable(describe(result)));
    QVERIFY2(replay(result, u"set-search-path"_s) && replay(result, u"set-search-path"_s)->demonstrated,
             qPrintable(describe(result)));
    QVERIFY2(replay(result, u"listen"_s) && replay(result, u"listen"_s)->demonstrated, qPrintable(describe(result)));
    QVERIFY2(result.leftBehind.isEmpty(), qPrintable(describe(result)));

    QTest::qWait(200); // the server writes its log asynchronously
    const QString statements = QString::fromUtf8(log.readAll());

    // Qt's driver sets bytea_output (which PgBouncer does not track) on opening; the check put it
    // back: no server connection of the pool carries it, nor anything else the check set.
    sweep = sweepPool(m_servers, "PGBOUNCER_PORT");
    QVERIFY2(sweep.error.isEmpty(), qPrintable(sweep.error));
    QVERIFY(sweep.serverConnections >= 1);
    QCOMPARE(sweep.backendPids.size(), sweep.serverConnections);
    QVERIFY2(sweep.changed.isEmpty(), qPrintable(sweep.changed.join(u'\n')));

    // Nothing else that changes session state reached the server: only the driver's own set-up,
    // the statement that puts it back, and the replay's SET (put back as well).
    QVERIFY2(statements.contains(u"statement: SELECT 1"), qPrintable(statements));
    QVERIFY2(statements.contains(u"statement: WITH driver(name, value)"), qPrintable(statements));
    static const QRegularExpression stateChanging(u"statement: (SET|RESET|DISCARD|LISTEN|PREPARE|SELECT set_config)"_s,
                                                  QRegularExpression::CaseInsensitiveOption);
    // PgBouncer's own "SET name='value';" lines hand each client the parameters it tracks.
    static const QRegularExpression expected(
        u"statement: (SET CLIENT_ENCODING TO 'UNICODE'|SET DATESTYLE TO 'ISO'|"
        "SET bytea_output TO escape|SET TIME ZONE 'UTC'|SET search_path TO "
        "poolproof_probe_[0-9a-f]+|(UN)?LISTEN poolproof_probe_[0-9a-f]+|(SET (client_encoding|DateStyle|TimeZone|"
        "IntervalStyle|standard_conforming_strings|application_name)='[^']*';)+)"
        ";?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    QStringList unexpected;
    for (const QString &line : statements.split(u'\n')) {
        if (stateChanging.match(line).hasMatch() && !expected.match(line.trimmed()).hasMatch())
            unexpected << line;
    }
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
}

void TestLiveCheck::versionParsing()
{
    QCOMPARE(pgbouncerVersion(u"PgBouncer 1.24.1"_s), QVersionNumber(1, 24, 1));
    QCOMPARE(pgbouncerVersion(u"PgBouncer 1.21.0 (bouncer)"_s), QVersionNumber(1, 21, 0));
    QVERIFY(pgbouncerVersion(u"PostgreSQL"_s).isNull());
}

void TestLiveCheck::secretStoreKeys()
{
    // One keychain entry per user, endpoint and database; never the password in the key.
    QCOMPARE(SecretStore::keyFor(u"app"_s, u"db"_s, u"6432"_s, u"shop"_s), u"live/app@db:6432/shop"_s);
}

QTEST_GUILESS_MAIN(TestLiveCheck)
#include "tst_livecheck.moc"
