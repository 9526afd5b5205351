#include "rules/rulecatalog.h"
#include "scan/dependencies.h"
#include "scan/fileanalyzer.h"
#include "scan/fragmentcache.h"
#include "scan/sqlhit.h"

#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The cheap keyword test that decides which literals and statements reach the parser, and the
// per-scan cache of analysed SQL texts.
class TestFragmentAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keywordTest_data();
    void keywordTest();
    void cachedLiteralIsTheSame_data();
    void cachedLiteralIsTheSame();
    void cachedScriptIsTheSame();
    void scriptPiecesKeepTheirOffsets();
    void unparsedScriptStatementIsNoted();
};

namespace {

QStringList describe(const AnalyzedFragment &analyzed, const QByteArray &text)
{
    QStringList lines;
    for (qsizetype i = 0; i < analyzed.statements.size(); ++i) {
        const SqlStatement &statement = analyzed.statements.at(i);
        lines << u"%1 %2 @%3 %4"_s.arg(statementKindId(statement.kind), statement.subject)
                     .arg(skipSqlTrivia(text, statement.location))
                     .arg(confidenceId(analyzed.confidences.value(i)));
        for (const SqlCall &call : statement.calls)
            lines << u"  %1 %2 @%3"_s.arg(callKindId(call.kind), call.function).arg(call.location);
    }
    return lines;
}

} // namespace

void TestFragmentAnalysis::keywordTest_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("candidate");

    QTest::newRow("set") << QByteArray("SET search_path TO x") << true;
    QTest::newRow("lower case set") << QByteArray("set search_path to x") << true;
    QTest::newRow("set after comment") << QByteArray("-- note\nSET x = 1") << true;
    QTest::newRow("set after block comment") << QByteArray("/* a */ Set x = 1") << true;
    QTest::newRow("set in update") << QByteArray("UPDATE items SET quantity = 1") << false;
    QTest::newRow("set after semicolon") << QByteArray("SELECT 1; SET x = 1") << true;
    QTest::newRow("reset") << QByteArray("RESET ALL") << true;
    QTest::newRow("listen") << QByteArray("LISTEN jobs") << true;
    QTest::newRow("unlisten") << QByteArray("unlisten *") << true;
    QTest::newRow("prepare") << QByteArray("PREPARE q AS SELECT 1") << true;
    QTest::newRow("execute") << QByteArray("EXECUTE q") << true;
    QTest::newRow("deallocate") << QByteArray("DEALLOCATE q") << true;
    QTest::newRow("discard") << QByteArray("DISCARD ALL") << true;
    QTest::newRow("declare") << QByteArray("DECLARE c CURSOR WITH HOLD FOR SELECT 1") << true;
    QTest::newRow("load") << QByteArray("LOAD 'x'") << true;
    QTest::newRow("advisory anywhere") << QByteArray("SELECT pg_advisory_lock(1)") << true;
    QTest::newRow("advisory upper case") << QByteArray("SELECT PG_TRY_ADVISORY_LOCK(1)") << true;
    QTest::newRow("advisory past 24 bytes") << QByteArray("SELECT pg_some_very_long_prefix_advisory(1)") << false;
    QTest::newRow("set_config") << QByteArray("SELECT SET_CONFIG('a', 'b', false)") << true;
    QTest::newRow("currval") << QByteArray("SELECT currval('s')") << true;
    QTest::newRow("lastval") << QByteArray("SELECT lastval()") << true;
    QTest::newRow("temp table") << QByteArray("CREATE TEMP TABLE t (a int)") << true;
    QTest::newRow("temporary select") << QByteArray("SELECT 1 INTO TEMPORARY t") << true;
    QTest::newRow("temp without create") << QByteArray("UPDATE temp SET a = 1") << false;
    QTest::newRow("create without temp") << QByteArray("CREATE TABLE t (a int)") << false;
    QTest::newRow("set inside a word") << QByteArray("offset 10") << false;
    QTest::newRow("settings") << QByteArray("settings page") << false;
    QTest::newRow("plain select") << QByteArray("SELECT id FROM items") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("in parentheses") << QByteArray("(SET x = 1)") << true;
    QTest::newRow("after other punctuation") << QByteArray(", SET x") << false;
    // Words are found sixteen bytes at a time: a byte next to the ranges of word bytes ends a
    // long word, a word byte does not (then "currval" is not a word of its own).
    const QByteArray longWord(21, 'x');
    for (const char byte : QByteArrayView("@[`{/:\x7f\x80\xff ")) {
        QTest::addRow("long word, then 0x%02x", uchar(byte)) << QByteArray(longWord + byte + "currval") << true;
    }
    for (const char byte : QByteArrayView("_Zz09aA")) {
        QTest::addRow("long word, then %c", byte) << QByteArray(longWord + byte + "currval") << false;
    }
    QTest::newRow("word of sixteen bytes") << QByteArray("abcdefghijklmnop currval") << true;
    QTest::newRow("word of seventeen bytes") << QByteArray("abcdefghijklmnopq(currval") << true;
    QTest::newRow("keyword after a long word") << QByteArray("x_very_long_identifier_name; LISTEN jobs") << true;
}

void TestFragmentAnalysis::keywordTest()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, candidate);
    QCOMPARE(mayHoldSessionSql(text), candidate);
}

void TestFragmentAnalysis::cachedLiteralIsTheSame_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("parses") << QByteArray("SELECT pg_advisory_lock($1), set_config('a', 'b', false)");
    QTest::newRow("placeholders") << QByteArray("SET search_path TO %s");
    QTest::newRow("token fallback") << QByteArray("LISTEN ${channel} garbage (");
    QTest::newRow("two statements") << QByteArray("SET a = 1; LISTEN b");
}

void TestFragmentAnalysis::cachedLiteralIsTheSame()
{
    QFETCH(QByteArray, text);
    SqlFragment fragment;
    fragment.text = text;
    const AnalyzedFragment direct = analyzeFragment(fragment);
    QVERIFY(!direct.statements.isEmpty());
    FragmentCache cache;
    const AnalyzedFragment first = analyzeFragment(fragment, &cache);
    QCOMPARE(cache.size(), 1);
    const AnalyzedFragment second = analyzeFragment(fragment, &cache);
    QCOMPARE(cache.size(), 1);
    QCOMPARE(describe(first, text), describe(direct, text));
    QCOMPARE(describe(second, text), describe(direct, text));
    QCOMPARE(second.parsed, direct.parsed);
}

void TestFragmentAnalysis::cachedScriptIsTheSame()
{
    // The same statement in two places of a script (and after different comments) is one piece.
    SqlFragment script;
    script.isScript = true;
    script.text = "CREATE TABLE t (a int);\n-- one\nSET search_path TO app;\nINSERT INTO t VALUES (1);\n"
                  "/* two */ SET search_path TO app;\nSELECT pg_advisory_lock(1);\nLISTEN \"a;b\";\n";
    FragmentCache cache;
    const AnalyzedFragment cached = analyzeFragment(script, &cache);
    QCOMPARE(cache.size(), 3);
    const AnalyzedFragment again = analyzeFragment(script, &cache);
    QCOMPARE(cache.size(), 3);
    const QStringList expected {
        u"session-set search_path @31 high"_s,
        u"session-set search_path @91 high"_s,
        u"other  @115 high"_s,
        u"  session-advisory-lock pg_advisory_lock @122"_s,
        u"listen a;b @143 high"_s,
    };
    QCOMPARE(describe(analyzeFragment(script), script.text), expected);
    QCOMPARE(describe(cached, script.text), expected);
    QCOMPARE(describe(again, script.text), expected);
}

void TestFragmentAnalysis::scriptPiecesKeepTheirOffsets()
{
    // Statements the parser rejects still come out of a script, at their place, with low confidence.
    SqlFragment script;
    script.isScript = true;
    script.text = "SELECT 1;\nLISTEN jobs garbage;\nSELECT 'x;y';\nSET LOCAL a = 1;\n";
    const AnalyzedFragment analyzed = analyzeFragment(script);
    QCOMPARE(describe(analyzed, script.text), (QStringList {u"listen jobs @10 low"_s, u"local-set a @45 high"_s}));
    QVERIFY(!analyzed.parsed);
}

void TestFragmentAnalysis::unparsedScriptStatementIsNoted()
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const ProjectDependencies dependencies;
    const FileAnalyzer analyzer(catalog, catalog.defaultProfile(), dependencies, 1 << 24);

    const FileResult broken
        = analyzer.analyzeText(u"db/001_jobs.sql"_s, "CREATE TABLE jobs (id int);\nLISTEN jobs garbage;\n");
    QCOMPARE(broken.notes.size(), 1);
    QCOMPARE(broken.notes.first().kind, ScanNote::Kind::SqlNotParsed);
    QCOMPARE(broken.notes.first().path, u"db/001_jobs.sql"_s);
    QVERIFY2(broken.notes.first().message.contains(u"garbage"), qPrintable(broken.notes.first().message));
    QCOMPARE(broken.findings.size(), 1);
    QCOMPARE(broken.findings.first().location.line, 2);
    QCOMPARE(broken.findings.first().confidence, Confidence::Low);

    // Statements that hold nothing a rule watches are never parsed, so they raise no note.
    const FileResult quiet
        = analyzer.analyzeText(u"db/002_odd.sql"_s, "CREATE TABLE jobs (id int) garbage;\nLISTEN jobs;\n");
    QVERIFY(quiet.notes.isEmpty());
    QCOMPARE(quiet.findings.size(), 1);
    QCOMPARE(quiet.findings.first().confidence, Confidence::High);
}

QTEST_GUILESS_MAIN(TestFragmentAnalysis)
#include "tst_fragmentanalysis.moc"
