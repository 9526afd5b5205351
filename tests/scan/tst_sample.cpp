#include "scan/scanengine.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The bundled sample backend lists every intended finding and every look-alike in its
// EXPECTED.md; the scan must match it exactly.
class TestSample : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void findingsMatchExpected();
    void lookAlikesStaySilent();
    void namedStatementsFlipWithProfile();
    void everyRowPointsAtItsCode();

private:
    struct Row {
        QString file;
        int line = 0;
        QString rule;
        QStringList code; // the `quoted` texts of the description
    };
    static QList<Row> readTable(const QString &markdown, const QString &heading, bool withRule);
    QList<Row> m_expected;
    QList<Row> m_silent;
    ScanResult m_result;
};

QList<TestSample::Row> TestSample::readTable(const QString &markdown, const QString &heading, bool withRule)
{
    QList<Row> rows;
    const qsizetype start = markdown.indexOf(u"## "_s + heading);
    if (start < 0)
        return rows;
    const qsizetype end = markdown.indexOf(u"\n## "_s, start + 3);
    const QStringList lines = markdown.mid(start, end < 0 ? -1 : end - start).split(u'\n');
    for (const QString &line : lines) {
        if (!line.startsWith(u'|') || line.startsWith(u"| File") || line.startsWith(u"| ---")
            || line.startsWith(u"|---"))
            continue;
        const QStringList cells = line.split(u'|');
        if (cells.size() < 4)
            continue;
        const QString description = cells.at(withRule ? 4 : 3);
        static const QRegularExpression quoted(u"`([^`]+)`"_s);
        QStringList code;
        for (const QRegularExpressionMatch &match : quoted.globalMatch(description))
            code.append(match.captured(1));
        Row row {cells.at(1).trimmed(), cells.at(2).trimmed().toInt(), withRule ? cells.at(3).trimmed() : QString(),
                 code};
        if (!row.file.isEmpty() && row.line > 0)
            rows.append(row);
    }
    return rows;
}

void TestSample::initTestCase()
{
    QFile expected(QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend/EXPECTED.md"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(expected.readAll());
    m_expected = readTable(markdown, u"Findings"_s, true);
    m_silent = readTable(markdown, u"Must stay silent"_s, false);
    QVERIFY(m_expected.size() >= 6);
    QVERIFY(m_silent.size() >= 10);

    ScanOptions options;
    options.root = QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend");
    m_result = runScan(options);
    QVERIFY2(m_result.error.isEmpty(), qPrintable(m_result.error));
    QVERIFY(m_result.filesScanned >= 20);
}

void TestSample::findingsMatchExpected()
{
    QStringList actual;
    for (const Finding &finding : std::as_const(m_result.findings)) {
        if (!finding.suppressed)
            actual << finding.location.path + u':' + QString::number(finding.location.line) + u' ' + finding.ruleId;
    }
    QStringList expected;
    for (const Row &row : std::as_const(m_expected))
        expected << row.file + u':' + QString::number(row.line) + u' ' + row.rule;
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

void TestSample::lookAlikesStaySilent()
{
    for (const Row &row : std::as_const(m_silent)) {
        for (const Finding &finding : std::as_const(m_result.findings)) {
            QVERIFY2(!(finding.location.path == row.file && finding.location.line == row.line),
                     qPrintable(row.file + u':' + QString::number(row.line) + u" has " + finding.ruleId));
        }
    }
}

void TestSample::namedStatementsFlipWithProfile()
{
    // Named prepared statements: fine on PgBouncer 1.24 (info), broken on Supavisor (error).
    const auto severityOf = [](const ScanResult &result, const QString &rule) {
        for (const Finding &finding : result.findings) {
            if (finding.ruleId == rule)
                return severityId(finding.severity);
        }
        return QString();
    };
    QCOMPARE(severityOf(m_result, u"PB201"_s), u"info"_s);
    ScanOptions options;
    options.root = QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend");
    options.profileId = u"supavisor"_s;
    const ScanResult supavisor = runScan(options);
    QCOMPARE(severityOf(supavisor, u"PB201"_s), u"error"_s);
    QCOMPARE(severityOf(supavisor, u"PB202"_s), u"error"_s);
}

void TestSample::everyRowPointsAtItsCode()
{
    // A row whose line number went stale would pass the checks above for the wrong reason: the
    // line it names must hold the start of the code it describes.
    for (const Row &row : m_expected + m_silent) {
        QFile file(QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend/") + row.file);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(row.file));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        QVERIFY2(row.line <= lines.size(), qPrintable(row.file));
        // Any quoted text, or any part of one around an elision ("INSERT INTO items ... ON
        // CONFLICT (sku) DO UPDATE SET"), up to an interpolation, names the line.
        bool found = false;
        for (QString code : row.code) {
            code.replace(u"…"_s, u"..."_s);
            for (QString part : code.split(u"..."_s)) {
                if (const qsizetype hole = part.indexOf(u"${"_s); hole >= 0)
                    part.truncate(hole);
                part = part.trimmed().left(12);
                found = found || (part.size() >= 3 && lines.at(row.line - 1).contains(part));
            }
        }
        QVERIFY2(found,
                 qPrintable(row.file + u':' + QString::number(row.line) + u" holds none of " + row.code.join(u", "_s)));
    }
}

QTEST_GUILESS_MAIN(TestSample)
#include "tst_sample.moc"
