#include "sql/sqlparser.h"

#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// Each row: SQL that libpg_query parses into one statement, and what that statement does.
class TestSqlClassifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statementKind_data();
    void statementKind();
    void calls_data();
    void calls();
    void splitsStatements();
    void reportsParseErrorPosition();
    void keepsOffsetsInUtf8Text();
    void readsFunctionBodies();
    void followsBodiesTwoLevelsDeep();
};

void TestSqlClassifier::statementKind_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("subject");

    QTest::newRow("set search_path") << u"SET search_path TO x"_s << u"session-set"_s << u"search_path"_s;
    QTest::newRow("set session") << u"SET SESSION statement_timeout = '5s'"_s << u"session-set"_s
                                 << u"statement_timeout"_s;
    QTest::newRow("set local") << u"SET LOCAL statement_timeout = 5"_s << u"local-set"_s << u"statement_timeout"_s;
    QTest::newRow("set time zone") << u"SET TIME ZONE 'UTC'"_s << u"session-set"_s << u"timezone"_s;
    QTest::newRow("set to default") << u"SET work_mem TO DEFAULT"_s << u"session-set"_s << u"work_mem"_s;
    QTest::newRow("reset") << u"RESET search_path"_s << u"session-reset"_s << u"search_path"_s;
    QTest::newRow("reset all") << u"RESET ALL"_s << u"session-reset"_s << u"all"_s;
    QTest::newRow("set role") << u"SET ROLE app_reader"_s << u"set-role"_s << u"role"_s;
    QTest::newRow("set local role") << u"SET LOCAL ROLE app_reader"_s << u"local-set"_s << u"role"_s;
    QTest::newRow("set session authorization")
        << u"SET SESSION AUTHORIZATION alice"_s << u"set-session-authorization"_s << u"session_authorization"_s;
    QTest::newRow("set transaction") << u"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"_s << u"transaction-settings"_s
                                     << u"TRANSACTION"_s;
    QTest::newRow("session characteristics") << u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s
                                             << u"session-characteristics"_s << u"SESSION CHARACTERISTICS"_s;
    QTest::newRow("listen") << u"LISTEN jobs"_s << u"listen"_s << u"jobs"_s;
    QTest::newRow("unlisten") << u"UNLISTEN jobs"_s << u"unlisten"_s << u"jobs"_s;
    QTest::newRow("unlisten all") << u"UNLISTEN *"_s << u"unlisten"_s << u"*"_s;
    QTest::newRow("notify") << u"NOTIFY jobs, 'payload'"_s << u"notify"_s << u"jobs"_s;
    QTest::newRow("prepare") << u"PREPARE q(int) AS SELECT $1"_s << u"prepare"_s << u"q"_s;
    QTest::newRow("execute") << u"EXECUTE q(1)"_s << u"execute"_s << u"q"_s;
    QTest::newRow("deallocate") << u"DEALLOCATE q"_s << u"deallocate"_s << u"q"_s;
    QTest::newRow("deallocate prepare") << u"DEALLOCATE PREPARE q"_s << u"deallocate"_s << u"q"_s;
    QTest::newRow("deallocate all") << u"DEALLOCATE ALL"_s << u"deallocate-all"_s << u"all"_s;
    QTest::newRow("discard all") << u"DISCARD ALL"_s << u"discard-all"_s << u"all"_s;
    QTest::newRow("discard plans") << u"DISCARD PLANS"_s << u"discard"_s << u"plans"_s;
    QTest::newRow("cursor with hold") << u"DECLARE c CURSOR WITH HOLD FOR SELECT 1"_s << u"declare-with-hold"_s
                                      << u"c"_s;
    QTest::newRow("cursor without hold") << u"DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1"_s << u"declare-cursor"_s
                                         << u"c"_s;
    QTest::newRow("plain cursor") << u"DECLARE c NO SCROLL CURSOR FOR SELECT 1"_s << u"declare-cursor"_s << u"c"_s;
    QTest::newRow("temp table") << u"CREATE TEMP TABLE t (id int)"_s << u"temp-object"_s << u"t"_s;
    QTest::newRow("temporary preserve rows")
        << u"CREATE TEMPORARY TABLE t (id int) ON COMMIT PRESERVE ROWS"_s << u"temp-object"_s << u"t"_s;
    QTest::newRow("temp delete rows") << u"CREATE TEMP TABLE t (id int) ON COMMIT DELETE ROWS"_s << u"temp-object"_s
                                      << u"t"_s;
    QTest::newRow("temp on commit drop") << u"CREATE TEMP TABLE t (id int) ON COMMIT DROP"_s
                                         << u"temp-object-on-commit-drop"_s << u"t"_s;
    QTest::newRow("temp as select") << u"CREATE TEMP TABLE t AS SELECT 1"_s << u"temp-object"_s << u"t"_s;
    QTest::newRow("temp as select drop") << u"CREATE TEMP TABLE t ON COMMIT DROP AS SELECT 1"_s
                                         << u"temp-object-on-commit-drop"_s << u"t"_s;
    QTest::newRow("select into temp") << u"SELECT 1 AS a INTO TEMP t"_s << u"temp-object"_s << u"t"_s;
    QTest::newRow("temp view") << u"CREATE TEMP VIEW v AS SELECT 1"_s << u"temp-object"_s << u"v"_s;
    QTest::newRow("temp sequence") << u"CREATE TEMP SEQUENCE s"_s << u"temp-object"_s << u"s"_s;
    QTest::newRow("unlogged table") << u"CREATE UNLOGGED TABLE t (id int)"_s << u"other"_s << u""_s;
    QTest::newRow("load") << u"LOAD 'auto_explain'"_s << u"load"_s << u"auto_explain"_s;
    QTest::newRow("begin") << u"BEGIN"_s << u"transaction-control"_s << u"begin"_s;
    // The naive greps' traps: SET in other statements.
    QTest::newRow("update set") << u"UPDATE items SET quantity = 1 WHERE id = 2"_s << u"other"_s << u""_s;
    QTest::newRow("upsert set") << u"INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = excluded.a"_s
                                << u"other"_s << u""_s;
    QTest::newRow("alter column set default") << u"ALTER TABLE t ALTER COLUMN a SET DEFAULT 0"_s << u"other"_s << u""_s;
    QTest::newRow("alter table set schema") << u"ALTER TABLE t SET SCHEMA archive"_s << u"other"_s << u""_s;
    QTest::newRow("alter role set") << u"ALTER ROLE app SET search_path = app"_s << u"other"_s << u""_s;
    QTest::newRow("alter database set") << u"ALTER DATABASE app SET timezone = 'UTC'"_s << u"other"_s << u""_s;
    QTest::newRow("set constraints") << u"SET CONSTRAINTS ALL DEFERRED"_s << u"other"_s << u""_s;
}

void TestSqlClassifier::statementKind()
{
    QFETCH(QString, sql);
    QFETCH(QString, kind);
    QFETCH(QString, subject);
    const SqlParseResult result = parseSql(sql);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message : QString()));
    QCOMPARE(result.statements.size(), 1);
    QCOMPARE(statementKindId(result.statements.first().kind), kind);
    QCOMPARE(result.statements.first().subject, subject);
}

void TestSqlClassifier::calls_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("calls");

    QTest::newRow("advisory lock") << u"SELECT pg_advisory_lock(42)"_s << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("try advisory lock") << u"SELECT pg_try_advisory_lock($1)"_s
                                       << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("shared lock") << u"SELECT pg_advisory_lock_shared(1, 2)"_s
                                 << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("qualified lock") << u"SELECT pg_catalog.pg_advisory_lock(7)"_s
                                    << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("upper case lock") << u"SELECT PG_ADVISORY_LOCK(7)"_s << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("unlock") << u"SELECT pg_advisory_unlock(42)"_s << QStringList {u"session-advisory-unlock"_s};
    QTest::newRow("unlock all") << u"SELECT pg_advisory_unlock_all()"_s << QStringList {u"session-advisory-unlock"_s};
    QTest::newRow("xact lock") << u"SELECT pg_advisory_xact_lock(42)"_s << QStringList {u"xact-advisory-lock"_s};
    QTest::newRow("try xact lock") << u"SELECT pg_try_advisory_xact_lock_shared(42)"_s
                                   << QStringList {u"xact-advisory-lock"_s};
    QTest::newRow("lock in where") << u"UPDATE jobs SET locked = true WHERE pg_try_advisory_lock(id)"_s
                                   << QStringList {u"session-advisory-lock"_s};
    QTest::newRow("set_config false") << u"SELECT set_config('search_path', 'x', false)"_s
                                      << QStringList {u"set-config-session"_s};
    QTest::newRow("set_config true") << u"SELECT set_config('app.shop', $1, true)"_s
                                     << QStringList {u"set-config-local"_s};
    QTest::newRow("set_config param") << u"SELECT set_config('app.shop', $1, $2)"_s
                                      << QStringList {u"set-config-unknown-scope"_s};
    QTest::newRow("set_config string false")
        << u"SELECT set_config('a.b', 'x', 'false')"_s << QStringList {u"set-config-session"_s};
    QTest::newRow("pg_notify") << u"SELECT pg_notify('jobs', 'x')"_s << QStringList {u"pg-notify"_s};
    QTest::newRow("currval") << u"SELECT currval('items_id_seq')"_s << QStringList {u"sequence-session-value"_s};
    QTest::newRow("plain select") << u"SELECT now(), count(*) FROM items"_s << QStringList {};
    QTest::newRow("two locks") << u"SELECT pg_advisory_lock(1), pg_advisory_xact_lock(2)"_s
                               << QStringList {u"session-advisory-lock"_s, u"xact-advisory-lock"_s};
    QTest::newRow("set_config with cast")
        << u"SELECT set_config('a.b', 'x', false::boolean)"_s << QStringList {u"set-config-session"_s};
    QTest::newRow("set_config integer") << u"SELECT set_config('a.b', 'x', 1)"_s << QStringList {u"set-config-local"_s};
    QTest::newRow("lock in subquery") << u"SELECT * FROM (SELECT pg_advisory_lock(id) FROM jobs) AS s"_s
                                      << QStringList {u"session-advisory-lock"_s};
    // The tree keeps the WITH clause after the target list; calls come in the order they are written.
    QTest::newRow("calls in written order") << u"WITH x AS (SELECT pg_advisory_unlock(1)) SELECT pg_advisory_lock(2)"_s
                                            << QStringList {u"session-advisory-unlock"_s, u"session-advisory-lock"_s};
    QTest::newRow("nested calls") << u"SELECT pg_advisory_lock(currval('s'))"_s
                                  << QStringList {u"session-advisory-lock"_s, u"sequence-session-value"_s};
}

void TestSqlClassifier::calls()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, calls);
    const SqlParseResult result = parseSql(sql);
    QVERIFY(result.ok());
    QCOMPARE(result.statements.size(), 1);
    QStringList actual;
    for (const SqlCall &call : result.statements.first().calls)
        actual << callKindId(call.kind);
    QCOMPARE(actual, calls);
}

void TestSqlClassifier::splitsStatements()
{
    const SqlParseResult result
        = parseSql(QStringLiteral("SET search_path TO x; SET LOCAL statement_timeout = 5; LISTEN jobs; NOTIFY jobs"));
    QVERIFY(result.ok());
    QCOMPARE(result.statements.size(), 4);
    QCOMPARE(result.statements.at(0).kind, StatementKind::SessionSet);
    QCOMPARE(result.statements.at(1).kind, StatementKind::LocalSet);
    QCOMPARE(result.statements.at(2).kind, StatementKind::Listen);
    QCOMPARE(result.statements.at(3).kind, StatementKind::Notify);
    QCOMPARE(result.statements.at(2).text, QStringLiteral("LISTEN jobs"));
    QCOMPARE(result.statements.at(0).parseNode, QStringLiteral("VariableSetStmt"));
    QCOMPARE(result.statements.at(2).parseNode, QStringLiteral("ListenStmt"));
    QVERIFY(keepsSessionState(result.statements.at(0).kind));
    QVERIFY(!keepsSessionState(result.statements.at(1).kind));
    QVERIFY(keepsSessionState(result.statements.at(2).kind));
    QVERIFY(!keepsSessionState(result.statements.at(3).kind));
}

void TestSqlClassifier::reportsParseErrorPosition()
{
    const SqlParseResult result = parseSql(QStringLiteral("SELECT 1; SELEC 2"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error->position, 11);
    QVERIFY2(result.error->message.contains(u"SELEC"), qPrintable(result.error->message));
    QVERIFY(result.statements.isEmpty());

    const SqlParseResult withNul = parseSql(QByteArray("SELECT 1;\0 LISTEN x", 19));
    QVERIFY(!withNul.ok());
    QCOMPARE(withNul.error->position, 10);
}

void TestSqlClassifier::keepsOffsetsInUtf8Text()
{
    // Offsets are bytes; the statement text must still come out whole around multi-byte characters.
    const SqlParseResult result = parseSql(QStringLiteral("SELECT 'größe'; LISTEN kanal_ä"));
    QVERIFY(result.ok());
    QCOMPARE(result.statements.size(), 2);
    QCOMPARE(result.statements.at(1).text, QStringLiteral("LISTEN kanal_ä"));
    QCOMPARE(result.statements.at(1).subject, QStringLiteral("kanal_ä"));
}

void TestSqlClassifier::readsFunctionBodies()
{
    // After the CREATE FUNCTION itself, what its body runs, each at the byte where it is written.
    const QByteArray sql = "SELECT 1;\n"
                           "CREATE FUNCTION f(t text) RETURNS void LANGUAGE plpgsql AS $$\n"
                           "DECLARE x text;\n"
                           "BEGIN\n"
                           "  PERFORM pg_advisory_lock(1);\n"
                           "  UNLISTEN *;\n"
                           "  x := set_config('role', t, false);\n"
                           "  EXECUTE 'LISTEN ' || quote_ident(t);\n"
                           "  SELECT 1 INTO t; -- nothing to report\n"
                           "END $$;";
    const SqlParseResult result = parseSql(sql);
    QVERIFY(result.ok());
    QCOMPARE(result.statements.size(), 6);
    QCOMPARE(result.statements.at(1).parseNode, u"CreateFunctionStmt"_s);

    const SqlStatement &perform = result.statements.at(2);
    QCOMPARE(perform.calls.size(), 1);
    QCOMPARE(perform.calls.first().kind, CallKind::SessionAdvisoryLock);
    QCOMPARE(perform.calls.first().location, int(sql.indexOf("pg_advisory_lock")));
    QCOMPARE(perform.text, u"PERFORM pg_advisory_lock(1)"_s); // as written, not as the parser reads it

    const SqlStatement &unlisten = result.statements.at(3);
    QCOMPARE(unlisten.kind, StatementKind::Unlisten);
    QCOMPARE(unlisten.location, int(sql.indexOf("UNLISTEN")));
    QVERIFY(!unlisten.dynamic);

    const SqlStatement &assignment = result.statements.at(4);
    QCOMPARE(assignment.calls.size(), 1);
    QCOMPARE(assignment.calls.first().kind, CallKind::SetConfigSession);
    QCOMPARE(assignment.calls.first().argument, u"role"_s);
    QCOMPARE(assignment.calls.first().location, int(sql.indexOf("set_config")));
    QCOMPARE(assignment.text, u"x := set_config('role', t, false)"_s);

    // Built at run time: the constant part tells what it is, the rest is unknown.
    const SqlStatement &dynamic = result.statements.at(5);
    QCOMPARE(dynamic.kind, StatementKind::Listen);
    QVERIFY(dynamic.dynamic);
    QVERIFY(dynamic.subject.isEmpty());
    QCOMPARE(dynamic.location, int(sql.indexOf("'LISTEN ")));
    QCOMPARE(dynamic.text, u"EXECUTE 'LISTEN ' || quote_ident(t)"_s);
}

void TestSqlClassifier::followsBodiesTwoLevelsDeep()
{
    // A DO block that EXECUTEs a DO block is read (the inner DO itself holds nothing to report,
    // its PERFORM does); one more level is not. Nothing loops.
    const QByteArray twoLevels = "DO $a$ BEGIN EXECUTE 'DO $b$ BEGIN PERFORM pg_advisory_lock(1); END $b$'; END $a$";
    const SqlParseResult two = parseSql(twoLevels);
    QVERIFY(two.ok());
    QCOMPARE(two.statements.size(), 2);
    QCOMPARE(two.statements.at(1).calls.size(), 1);
    const QByteArray threeLevels = "DO $a$ BEGIN EXECUTE 'DO $b$ BEGIN EXECUTE ''DO $c$ BEGIN PERFORM "
                                   "pg_advisory_lock(1); END $c$''; END $b$'; END $a$";
    const SqlParseResult three = parseSql(threeLevels);
    QVERIFY(three.ok());
    QCOMPARE(three.statements.size(), 1);
}

QTEST_GUILESS_MAIN(TestSqlClassifier)
#include "tst_sqlclassifier.moc"
