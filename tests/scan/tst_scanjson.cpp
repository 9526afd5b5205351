#include "report/chunkedwrite.h"
#include "report/sarif.h"
#include "report/scanjson.h"
#include "rules/rulecatalog.h"
#include "scan/scanresult.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The scan's hand-written JSON against Qt's own writer and reader, and the findings' order.
class TestScanJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bytesReadBackAsQtWritesThem_data();
    void bytesReadBackAsQtWritesThem();
    void manyFindingsKeepTheirOrder();
    void piecesAreTheSameBytes();
    void chunksComeInOrder();
    void sarifPiecesAreTheWholeDocument();
    void finalizeSortsAnyOrderTheSameWay();
    void fingerprintsKeepTheirDefinition_data();
    void fingerprintsKeepTheirDefinition();
};

namespace {

Finding finding(const QString &path, int line, const QString &ruleId, const QString &text)
{
    Finding f;
    f.ruleId = ruleId;
    f.severity = Severity::Error;
    f.location = {path, line, 3, line, 3};
    f.snippet = text;
    f.subject = text;
    f.message = u"message: "_s + text;
    f.fix = u"fix"_s;
    return f;
}

} // namespace

void TestScanJson::bytesReadBackAsQtWritesThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"SET search_path TO app"_s;
    QTest::newRow("quotes and backslashes") << u"say \"hi\" \\ 'there' \\\\"_s;
    QTest::newRow("control characters") << u"a\nb\rc\td\x01"
                                           u"e\x1f"
                                           u"f\x7f"_s;
    QTest::newRow("two-byte UTF-8") << u"Größe, café, ñ"_s;
    QTest::newRow("three-byte UTF-8") << u"ALTER ROLE … SET; 数据库 €"_s;
    QTest::newRow("surrogate pair, then escapes") << u"emoji 😀 then \"quote\"\nand\x02"_s;
    QTest::newRow("lone high surrogate") << (u"before "_s + QChar(0xd83d) + u" after \"x\""_s);
    QTest::newRow("lone low surrogate") << (u"before "_s + QChar(0xde00) + u"\t"_s);
    QTest::newRow("empty") << QString();
    // Texts long enough for the eight-unit blocks, with what ends a block at every lane.
    QTest::newRow("long plain") << u"SELECT pg_advisory_lock(42) FROM tenants WHERE id = $1"_s;
    for (int lane = 0; lane < 8; ++lane) {
        for (const QChar special : {QChar(u'"'), QChar(u'\\'), QChar(u'\n'), QChar(0x7f), QChar(0x80), QChar(0x8000),
                                    QChar(0xfffd), QChar(0x1f)}) {
            QString text = u"abcdefghijklmnopqrstuvwx"_s;
            text[8 + lane] = special;
            QTest::addRow("lane %d of a block: U+%04x", lane, special.unicode()) << text;
        }
    }
}

void TestScanJson::bytesReadBackAsQtWritesThem()
{
    QFETCH(QString, text);
    const auto resultWith = [](const QString &value) {
        ScanResult result;
        result.root = u"/repo"_s;
        result.findings = {finding(u"src/a.py"_s, 1, u"PB101"_s, value)};
        result.findings.first().suppressed = true;
        result.findings.first().suppressionReason = value;
        result.findings.first().environment = value;
        result.findings.first().fingerprint = u"0123456789abcdef0123456789abcdef"_s;
        return result;
    };
    QJsonParseError error;
    const QJsonDocument written = QJsonDocument::fromJson(scanResultToJsonBytes(resultWith(text), u"1.0"_s), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    // Text goes out as UTF-8: a stray surrogate becomes what QString::toUtf8() makes of it.
    const QJsonObject expected = scanResultToJson(resultWith(QString::fromUtf8(text.toUtf8())), u"1.0"_s);
    QCOMPARE(written.object().value(u"findings"), expected.value(u"findings"));
    QCOMPARE(written.object(), expected);
}

void TestScanJson::manyFindingsKeepTheirOrder()
{
    // More findings than one chunk of the parallel writer, so that the chunks must be joined.
    ScanResult result;
    for (int i = 0; i < 5000; ++i)
        result.findings.append(
            finding(u"src/f%1.py"_s.arg(i / 3, 5, 10, QChar(u'0')), i % 3 + 1, u"PB101"_s, u"statement %1 …"_s.arg(i)));
    const QJsonArray findings
        = QJsonDocument::fromJson(scanResultToJsonBytes(result, u"1.0"_s)).object().value(u"findings").toArray();
    QCOMPARE(findings.size(), result.findings.size());
    for (qsizetype i = 0; i < findings.size(); ++i)
        QCOMPARE(findings.at(i).toObject(), findingToJson(result.findings.at(i)));
}

void TestScanJson::piecesAreTheSameBytes()
{
    ScanResult result;
    for (int i = 0; i < 3000; ++i)
        result.findings.append(finding(u"src/f%1.ts"_s.arg(i), 1, u"PB120"_s, u"pg_advisory_lock(%1)"_s.arg(i)));
    result.notes.append({ScanNote::Kind::Binary, u"logo.png"_s, u"skipped: binary content (NUL bytes)"_s});
    QByteArray joined;
    int pieces = 0;
    QVERIFY(writeScanResultJson(result, u"1.0"_s, [&](QByteArrayView part) {
        joined += part;
        ++pieces;
        return true;
    }));
    QVERIFY(pieces >= 4); // the head, three chunks of findings, the tail
    QCOMPARE(joined, scanResultToJsonBytes(result, u"1.0"_s));

    // A writer that refuses a piece stops the rest; the chunks still being rendered are waited
    // for, not left reading a result that is about to go.
    int offered = 0;
    QVERIFY(!writeScanResultJson(result, u"1.0"_s, [&](QByteArrayView) { return ++offered < 2; }));
    QCOMPARE(offered, 2);
}

void TestScanJson::chunksComeInOrder()
{
    // Chunks that take very different times to render still reach the writer in order, each
    // whole, with a buffer that is emptied before it serves again.
    std::atomic<bool> reusedDirty {false}; // checked here: QTest's checks belong to this thread
    const auto render = [&reusedDirty](qsizetype begin, qsizetype end, QByteArray &out) {
        if (!out.isEmpty())
            reusedDirty = true;
        if (begin % 3 == 0)
            QThread::msleep(5);
        for (qsizetype i = begin; i < end; ++i)
            out += QByteArray::number(i) + ' ';
    };
    QByteArray written;
    int pieces = 0;
    QVERIFY(writeInChunks(1000, 7, render, [&](QByteArrayView part) {
        written += part;
        ++pieces;
        return true;
    }));
    QCOMPARE(pieces, 143);
    QByteArray expected;
    for (int i = 0; i < 1000; ++i)
        expected += QByteArray::number(i) + ' ';
    QCOMPARE(written, expected);
    QVERIFY(!reusedDirty);
    QVERIFY(writeInChunks(0, 7, render, [](QByteArrayView) { return false; })); // nothing to refuse
}

void TestScanJson::sarifPiecesAreTheWholeDocument()
{
    // Written result by result in pieces, the SARIF document must be the very bytes Qt writes for
    // the whole document at once: with no findings, one, and several chunks' worth, suppressed
    // ones and text that needs escaping among them.
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const QStringList rules {u"PB101"_s, u"PB120"_s, u"PB130"_s, u"PB900"_s};
    for (const int count : {0, 1, 1300}) {
        ScanResult result;
        result.profileId = u"pgbouncer-1.24"_s;
        for (int i = 0; i < count; ++i) {
            Finding f = finding(u"src/f%1.ts"_s.arg(i), i % 7 + 1, rules.at(i % rules.size()),
                                u"SET search_path TO \"t%1\" — ü\t\\"_s.arg(i));
            f.fingerprint = u"%1"_s.arg(i, 32, 16, QChar(u'0'));
            f.confidence = i % 3 ? Confidence::High : Confidence::Low;
            f.suppressed = i % 11 == 0;
            f.suppressionReason = f.suppressed ? u"reviewed"_s : QString();
            result.findings.append(f);
        }
        QByteArray pieces;
        int count_ = 0;
        QVERIFY(writeScanResultSarif(result, catalog, u"1.0"_s, [&](QByteArrayView part) {
            pieces += part;
            ++count_;
            return true;
        }));
        const QByteArray whole
            = QJsonDocument(scanResultToSarif(result, catalog, u"1.0"_s)).toJson(QJsonDocument::Indented);
        QCOMPARE(pieces, whole);
        if (count > 600)
            QVERIFY(count_ >= 4); // the frame's two halves and three chunks
    }
    // A writer that gives up stops the rest.
    ScanResult result;
    for (int i = 0; i < 2000; ++i)
        result.findings.append(finding(u"a.sql"_s, i + 1, u"PB101"_s, u"SET x = 1"_s));
    int offered = 0;
    QVERIFY(!writeScanResultSarif(result, catalog, u"1.0"_s, [&](QByteArrayView) { return ++offered < 3; }));
    QCOMPARE(offered, 3);
}

void TestScanJson::finalizeSortsAnyOrderTheSameWay()
{
    QList<Finding> findings;
    for (int file = 0; file < 40; ++file) {
        for (int line = 1; line <= 5; ++line) {
            findings.append(finding(u"dir/file%1.sql"_s.arg(file), line, u"PB110"_s, u"LISTEN a"_s));
            findings.append(finding(u"dir/file%1.sql"_s.arg(file), line, u"PB101"_s, u"SET a = 1"_s));
        }
    }
    // The same statement twice in a file: the ordinal tells the fingerprints apart.
    findings.append(finding(u"dir/file3.sql"_s, 9, u"PB101"_s, u"SET a = 1"_s));
    findings.append(finding(u"dir/file3.sql"_s, 10, u"PB101"_s, u"SET a = 1"_s));

    QList<Finding> shuffled = findings;
    std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
    // As a scan hands them over: most in order, a few at the end.
    QList<Finding> mostlySorted = findings;
    std::sort(mostlySorted.begin(), mostlySorted.end(), [](const Finding &a, const Finding &b) {
        return std::tie(a.location.path, a.location.line, a.ruleId)
            < std::tie(b.location.path, b.location.line, b.ruleId);
    });
    std::rotate(mostlySorted.begin(), mostlySorted.begin() + 7, mostlySorted.end());

    finalizeFindings(shuffled);
    finalizeFindings(mostlySorted);
    QCOMPARE(shuffled, mostlySorted);
    for (qsizetype i = 1; i < shuffled.size(); ++i) {
        const Finding &a = shuffled.at(i - 1);
        const Finding &b = shuffled.at(i);
        QVERIFY(std::tie(a.location.path, a.location.line, a.location.column, a.ruleId)
                < std::tie(b.location.path, b.location.line, b.location.column, b.ruleId));
        QVERIFY(!b.fingerprint.isEmpty());
    }
    QSet<QString> fingerprints;
    for (const Finding &f : std::as_const(shuffled))
        fingerprints.insert(f.fingerprint);
    QCOMPARE(fingerprints.size(), shuffled.size());
}

void TestScanJson::fingerprintsKeepTheirDefinition_data()
{
    QTest::addColumn<QString>("snippet");
    QTest::addColumn<QString>("subject");
    QTest::newRow("plain") << u"SET search_path TO tenant;"_s << u"search_path"_s;
    QTest::newRow("whitespace runs and ends") << u" \t SET  search_path\n\r TO\v\ftenant;  \t"_s << u""_s;
    QTest::newRow("only whitespace") << u" \t\n "_s << u""_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("non-breaking and em spaces") << u"SET\u00a0a\u2003=\u20031 \u0085"_s << u"a"_s;
    QTest::newRow("non-ASCII text") << u"SET application_name = 'café 数据库'"_s << u"application_name"_s;
    QTest::newRow("surrogate pair") << u"LISTEN 😀"_s << u"😀"_s;
    QTest::newRow("lone surrogate") << (u"LISTEN "_s + QChar(0xd83d)) << (u"x"_s + QChar(0xde00));
    QTest::newRow("control bytes") << u"SET a = 1\x01\x1f;"_s << u"\x1f"_s;
}

void TestScanJson::fingerprintsKeepTheirDefinition()
{
    // Baselines compare these digests across versions: SHA-256 of rule, path, simplified
    // snippet, subject, environment and ordinal, joined by 0x1f, the first 16 bytes in hex.
    QFETCH(QString, snippet);
    QFETCH(QString, subject);
    QList<Finding> findings;
    for (int copy = 0; copy < 2; ++copy) {
        Finding f = finding(u"src/ünïcode/a.ts"_s, 4 + copy, u"PB101"_s, snippet);
        f.subject = subject;
        f.environment = copy ? u"staging"_s : QString();
        findings.append(f);
        findings.append(f); // the same again: ordinal 1
        findings.last().location.column = 9;
    }
    finalizeFindings(findings);
    QHash<QByteArray, int> seen;
    for (const Finding &f : std::as_const(findings)) {
        QByteArray key = f.ruleId.toUtf8() + '\x1f' + f.location.path.toUtf8() + '\x1f'
            + f.snippet.simplified().toUtf8() + '\x1f' + f.subject.toUtf8() + '\x1f' + f.environment.toUtf8();
        key += '\x1f' + QByteArray::number(seen[key]++);
        const QString expected
            = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32));
        QCOMPARE(f.fingerprint, expected);
    }
}

QTEST_GUILESS_MAIN(TestScanJson)
#include "tst_scanjson.moc"
