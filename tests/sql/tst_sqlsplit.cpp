#include "sql/sqlsplit.h"
#include "sql/sqltokens.h"

#include <QTest>

using namespace poolproof;

// splitAtSemicolons cuts where PostgreSQL's scanner ends statements, and nowhere else.
class TestSqlSplit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pieces_data();
    void pieces();
    void agreesWithTheScanner_data();
    void agreesWithTheScanner();
};

namespace {

QList<QByteArray> piecesOf(const QByteArray &sql)
{
    QList<QByteArray> pieces;
    for (const SqlRange &range : splitAtSemicolons(sql))
        pieces << sql.sliced(range.begin, range.end - range.begin);
    return pieces;
}

} // namespace

void TestSqlSplit::pieces_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<QList<QByteArray>>("pieces");

    QTest::newRow("empty") << QByteArray() << QList<QByteArray> {};
    QTest::newRow("one, no semicolon") << QByteArray("LISTEN a") << QList<QByteArray> {"LISTEN a"};
    QTest::newRow("two") << QByteArray("SET a = 1; LISTEN b;") << QList<QByteArray> {"SET a = 1", " LISTEN b"};
    QTest::newRow("trailing text") << QByteArray("SELECT 1;\n-- end\n") << QList<QByteArray> {"SELECT 1", "\n-- end\n"};
    QTest::newRow("quoted string") << QByteArray("SELECT 'a;b'; SELECT 2")
                                   << QList<QByteArray> {"SELECT 'a;b'", " SELECT 2"};
    QTest::newRow("doubled quote") << QByteArray("SELECT 'it''s;'; X") << QList<QByteArray> {"SELECT 'it''s;'", " X"};
    QTest::newRow("backslash in plain string")
        << QByteArray("SELECT 'a\\'; X") << QList<QByteArray> {"SELECT 'a\\'", " X"};
    QTest::newRow("escape string") << QByteArray("SELECT E'a\\';b'; X") << QList<QByteArray> {"SELECT E'a\\';b'", " X"};
    QTest::newRow("identifier ending in e")
        << QByteArray("SELECT some'a\\'; X") << QList<QByteArray> {"SELECT some'a\\'", " X"};
    QTest::newRow("quoted identifier") << QByteArray("SELECT \"a;\"\"b\"; X")
                                       << QList<QByteArray> {"SELECT \"a;\"\"b\"", " X"};
    QTest::newRow("dollar quote") << QByteArray("DO $$ BEGIN PERFORM 1; END $$; X")
                                  << QList<QByteArray> {"DO $$ BEGIN PERFORM 1; END $$", " X"};
    QTest::newRow("tagged dollar quote") << QByteArray("SELECT $fn$ a; $$ b; $fn$; X")
                                         << QList<QByteArray> {"SELECT $fn$ a; $$ b; $fn$", " X"};
    QTest::newRow("parameter is no quote")
        << QByteArray("SELECT $1; SELECT $2") << QList<QByteArray> {"SELECT $1", " SELECT $2"};
    QTest::newRow("dollar inside identifier")
        << QByteArray("SELECT a$b$; X") << QList<QByteArray> {"SELECT a$b$", " X"};
    QTest::newRow("line comment") << QByteArray("SELECT 1 -- a; b\n; X")
                                  << QList<QByteArray> {"SELECT 1 -- a; b\n", " X"};
    QTest::newRow("nested block comment")
        << QByteArray("SELECT /* a /* ; */ ; */ 1; X") << QList<QByteArray> {"SELECT /* a /* ; */ ; */ 1", " X"};
    QTest::newRow("unterminated string") << QByteArray("SELECT 1; SELECT 'a; b")
                                         << QList<QByteArray> {"SELECT 1", " SELECT 'a; b"};
    QTest::newRow("minus and slash") << QByteArray("SELECT 4 - 2 / 1; X")
                                     << QList<QByteArray> {"SELECT 4 - 2 / 1", " X"};
}

void TestSqlSplit::pieces()
{
    QFETCH(QByteArray, sql);
    QFETCH(QList<QByteArray>, pieces);
    QCOMPARE(piecesOf(sql), pieces);
}

void TestSqlSplit::agreesWithTheScanner_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::newRow("migration") << QByteArray(
        "-- header; with a semicolon\nCREATE TABLE t (a text DEFAULT 'x;y');\n"
        "SET search_path TO app;\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ "
        "LANGUAGE sql;\nCOMMENT ON TABLE t IS E'it\\'s; fine';\nLISTEN \"odd;name\";\n");
    QTest::newRow("blocks") << QByteArray("/* one; /* two; */ three; */ SELECT 1; SELECT $$;$$;");
}

void TestSqlSplit::agreesWithTheScanner()
{
    // Where the scanner finds statements, each lies in a piece of its own, starting where the
    // piece starts and ending where it ends.
    QFETCH(QByteArray, sql);
    const QList<SqlRange> scanner = splitStatements(sql);
    QVERIFY(!scanner.isEmpty());
    const QList<SqlRange> pieces = splitAtSemicolons(sql);
    for (const SqlRange &statement : scanner) {
        const auto match = std::find_if(pieces.cbegin(), pieces.cend(), [&](const SqlRange &piece) {
            return piece.begin == statement.begin && piece.end == statement.end;
        });
        QVERIFY2(match != pieces.cend(), sql.sliced(statement.begin, statement.end - statement.begin).constData());
    }
}

QTEST_GUILESS_MAIN(TestSqlSplit)
#include "tst_sqlsplit.moc"
