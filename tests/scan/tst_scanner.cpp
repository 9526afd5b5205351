#include "rules/rulecatalog.h"
#include "scan/dependencies.h"
#include "scan/fileanalyzer.h"

#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// Each row: a file name, its text, and the findings expected as "RULE:line" (suppressed ones as
// "RULE:line:suppressed"). Rows come in pairs: the problem, and the look-alikes that must stay
// silent, in every language the scanner reads.
class TestScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data();
    void findings();
    void severityFollowsProfile_data();
    void severityFollowsProfile();
    void unparsedProseIsNotAFinding();
    void reportsPositionOfStatement();
    void interpolatedNameIsShownAsParameter();
    void suppressionWithoutReason();
    void listenApisFollowTheDeclaredClient();

private:
    static QStringList scan(const QString &fileName, const QByteArray &text, const QString &profile = {},
                            const ProjectDependencies &deps = {});
};

QStringList TestScanner::scan(const QString &fileName, const QByteArray &text, const QString &profile,
                              const ProjectDependencies &deps)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const PoolerProfile &chosen = profile.isEmpty() ? catalog.defaultProfile() : *catalog.profile(profile);
    const FileAnalyzer analyzer(catalog, chosen, deps, 1 << 24);
    QStringList found;
    const FileResult result = analyzer.analyzeText(fileName, text);
    for (const Finding &finding : result.findings) {
        found << finding.ruleId + u':' + QString::number(finding.location.line)
                + (finding.suppressed ? u":suppressed"_s : QString());
    }
    found.sort();
    return found;
}

void TestScanner::findings_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    // --- TypeScript / JavaScript
    QTest::newRow("ts session set") << u"a.ts"_s
                                    << QByteArray("await pool.query(`SET search_path TO ${schema}, public`);\n")
                                    << QStringList {u"PB101:1"_s};
    QTest::newRow("ts set local")
        << u"a.ts"_s
        << QByteArray("await client.query('BEGIN');\nawait client.query(\"SET LOCAL statement_timeout = '5s'\");\n")
        << QStringList {};
    QTest::newRow("ts tracked set") << u"a.ts"_s << QByteArray("await pool.query(\"SET TIME ZONE 'UTC'\");\n")
                                    << QStringList {u"PB102:1"_s};
    QTest::newRow("ts listen") << u"a.ts"_s
                               << QByteArray("const c = await pool.connect();\nawait c.query('LISTEN jobs');\n")
                               << QStringList {u"PB110:2"_s};
    QTest::newRow("ts postgres.js listen")
        << u"events.ts"_s << QByteArray("await sql.listen('inventory_changes', (payload) => refresh(payload));\n")
        << QStringList {u"PB113:1"_s};
    QTest::newRow("ts server listen")
        << u"index.ts"_s
        << QByteArray("app.listen(3000, () => log('up'));\nserver.listen(port);\nio.listen(server, { path: '/ws' });\n")
        << QStringList {};
    QTest::newRow("ts notify")
        << u"a.ts"_s
        << QByteArray("await pool.query('NOTIFY jobs');\nawait pool.query('SELECT pg_notify($1, $2)', [c, p]);\n")
        << QStringList {};
    QTest::newRow("ts advisory") << u"a.ts"_s
                                 << QByteArray("await c.query('SELECT pg_advisory_lock($1)', [id]);\n"
                                               "await c.query('SELECT pg_advisory_xact_lock($1)', [id]);\n"
                                               "await c.query('SELECT pg_advisory_unlock($1)', [id]);\n")
                                 << QStringList {u"PB120:1"_s, u"PB120:3"_s};
    QTest::newRow("ts comments") << u"a.ts"_s
                                 << QByteArray("// we used to LISTEN jobs and SET search_path here\n"
                                               "/* SELECT pg_advisory_lock(1) */\nconst x = 1;\n")
                                 << QStringList {};
    QTest::newRow("ts update set")
        << u"a.ts"_s
        << QByteArray(
               "await pool.query('UPDATE items SET qty = qty - 1 WHERE id = $1', [id]);\n"
               "await pool.query(`INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET a = excluded.a`);\n")
        << QStringList {};
    QTest::newRow("ts new Set") << u"a.ts"_s
                                << QByteArray("const seen = new Set<string>();\nconst s = new Set([1, 2]);\n")
                                << QStringList {};
    QTest::newRow("ts ui strings")
        << u"a.tsx"_s
        << QByteArray("const label = 'Reset password';\nconst b = t('Listen now');\nbutton.text = \"Discard all\";\n")
        << QStringList {};
    QTest::newRow("ts concatenated") << u"a.js"_s << QByteArray("db.query('SET ' +\n  'search_path TO app');\n")
                                     << QStringList {u"PB101:1"_s};
    QTest::newRow("ts sql tag") << u"a.ts"_s << QByteArray("await sql`set role ${role}`;\n")
                                << QStringList {u"PB106:1"_s};
    QTest::newRow("ts named query") << u"a.ts"_s
                                    << QByteArray("await pool.query({\n  name: 'fetch-user',\n  text: 'SELECT * FROM "
                                                  "users WHERE id = $1',\n  values: [id],\n});\n")
                                    << QStringList {u"PB201:2"_s};
    QTest::newRow("ts name key not a query")
        << u"a.ts"_s << QByteArray("await db.insert(items).values({ name: 'Oat milk', sku: 'OAT-1' });\n")
        << QStringList {};
    QTest::newRow("ts multi-line template")
        << u"a.ts"_s << QByteArray("await pool.query(`\n  BEGIN;\n  SET statement_timeout = 0;\n  COMMIT`);\n")
        << QStringList {u"PB101:3"_s};
    QTest::newRow("ts suppressed")
        << u"a.ts"_s
        << QByteArray("// poolproof-ignore PB110: dedicated direct connection\nawait direct.query('LISTEN jobs');\n")
        << QStringList {u"PB110:2:suppressed"_s};
    QTest::newRow("ts suppressed same line")
        << u"a.ts"_s << QByteArray("await direct.query('LISTEN jobs'); // poolproof-ignore PB110: direct\n")
        << QStringList {u"PB110:1:suppressed"_s};

    // --- Python
    QTest::newRow("py execute set") << u"db.py"_s << QByteArray("cur.execute(f\"SET search_path TO {tenant}\")\n")
                                    << QStringList {u"PB101:1"_s};
    QTest::newRow("py triple quoted hold")
        << u"db.py"_s
        << QByteArray("cur.execute(\"\"\"\n    DECLARE c CURSOR WITH HOLD FOR\n    SELECT * FROM items\n\"\"\")\n")
        << QStringList {u"PB140:2"_s};
    QTest::newRow("py comment and docstring")
        << u"db.py"_s
        << QByteArray("# SET search_path TO x\ndef f():\n    \"\"\"Call LISTEN here one day.\"\"\"\n    return 1\n")
        << QStringList {};
    QTest::newRow("py set_config local") << u"db.py"_s
                                         << QByteArray(
                                                "cur.execute(\"SELECT set_config('app.shop', %s, true)\", (shop,))\n")
                                         << QStringList {};
    QTest::newRow("py set_config session")
        << u"db.py"_s << QByteArray("cur.execute(\"SELECT set_config('app.shop', %s, false)\", (shop,))\n")
        << QStringList {u"PB104:1"_s};
    QTest::newRow("py asyncpg add_listener")
        << u"listen.py"_s
        << QByteArray("async def run(conn):\n    await conn.add_listener('inventory_changes', on_change)\n")
        << QStringList {u"PB112:2"_s};
    QTest::newRow("py add_listener of a scheduler")
        << u"jobs.py"_s << QByteArray("scheduler.add_listener(job_listener, EVENT_JOB_ERROR | EVENT_JOB_MISSED)\n")
        << QStringList {};
    QTest::newRow("py add_listener in a comment")
        << u"listen.py"_s << QByteArray("# conn.add_listener('jobs', cb) runs LISTEN\nx = 1\n") << QStringList {};
    QTest::newRow("py adjacent literals")
        << u"db.py"_s << QByteArray("cur.execute(\"LISTEN \"\n            \"jobs\")\n") << QStringList {u"PB110:1"_s};

    // --- Lower-case SQL passed to the query methods of common libraries
    QTest::newRow("java queryForObject")
        << u"Locks.java"_s
        << QByteArray(
               "boolean ok = jdbcTemplate.queryForObject(\"select pg_try_advisory_lock(?)\", Boolean.class, key);\n")
        << QStringList {u"PB120:1"_s};
    QTest::newRow("py exec_driver_sql") << u"db.py"_s
                                        << QByteArray("conn.exec_driver_sql(\"set search_path to tenant_1\")\n")
                                        << QStringList {u"PB101:1"_s};
    QTest::newRow("php laravel statement")
        << u"Tenant.php"_s
        << QByteArray("<?php\nDB::statement('SET search_path TO tenant_1');\nDB::unprepared('listen jobs');\n")
        << QStringList {u"PB101:2"_s, u"PB110:3"_s};
    QTest::newRow("rs diesel sql_query") << u"db.rs"_s
                                         << QByteArray(
                                                "diesel::sql_query(\"set search_path to tenant_1\").execute(conn)?;\n")
                                         << QStringList {u"PB101:1"_s};
    QTest::newRow("cs ExecuteSqlInterpolated")
        << u"Db.cs"_s
        << QByteArray("await db.Database.ExecuteSqlInterpolatedAsync($\"select pg_advisory_lock({key})\");\n")
        << QStringList {u"PB120:1"_s};
    QTest::newRow("cs CommandText")
        << u"Db.cs"_s
        << QByteArray("using var cmd = conn.CreateCommand();\ncmd.CommandText = \"set search_path to tenant_1\";\n")
        << QStringList {u"PB101:2"_s};
    QTest::newRow("rs tokio-postgres query_one")
        << u"db.rs"_s
        << QByteArray("let row = client.query_one(\"select pg_try_advisory_lock($1)\", &[&key]).await?;\n")
        << QStringList {u"PB120:1"_s};
    QTest::newRow("php doctrine") << u"Db.php"_s
                                  << QByteArray("<?php\n$conn->executeStatement('set search_path to tenant_1');\n"
                                                "$v = $conn->fetchOne('select pg_try_advisory_lock(1)');\n")
                                  << QStringList {u"PB101:2"_s, u"PB120:3"_s};
    QTest::newRow("py databases and tortoise")
        << u"db.py"_s
        << QByteArray("await database.fetch_one(\"select pg_try_advisory_lock(1)\")\n"
                      "await conn.execute_query(\"set search_path to tenant_1\")\n")
        << QStringList {u"PB101:2"_s, u"PB120:1"_s};
    QTest::newRow("prose to a method named like a statement")
        << u"ui.ts"_s
        << QByteArray("toast.statement('set up your profile first');\nform.queryForm('reset the form');\n")
        << QStringList {};

    // --- Rust and Elixir: LISTEN through the clients' notification APIs
    QTest::newRow("rs sqlx PgListener")
        << u"events.rs"_s
        << QByteArray("let mut listener = PgListener::connect(&db_url).await?;\nlistener.listen(\"jobs\").await?;\n")
        << QStringList {u"PB114:1"_s};
    QTest::newRow("rs tcp listener") << u"main.rs"_s
                                     << QByteArray("let listener = TcpListener::bind(\"0.0.0.0:8080\").await?;\n")
                                     << QStringList {};
    QTest::newRow("ex postgrex listen") << u"listener.ex"_s
                                        << QByteArray("{:ok, ref} = Postgrex.Notifications.listen(pid, \"jobs\")\nref2 "
                                                      "= Postgrex.Notifications.listen!(pid, \"more\")\n"
                                                      "# Postgrex.Notifications.listen(pid, \"old\")\n")
                                        << QStringList {u"PB115:1"_s, u"PB115:2"_s};

    QTest::newRow("go lib/pq listener") << u"events.go"_s
                                        << QByteArray(
                                               "listener := pq.NewListener(connStr, 10*time.Second, time.Minute, "
                                               "report)\nln, err := net.Listen(\"tcp\", \":8080\")\n")
                                        << QStringList {u"PB116:1"_s};
    QTest::newRow("ts pg-listen subscriber")
        << u"events.ts"_s
        << QByteArray("const subscriber = createSubscriber({ connectionString: process.env.DATABASE_URL });\n"
                      "subscriber.notifications.on('jobs', run);\n")
        << QStringList {u"PB117:1"_s};

    // --- Go
    QTest::newRow("go raw string") << u"main.go"_s
                                   << QByteArray("_, err := db.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key)\n")
                                   << QStringList {u"PB120:1"_s};
    QTest::newRow("go xact lock") << u"main.go"_s
                                  << QByteArray(
                                         "_, err := tx.ExecContext(ctx, \"SELECT pg_advisory_xact_lock($1)\", key)\n")
                                  << QStringList {};
    QTest::newRow("go prepare") << u"main.go"_s << QByteArray("stmt, err := db.PrepareContext(ctx, \"SELECT 1\")\n")
                                << QStringList {u"PB204:1"_s};

    // --- Java / Kotlin
    QTest::newRow("java text block")
        << u"Repo.java"_s << QByteArray("String sql = \"\"\"\n    CREATE TEMP TABLE scratch (id int)\n    \"\"\";\n")
        << QStringList {u"PB150:2"_s};
    QTest::newRow("java on commit drop")
        << u"Repo.java"_s << QByteArray("jdbc.execute(\"CREATE TEMP TABLE scratch (id int) ON COMMIT DROP\");\n")
        << QStringList {};
    QTest::newRow("kotlin set") << u"Repo.kt"_s << QByteArray("jdbc.execute(\"SET search_path TO $schema\")\n")
                                << QStringList {u"PB101:1"_s};

    // --- Ruby
    QTest::newRow("ruby heredoc") << u"job.rb"_s << QByteArray("conn.exec(<<~SQL)\n  LISTEN orders\nSQL\n")
                                  << QStringList {u"PB110:2"_s};
    QTest::newRow("ruby comment") << u"job.rb"_s << QByteArray("# conn.exec('LISTEN orders')\nx = 1\n")
                                  << QStringList {};

    // --- C#, Rust, PHP, Elixir
    QTest::newRow("csharp verbatim") << u"Repo.cs"_s
                                     << QByteArray("await conn.ExecuteAsync(@\"SET search_path TO app\");\n")
                                     << QStringList {u"PB101:1"_s};
    QTest::newRow("rust raw string") << u"db.rs"_s
                                     << QByteArray("client.batch_execute(r#\"LOAD 'auto_explain'\"#).await?;\n")
                                     << QStringList {u"PB160:1"_s};
    QTest::newRow("php heredoc") << u"repo.php"_s
                                 << QByteArray("<?php\n$pdo->exec(<<<SQL\nPREPARE q AS SELECT 1\nSQL);\n")
                                 << QStringList {u"PB130:3"_s};
    QTest::newRow("elixir sigil") << u"repo.ex"_s << QByteArray("Repo.query!(~s(SET search_path TO tenant))\n")
                                  << QStringList {u"PB101:1"_s};

    // --- SQL files
    QTest::newRow("sql script") << u"0001.sql"_s
                                << QByteArray(
                                       "-- LISTEN in a comment\nCREATE TABLE t (id int);\n"
                                       "ALTER TABLE t ALTER COLUMN id SET DEFAULT 0;\nSET search_path TO app;\n"
                                       "SET LOCAL work_mem = '64MB';\nDECLARE c CURSOR WITH HOLD FOR SELECT 1;\n")
                                << QStringList {u"PB101:4"_s, u"PB140:6"_s};
    QTest::newRow("sql function body is data") << u"f.sql"_s
                                               << QByteArray("CREATE FUNCTION f() RETURNS void LANGUAGE sql\n"
                                                             "SET search_path = app\nAS $$ SELECT 1 $$;\n")
                                               << QStringList {};
    // --- Function bodies and DO blocks: what they run, where it is written
    QTest::newRow("plpgsql function body")
        << u"0002_tenant.sql"_s
        << QByteArray("CREATE OR REPLACE FUNCTION app.use_tenant(tenant text) RETURNS void\n"
                      "LANGUAGE plpgsql AS $fn$\n"
                      "BEGIN\n"
                      "    PERFORM set_config('search_path', tenant, false);\n"
                      "    PERFORM pg_advisory_lock(hashtext(tenant));\n"
                      "    IF tenant = 'x' THEN\n"
                      "        SET search_path TO x;\n"
                      "    END IF;\n"
                      "    LISTEN tenant_changes;\n"
                      "    CREATE TEMP TABLE scratch (id int);\n"
                      "END;\n"
                      "$fn$;\n")
        << QStringList {u"PB104:4"_s, u"PB120:5"_s, u"PB101:7"_s, u"PB110:9"_s, u"PB150:10"_s};
    QTest::newRow("plpgsql look-alikes") << u"0003_safe.sql"_s
                                         << QByteArray(
                                                "CREATE FUNCTION app.safe(tenant text) RETURNS void LANGUAGE plpgsql\n"
                                                "SET search_path = app, public AS $$\n"
                                                "DECLARE n int;\n"
                                                "BEGIN\n"
                                                "    -- SET search_path TO tenant; LISTEN x; pg_advisory_lock(1)\n"
                                                "    RAISE NOTICE 'LISTEN % and SET search_path', tenant;\n"
                                                "    SET search_path TO other; -- undone when the function returns\n"
                                                "    SET LOCAL statement_timeout = '5s';\n"
                                                "    PERFORM pg_advisory_xact_lock(1);\n"
                                                "    PERFORM set_config('app.tenant', tenant, true);\n"
                                                "    NOTIFY tenant_changes;\n"
                                                "    CREATE TEMP TABLE scratch (id int) ON COMMIT DROP;\n"
                                                "    n := pg_notify('a', tenant)::text::int;\n"
                                                "END $$;\n")
                                         << QStringList {};
    QTest::newRow("do block and assignment")
        << u"0004_do.sql"_s
        << QByteArray("DO $$\nDECLARE ok boolean;\nBEGIN\n  ok := pg_try_advisory_lock(42);\nEND\n$$;\n")
        << QStringList {u"PB120:4"_s};
    QTest::newRow("execute of constants and of a built statement")
        << u"0005_dynamic.sql"_s
        << QByteArray("DO $$\nBEGIN\n  EXECUTE 'LISTEN jobs';\n"
                      "  EXECUTE format('SET search_path TO %I', current_user);\n"
                      "  EXECUTE 'NOTIFY ' || 'jobs';\nEND $$;\n")
        << QStringList {u"PB110:3"_s, u"PB101:4"_s};
    QTest::newRow("sql-language body") << u"0006_sqlfn.sql"_s
                                       << QByteArray("CREATE FUNCTION lock_it() RETURNS void LANGUAGE sql\n"
                                                     "AS $$\n  SELECT pg_advisory_lock(7);\n$$;\n")
                                       << QStringList {u"PB120:3"_s};
    QTest::newRow("body in quotes") << u"0007_quoted.sql"_s
                                    << QByteArray("SELECT 1;\nCREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS\n"
                                                  "'BEGIN PERFORM pg_advisory_lock(1); RAISE NOTICE ''done''; END';\n")
                                    << QStringList {u"PB120:2"_s};
    QTest::newRow("other languages' bodies are not read")
        << u"0008_python.sql"_s
        << QByteArray("CREATE FUNCTION f() RETURNS void LANGUAGE plpython3u AS $$\nplpy.execute('LISTEN x')\n$$;\n")
        << QStringList {};
    QTest::newRow("DO block in a query call")
        << u"migrate.ts"_s << QByteArray("await knex.raw(`DO $$\nBEGIN\n  PERFORM pg_advisory_lock(1);\nEND $$`);\n")
        << QStringList {u"PB120:3"_s};

    QTest::newRow("sql broken statement")
        << u"b.sql"_s << QByteArray("SELECT 1;\nSELEC oops;\nLISTEN jobs;\n") << QStringList {u"PB110:3"_s};
    QTest::newRow("sql comment before statement")
        << u"c.sql"_s << QByteArray("CREATE TABLE t (id int);\n-- per tenant\n/* block */ SET search_path TO t;\n")
        << QStringList {u"PB101:3"_s};
    QTest::newRow("sql discard all info") << u"d.sql"_s << QByteArray("DISCARD ALL;\n") << QStringList {u"PB131:1"_s};

    // --- Messages that read as SQL: logged, printed, raised or a test's title, never run
    QTest::newRow("rb log and puts") << u"tenant.rb"_s
                                     << QByteArray("Rails.logger.info(\"SET search_path to #{schema}\")\n"
                                                   "puts \"LISTEN done\"\nraise \"LISTEN jobs\"\n")
                                     << QStringList {};
    QTest::newRow("rb migration command")
        << u"migrate.rb"_s << QByteArray("def up\n  execute \"SET search_path TO ,, app\"\nend\n")
        << QStringList {u"PB101:2"_s};
    QTest::newRow("ex logger") << u"tenant.ex"_s << QByteArray("Logger.info(\"SET search_path to #{schema}\")\n")
                               << QStringList {};
    QTest::newRow("py logging and print")
        << u"tenant.py"_s << QByteArray("logging.info(\"SET search_path to tenant\")\nprint('LISTEN jobs')\n")
        << QStringList {};
    QTest::newRow("ts test title and error")
        << u"tenant.test.ts"_s
        << QByteArray("it('SET search_path to tenant', async () => {});\nthrow new Error('LISTEN jobs');\n")
        << QStringList {};
    QTest::newRow("java exception and log")
        << u"Tenant.java"_s
        << QByteArray("log.warn(\"SET search_path to tenant\");\n"
                      "throw new IllegalStateException(\"SET search_path to tenant\");\n")
        << QStringList {};
    QTest::newRow("cs logger") << u"Tenant.cs"_s
                               << QByteArray("_logger.LogInformation(\"SET search_path to tenant\");\n")
                               << QStringList {};
    QTest::newRow("go println") << u"tenant.go"_s << QByteArray("fmt.Println(\"LISTEN jobs\")\n") << QStringList {};
    QTest::newRow("message still sql when queried")
        << u"tenant.rb"_s << QByteArray("conn.exec(\"LISTEN jobs\")\nlogger.info(\"LISTEN jobs\")\n")
        << QStringList {u"PB110:1"_s};

    // --- pg_dump output: the restoring session's settings are kept, suppressed with the reason
    QTest::newRow("pg_dump with header")
        << u"db/dump.sql"_s
        << QByteArray("--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n"
                      "SET client_encoding = 'UTF8';\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                      "SET SESSION AUTHORIZATION app;\nCREATE TABLE t (id int);\nLISTEN jobs;\n")
        << QStringList {u"PB101:5:suppressed"_s, u"PB102:6:suppressed"_s, u"PB104:7:suppressed"_s,
                        u"PB106:8:suppressed"_s, u"PB110:10"_s};
    QTest::newRow("rails structure.sql")
        << u"db/structure.sql"_s
        << QByteArray("SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET search_path = app;\n"
                      "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$\n  SET search_path TO x;\n$$;\n")
        << QStringList {u"PB101:1:suppressed"_s, u"PB101:2:suppressed"_s, u"PB101:3:suppressed"_s, u"PB101:5"_s};
    QTest::newRow("a migration is not a dump")
        << u"db/migrate/001.sql"_s << QByteArray("SET statement_timeout = 0;\nCREATE INDEX i ON t (a);\n")
        << QStringList {u"PB101:1"_s};

    // --- SQL formatted before it is run, and query calls known by their receiver
    QTest::newRow("rs format in query")
        << u"tenant.rs"_s
        << QByteArray("sqlx::query(&format!(\"SET search_path TO {}\", schema)).execute(pool).await?;\n"
                      "let title = format!(\"SET search_path TO {}\", schema);\n")
        << QStringList {u"PB101:1"_s};
    QTest::newRow("rs format assigned to sql")
        << u"tenant.rs"_s << QByteArray("let sql = format!(\"SET search_path TO {}\", schema);\n")
        << QStringList {u"PB101:1"_s};
    QTest::newRow("go sprintf in exec") << u"tenant.go"_s
                                        << QByteArray(
                                               "_, err := db.Exec(fmt.Sprintf(\"SET search_path TO %s\", schema))\n")
                                        << QStringList {u"PB101:1"_s};
    QTest::newRow("php db statement") << u"tenant.php"_s
                                      << QByteArray("<?php\nDB::statement('SET search_path TO ' . $schema);\n"
                                                    "$doc->statement('SET search_path TO ' . $schema);\n")
                                      << QStringList {u"PB101:2"_s};
}

void TestScanner::findings()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    expected.sort();
    QCOMPARE(scan(fileName, text), expected);
}

void TestScanner::severityFollowsProfile_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("severity");
    QTest::newRow("pgbouncer 1.24") << u"pgbouncer-1.24"_s << u"info"_s;
    QTest::newRow("pgbouncer 1.21 without") << u"pgbouncer-1.21"_s << u"error"_s;
    QTest::newRow("legacy") << u"pgbouncer-legacy"_s << u"error"_s;
    QTest::newRow("supavisor") << u"supavisor"_s << u"error"_s;
    QTest::newRow("rds proxy") << u"rds-proxy"_s << u"warning"_s;
}

void TestScanner::severityFollowsProfile()
{
    QFETCH(QString, profile);
    QFETCH(QString, severity);
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const FileAnalyzer analyzer(catalog, *catalog.profile(profile), {}, 1 << 24);
    const FileResult result = analyzer.analyzeText(u"a.ts"_s, "pool.query({ name: 'q1', text: 'SELECT 1' });\n");
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(severityId(result.findings.first().severity), severity);
}

void TestScanner::unparsedProseIsNotAFinding()
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const FileAnalyzer analyzer(catalog, *catalog.profile(u"pgbouncer-1.24"_s), {}, 1 << 24);
    // Titles and UI texts that start with a SQL keyword but are not SQL: the parser refuses them,
    // and nothing passes them to a query, so they are not findings.
    const FileResult prose = analyzer.analyzeText(
        u"locales/en.json"_s,
        R"({"title": "SET of a parameter the pooler tracks", "undo": "RESET changes made here"})");
    QVERIFY2(prose.findings.isEmpty(),
             qPrintable(prose.findings.isEmpty() ? QString() : prose.findings.first().message));
    // The same refused text handed to a query call still counts, at low confidence.
    const FileResult query = analyzer.analyzeText(u"a.ts"_s, "await pool.query('SET search_path TO ,, broken');\n");
    QCOMPARE(query.findings.size(), 1);
    QCOMPARE(query.findings.first().ruleId, u"PB101"_s);
    QCOMPARE(query.findings.first().confidence, Confidence::Low);
}

void TestScanner::reportsPositionOfStatement()
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const FileAnalyzer analyzer(catalog, catalog.defaultProfile(), {}, 1 << 24);
    const FileResult result
        = analyzer.analyzeText(u"a.ts"_s, "const x = 1;\n  await pool.query(`SET search_path TO ${s}`);\n");
    QCOMPARE(result.findings.size(), 1);
    const Finding &finding = result.findings.first();
    QCOMPARE(finding.location.line, 2);
    QCOMPARE(finding.location.column, 21); // the S of SET, after the backtick
    QCOMPARE(finding.snippet, u"await pool.query(`SET search_path TO ${s}`);"_s);
    QCOMPARE(finding.subject, u"search_path"_s);
    QVERIFY(!finding.fix.isEmpty());
}

void TestScanner::interpolatedNameIsShownAsParameter()
{
    // The channel comes from the code: the finding names the parameter it became, not the
    // identifier the parser was given in its place.
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const FileAnalyzer analyzer(catalog, catalog.defaultProfile(), {}, 1 << 24);
    const FileResult result = analyzer.analyzeText(u"a.py"_s, "cur.execute(f\"LISTEN {channel}\")\n");
    QCOMPARE(result.findings.size(), 1);
    QCOMPARE(result.findings.first().ruleId, u"PB110"_s);
    QCOMPARE(result.findings.first().subject, u"$1"_s);
    QVERIFY(!result.findings.first().message.contains(u"pp_param"_s));
}

void TestScanner::suppressionWithoutReason()
{
    QCOMPARE(scan(u"a.ts"_s, "// poolproof-ignore PB110\nawait c.query('LISTEN jobs');\n"),
             (QStringList {u"PB110:2:suppressed"_s, u"PB900:1"_s}));
    QCOMPARE(scan(u"a.ts"_s, "await c.query('LISTEN jobs'); // poolproof-ignore PB1I0: typo\n"),
             (QStringList {u"PB110:1"_s, u"PB901:1"_s}));
}

void TestScanner::listenApisFollowTheDeclaredClient()
{
    // The same call is LISTEN only where the client that has it is declared: an Express app with
    // node-postgres has other things called listen, a Python project without asyncpg other
    // add_listener methods; a PgListener or a Notifications module of another library is not
    // sqlx's or Postgrex's, and a Ruby listen without Sequel is not Sequel's.
    struct Case {
        QString fileName;
        QByteArray text;
        QString finding;
    };
    const QList<Case> cases {
        {u"a.ts"_s, "await sql.listen('inventory_changes', onChange);\n", u"PB113:1"_s},
        {u"a.py"_s, "await conn.add_listener('inventory_changes', on_change)\n", u"PB112:1"_s},
        {u"a.rs"_s, "let listener = PgListener::connect(&url).await?;\n", u"PB114:1"_s},
        {u"a.ex"_s, "{:ok, ref} = Postgrex.Notifications.listen(pid, \"jobs\")\n", u"PB115:1"_s},
        {u"a.go"_s, "listener := pq.NewListener(connStr, time.Second, time.Minute, nil)\n", u"PB116:1"_s},
        {u"b.ts"_s, "const subscriber = createSubscriber({ connectionString: url });\n", u"PB117:1"_s},
        {u"a.rb"_s, "DB.listen('jobs', loop: true) { |_ch, _pid, payload| run(payload) }\n", u"PB118:1"_s},
    };
    ProjectDependencies withClients;
    withClients.add(u"npm"_s, u"postgres"_s);
    withClients.add(u"npm"_s, u"pg-listen"_s);
    withClients.add(u"pypi"_s, u"asyncpg"_s);
    withClients.add(u"cargo"_s, u"sqlx"_s);
    withClients.add(u"hex"_s, u"postgrex"_s);
    withClients.add(u"go"_s, u"github.com/lib/pq"_s);
    withClients.add(u"gem"_s, u"sequel"_s);
    ProjectDependencies otherClients;
    otherClients.add(u"npm"_s, u"pg"_s);
    otherClients.add(u"npm"_s, u"express"_s);
    otherClients.add(u"pypi"_s, u"psycopg"_s);
    otherClients.add(u"cargo"_s, u"tokio-postgres"_s);
    otherClients.add(u"hex"_s, u"myxql"_s);
    otherClients.add(u"go"_s, u"github.com/jackc/pgx/v5"_s);
    otherClients.add(u"gem"_s, u"rails"_s);
    for (const Case &c : cases) {
        QCOMPARE(scan(c.fileName, c.text, {}, withClients), QStringList {c.finding});
        QCOMPARE(scan(c.fileName, c.text, {}, otherClients), QStringList {});
    }
    // A socket's listen(backlog) in a Sequel project is not Sequel's.
    QCOMPARE(scan(u"b.rb"_s, "server = TCPServer.new(2000)\nserver.listen(5)\n", {}, withClients), QStringList {});
}

QTEST_GUILESS_MAIN(TestScanner)
#include "tst_scanner.moc"
