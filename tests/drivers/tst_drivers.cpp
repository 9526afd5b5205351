#include "drivers/driveranalysis.h"
#include "drivers/driverrule.h"
#include "report/scanjson.h"
#include "rules/rulecatalog.h"
#include "scan/scanengine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// Each fixture under fixtures/ is a small project in one ecosystem, misconfigured or fixed, with
// an EXPECTED file that lists every finding per pooler profile, the detected clients and the pool
// settings. The scan must give exactly those.
class TestDrivers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void everyEcosystemHasBothVariants();
    void catalogRulesAreDriverRules();
    void jsonListsClientsAndPoolSettings();
    void commentsNeverYieldFindings();
    void suppressionCommentsApply();
    void atlasUrlThroughThePooler();
    void dieselCacheAndDescribeExec();
    void prismaSevenHasNoPgbouncerFlag();
    void fileNameGlobsMatchAsWildcards();

private:
    static QString fixturesDir() { return QStringLiteral(POOLPROOF_SOURCE_DIR "/tests/drivers/fixtures"); }
    static ScanResult scan(const QString &root, const QString &profile);
    static void write(const QString &path, const QByteArray &bytes);
    static QStringList findingRows(const ScanResult &result);
};

ScanResult TestDrivers::scan(const QString &root, const QString &profile)
{
    ScanOptions options;
    options.root = root;
    options.profileId = profile;
    options.jobs = 2;
    return runScan(options);
}

void TestDrivers::write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QStringList TestDrivers::findingRows(const ScanResult &result)
{
    QStringList rows;
    for (const Finding &finding : result.findings) {
        if (!finding.suppressed)
            rows << finding.ruleId + u'|' + finding.location.path + u':' + QString::number(finding.location.line);
    }
    rows.sort();
    return rows;
}

void TestDrivers::fixtures_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("profile");
    const QStringList fixtures = QDir(fixturesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &fixture : fixtures) {
        for (const char *profile : {"pgbouncer-1.24", "pgbouncer-1.21", "pgbouncer-legacy", "supavisor"})
            QTest::addRow("%s/%s", qPrintable(fixture), profile) << fixture << QString::fromLatin1(profile);
    }
}

void TestDrivers::fixtures()
{
    QFETCH(QString, fixture);
    QFETCH(QString, profile);
    QVERIFY(RuleCatalog::builtin().profile(profile));
    QFile file(fixturesDir() + u'/' + fixture + u"/EXPECTED");
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QStringList expectedFindings, expectedClients, expectedPools;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        if (line.startsWith(u'#'))
            continue;
        const QStringList cells = line.split(u'|');
        if (cells.first() == u"finding" && cells.value(1) == profile)
            expectedFindings << cells.value(2) + u'|' + cells.value(3);
        else if (cells.first() == u"client")
            expectedClients << cells.mid(1).join(u'|');
        else if (cells.first() == u"pool")
            expectedPools << cells.mid(1).join(u'|');
        else if (cells.first() != u"finding")
            QFAIL(qPrintable(u"unknown EXPECTED line: "_s + line));
    }
    expectedFindings.sort();

    const ScanResult result = scan(fixturesDir() + u'/' + fixture, profile);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.profileId, profile);
    QCOMPARE(findingRows(result), expectedFindings);

    QStringList clients;
    for (const DetectedClient &client : result.clients) {
        clients << QStringList {client.ecosystem, client.package, client.version,
                                client.manifestPath + u':' + QString::number(client.line)}
                       .join(u'|');
        QVERIFY(!client.displayName.isEmpty());
        QVERIFY(QStringList({u"driver"_s, u"orm"_s, u"migration-tool"_s, u"pool"_s}).contains(client.kind));
    }
    QCOMPARE(clients, expectedClients);

    QStringList pools;
    for (const PoolSetting &setting : result.poolSettings) {
        pools << QStringList {setting.client, setting.setting, QString::number(setting.value),
                              setting.path + u':' + QString::number(setting.line)}
                     .join(u'|');
    }
    QCOMPARE(pools, expectedPools);

    // Every driver finding names its rule's symptom-bearing title and a fix.
    for (const Finding &finding : result.findings) {
        QVERIFY(!finding.message.isEmpty());
        QVERIFY(!finding.fix.isEmpty());
        QVERIFY(!finding.snippet.isEmpty());
    }
}

void TestDrivers::everyEcosystemHasBothVariants()
{
    const QStringList fixtures = QDir(fixturesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const char *ecosystem : {"node", "python", "go", "java", "ruby", "elixir", "dotnet", "rust", "php"}) {
        const QString name = QString::fromLatin1(ecosystem);
        QVERIFY2(fixtures.contains(name + u"-misconfigured") && fixtures.contains(name + u"-fixed"), ecosystem);
        // The misconfigured variant fails on Supavisor; the fixed one is clean everywhere.
        QVERIFY2(scan(fixturesDir() + u'/' + name + u"-misconfigured", u"supavisor"_s).worst() == Severity::Error,
                 ecosystem);
    }
}

void TestDrivers::catalogRulesAreDriverRules()
{
    // Driver rules are PB3xx, migration rules PB4xx; each names a symptom users search for,
    // except where the failure has no message of its own.
    const RuleCatalog &catalog = RuleCatalog::builtin();
    int driverRules = 0;
    for (const Rule &rule : catalog.rules()) {
        const QString detector = rule.detect.value(u"detector").toString();
        if (!QStringList(
                 {u"client-call"_s, u"config-key"_s, u"setting"_s, u"connection-string"_s, u"manifest-version"_s})
                 .contains(detector))
            continue;
        ++driverRules;
        QVERIFY2(rule.id.startsWith(u"PB3") || rule.id.startsWith(u"PB4"), qPrintable(rule.id));
        QVERIFY2(rule.category == (rule.id.startsWith(u"PB4") ? u"migrations"_s : u"drivers"_s), qPrintable(rule.id));
        QVERIFY2(!rule.symptoms.isEmpty() || rule.id == u"PB313", qPrintable(rule.id));
        QVERIFY2(DriverRule::compile(rule).has_value(), qPrintable(rule.id));
    }
    QVERIFY(driverRules >= 25);
    // pgx's default mode flips with the profile: fine where named statements are tracked.
    const Rule *pgx = catalog.rule(u"PB308");
    QVERIFY(pgx);
    QCOMPARE(pgx->severityFor(u"pgbouncer-1.24"_s), Severity::Ok);
    QCOMPARE(pgx->severityFor(u"pgbouncer-1.21-prepared"_s), Severity::Ok);
    QCOMPARE(pgx->severityFor(u"pgbouncer-1.21"_s), Severity::Error);
    QCOMPARE(pgx->severityFor(u"pgbouncer-legacy"_s), Severity::Error);
    QCOMPARE(pgx->severityFor(u"supavisor"_s), Severity::Error);
    QVERIFY(catalog.rule(u"PB309")->symptoms.contains(u"unnamed prepared statement does not exist"_s));
}

void TestDrivers::jsonListsClientsAndPoolSettings()
{
    const ScanResult result = scan(fixturesDir() + u"/go-misconfigured"_s, u"supavisor"_s);
    const QJsonObject json = QJsonDocument::fromJson(scanResultToJsonBytes(result, u"test"_s)).object();
    const QJsonArray clients = json.value(u"clients").toArray();
    QCOMPARE(clients.size(), 3);
    const QJsonObject pgx = clients.at(1).toObject();
    QCOMPARE(pgx.value(u"package").toString(), u"github.com/jackc/pgx/v5"_s);
    QCOMPARE(pgx.value(u"name").toString(), u"pgx v5"_s);
    QCOMPARE(pgx.value(u"kind").toString(), u"driver"_s);
    QCOMPARE(pgx.value(u"version").toString(), u"v5.5.5"_s);
    QCOMPARE(pgx.value(u"manifest").toString(), u"go.mod"_s);
    QCOMPARE(pgx.value(u"line").toInt(), 7);
    const QJsonArray pools = json.value(u"poolSettings").toArray();
    QCOMPARE(pools.size(), 3);
    QCOMPARE(pools.at(1).toObject().value(u"setting").toString(), u"MaxConns"_s);
    QCOMPARE(pools.at(1).toObject().value(u"value").toInt(), 20);
    QCOMPARE(pools.at(1).toObject().value(u"path").toString(), u"internal/db/pool.go"_s);
    // The object form (used by the audit JSON) has the same lists.
    QCOMPARE(scanResultToJson(result, u"test"_s).value(u"clients").toArray(), clients);
    bool sawDriverFinding = false;
    for (const QJsonValue &finding : json.value(u"findings").toArray())
        sawDriverFinding = sawDriverFinding || finding.toObject().value(u"ruleId").toString() == u"PB308";
    QVERIFY(sawDriverFinding);
}

void TestDrivers::commentsNeverYieldFindings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(u"package.json"_s), R"({"dependencies": {"postgres": "^3.4.4"}})");
    write(dir.filePath(u"src/db.ts"_s),
          "import postgres from 'postgres';\n"
          "// const old = postgres(process.env.DATABASE_URL);\n"
          "/* postgres(url) without prepare: false was the bug */\n"
          "const label = 'postgres(url)';\n"
          "export const sql = postgres(process.env.DATABASE_URL, { prepare: false });\n");
    const ScanResult result = scan(dir.path(), u"supavisor"_s);
    QCOMPARE(findingRows(result), QStringList());
    QCOMPARE(result.clients.size(), 1);
    QCOMPARE(result.clients.first().version, u"^3.4.4"_s);
    QVERIFY(!result.clients.first().locked);
}

void TestDrivers::suppressionCommentsApply()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(u"requirements.txt"_s), "asyncpg==0.30.0\n");
    write(dir.filePath(u"app/db.py"_s),
          "import asyncpg\n\n"
          "async def connect(dsn):\n"
          "    # poolproof-ignore PB303: this job connects to the primary, never through the pooler\n"
          "    return await asyncpg.connect(dsn)\n\n"
          "async def pooled(dsn):\n"
          "    return await asyncpg.create_pool(dsn)\n");
    const ScanResult result = scan(dir.path(), u"pgbouncer-legacy"_s);
    QCOMPARE(findingRows(result), QStringList {u"PB303|app/db.py:8"_s});
    QCOMPARE(result.suppressedCount(), 1);
    for (const Finding &finding : result.findings) {
        if (finding.suppressed)
            QCOMPARE(finding.suppressionReason, u"this job connects to the primary, never through the pooler"_s);
    }
}

void TestDrivers::atlasUrlThroughThePooler()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(u"atlas.hcl"_s),
          "env \"prod\" {\n"
          "  # url = \"postgres://migrator@db-pooler:6432/app\" was the old value\n"
          "  url = \"postgres://migrator@db-pooler.internal:6432/app?sslmode=require\"\n"
          "  dev = \"docker://postgres/16/dev\"\n"
          "}\n"
          "env \"local\" {\n"
          "  url = \"postgres://postgres@localhost:5432/app?sslmode=disable\"\n"
          "}\n");
    for (const char *profile : {"pgbouncer-1.24", "supavisor"})
        QCOMPARE(findingRows(scan(dir.path(), QString::fromLatin1(profile))), QStringList {u"PB404|atlas.hcl:3"_s});
    QCOMPARE(findingRows(scan(dir.path(), u"rds-proxy"_s)), QStringList {u"PB404|atlas.hcl:3"_s});
}

void TestDrivers::dieselCacheAndDescribeExec()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(u"Cargo.toml"_s),
          "[package]\nname = \"admin\"\nversion = \"0.1.0\"\n\n[dependencies.diesel]\nversion = \"2.2.0\"\nfeatures = "
          "[\"postgres\"]\n");
    write(dir.filePath(u"src/main.rs"_s),
          "use diesel::prelude::*;\n\n"
          "fn main() {\n"
          "    let url = std::env::var(\"DATABASE_URL\").unwrap();\n"
          "    let mut conn = PgConnection::establish(&url).unwrap();\n"
          "    let _ = &mut conn;\n"
          "}\n");
    ScanResult result = scan(dir.path(), u"pgbouncer-1.21"_s);
    QCOMPARE(findingRows(result), QStringList {u"PB317|src/main.rs:5"_s});
    QCOMPARE(result.clients.size(), 1);
    QCOMPARE(result.clients.first().version, u"2.2.0"_s);
    QCOMPARE(result.clients.first().line, 5);
    // On PgBouncer 1.24 the cache is tracked, but old diesel's unnamed statements still are not.
    result = scan(dir.path(), u"pgbouncer-1.24"_s);
    QCOMPARE(findingRows(result), QStringList {u"PB317|src/main.rs:5"_s});
    QCOMPARE(result.findings.first().severity, Severity::Info);

    write(dir.filePath(u"src/main.rs"_s),
          "use diesel::prelude::*;\nuse diesel::connection::CacheSize;\n\n"
          "fn main() {\n"
          "    let url = std::env::var(\"DATABASE_URL\").unwrap();\n"
          "    let mut conn = PgConnection::establish(&url).unwrap();\n"
          "    conn.set_prepared_statement_cache_size(CacheSize::Disabled);\n"
          "}\n");
    QCOMPARE(findingRows(scan(dir.path(), u"pgbouncer-1.21"_s)), QStringList());

    QTemporaryDir go;
    QVERIFY(go.isValid());
    write(go.filePath(u"go.mod"_s), "module example.com/x\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.6.0\n");
    write(go.filePath(u".env"_s),
          "DATABASE_URL=postgres://app@db-pooler:6432/app?default_query_exec_mode=describe_exec\n");
    write(go.filePath(u"main.go"_s),
          "package main\n\nimport \"github.com/jackc/pgx/v5/pgxpool\"\n\n"
          "func open(ctx context.Context, url string) (*pgxpool.Pool, error) {\n"
          "\treturn pgxpool.New(ctx, url)\n}\n");
    // describe_exec is wrong everywhere; it is no fix for the default mode either.
    QCOMPARE(findingRows(scan(go.path(), u"pgbouncer-1.24"_s)), QStringList {u"PB309|.env:1"_s});
    QCOMPARE(findingRows(scan(go.path(), u"supavisor"_s)), (QStringList {u"PB308|main.go:6"_s, u"PB309|.env:1"_s}));
}

void TestDrivers::prismaSevenHasNoPgbouncerFlag()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(
        dir.filePath(u"package.json"_s),
        R"({"dependencies": {"@prisma/client": "^7.0.0", "@prisma/adapter-pg": "^7.0.0"}, "devDependencies": {"prisma": "^7.0.0"}})");
    write(dir.filePath(u".env"_s), "DATABASE_URL=postgresql://app@db.pooler.supabase.com:6543/postgres\n");
    write(dir.filePath(u"prisma/schema.prisma"_s), "datasource db {\n  provider = \"postgresql\"\n}\n");
    QCOMPARE(findingRows(scan(dir.path(), u"supavisor"_s)), QStringList());
    // The same project on Prisma 6 needs both.
    write(dir.filePath(u"package.json"_s),
          R"({"dependencies": {"@prisma/client": "6.8.2"}, "devDependencies": {"prisma": "6.8.2"}})");
    write(dir.filePath(u"prisma/schema.prisma"_s),
          "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
    QCOMPARE(findingRows(scan(dir.path(), u"supavisor"_s)),
             (QStringList {u"PB302|.env:1"_s, u"PB401|prisma/schema.prisma:1"_s}));
}

void TestDrivers::fileNameGlobsMatchAsWildcards()
{
    // The text comparisons answer as QRegularExpression::fromWildcard does, for the rules' own
    // globs and for the other shapes a glob can take.
    QStringList globs = {u"database.yml"_s, u"*.prisma"_s,   u"*.exs"_s,         u"schema.prisma"_s, u"*"_s,
                         u"config.*"_s,     u"?ockerfile"_s, u"[Dd]ockerfile"_s, u"*.env.*"_s,       u".env*"_s};
    const RuleCatalog &catalog = RuleCatalog::builtin();
    for (const Rule &rule : catalog.rules()) {
        for (const QJsonValue &glob : rule.detect.value(u"files").toArray())
            globs << glob.toString();
    }
    const QStringList names = {u"database.yml"_s,  u"database.yml.example"_s,
                               u"schema.prisma"_s, u"prisma"_s,
                               u".prisma"_s,       u"config.exs"_s,
                               u"prod.exs"_s,      u"config.json"_s,
                               u"Dockerfile"_s,    u"dockerfile"_s,
                               u".env"_s,          u".env.production"_s,
                               u"app.env.local"_s, u""_s,
                               u"cable.yml"_s,     u"application.properties"_s,
                               u"pgbouncer.ini"_s};
    for (const QString &glob : std::as_const(globs)) {
        const FileNameGlob fast(glob);
        const QRegularExpression reference = QRegularExpression::fromWildcard(glob, Qt::CaseSensitive);
        for (const QString &name : names)
            QVERIFY2(fast.matches(name) == reference.match(name).hasMatch(), qPrintable(glob + u" / "_s + name));
    }
}

QTEST_GUILESS_MAIN(TestDrivers)
#include "tst_drivers.moc"
