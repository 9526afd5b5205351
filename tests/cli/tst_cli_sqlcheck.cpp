#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real poolproof-cli binary, as a user would.
class TestCliSqlCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printsVersion();
    void tellsStatementsApart();
    void jsonOutput();
    void parseErrorExitsWithTwo();
    void noSqlIsAUsageError();
    void unknownCommand();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QStringList &arguments);
};

TestCliSqlCheck::Run TestCliSqlCheck::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"POOLPROOF_LANGUAGE"_s, u"en"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestCliSqlCheck::printsVersion()
{
    const Run r = run({u"--version"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(u"poolproof-cli 0."), qPrintable(r.out));
}

void TestCliSqlCheck::tellsStatementsApart()
{
    const Run r
        = run({u"sql-check"_s, u"SET search_path TO x; SET LOCAL statement_timeout = 5; LISTEN jobs; NOTIFY jobs"_s});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.at(0), u"1: SET search_path TO x"_s);
    QVERIFY2(lines.at(1).startsWith(u"   session-set (search_path): session-level SET"), qPrintable(lines.at(1)));
    QCOMPARE(lines.at(2), u"2: SET LOCAL statement_timeout = 5"_s);
    QVERIFY2(lines.at(3).startsWith(u"   local-set (statement_timeout): transaction-local"), qPrintable(lines.at(3)));
    QVERIFY2(lines.at(5).startsWith(u"   listen (jobs):"), qPrintable(lines.at(5)));
    QVERIFY2(lines.at(7).startsWith(u"   notify (jobs):"), qPrintable(lines.at(7)));
}

void TestCliSqlCheck::jsonOutput()
{
    const Run r = run(
        {u"sql-check"_s, u"--format"_s, u"json"_s, u"SELECT pg_advisory_xact_lock(1); SELECT pg_advisory_lock(2)"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray statements = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"statements").toArray();
    QCOMPARE(statements.size(), 2);
    const QJsonObject first = statements.at(0).toObject().value(u"calls").toArray().at(0).toObject();
    const QJsonObject second = statements.at(1).toObject().value(u"calls").toArray().at(0).toObject();
    QCOMPARE(first.value(u"kind").toString(), u"xact-advisory-lock"_s);
    QCOMPARE(first.value(u"keepsSessionState").toBool(), false);
    QCOMPARE(second.value(u"kind").toString(), u"session-advisory-lock"_s);
    QCOMPARE(second.value(u"keepsSessionState").toBool(), true);
}

void TestCliSqlCheck::parseErrorExitsWithTwo()
{
    const Run r = run({u"sql-check"_s, u"SELECT 1; SELEC 2"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"syntax error at or near \"SELEC\""), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"position 11"), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"\n            ^"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCliSqlCheck::noSqlIsAUsageError()
{
    const Run r = run({u"sql-check"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"no SQL given"), qPrintable(r.err));
}

void TestCliSqlCheck::unknownCommand()
{
    const Run r = run({u"frobnicate"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"unknown command \"frobnicate\""), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliSqlCheck)
#include "tst_cli_sqlcheck.moc"
