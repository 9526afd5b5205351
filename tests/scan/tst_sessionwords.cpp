#include "scan/sessionwords.h"
#include "scan/sqlhit.h"

#include <QRandomGenerator>
#include <QTest>

using namespace poolproof;

namespace {

const QList<QByteArray> words {"set",     "temp",    "load",    "advisory",   "listen",  "lastval",
                               "prepare", "execute", "declare", "deallocate", "discard", "currval"};

// What the filter must answer, written the obvious way.
bool reference(QByteArrayView text)
{
    const QByteArray lower = text.toByteArray().toLower();
    return std::any_of(words.cbegin(), words.cend(), [&](const QByteArray &word) { return lower.contains(word); });
}

} // namespace

// The filter in front of the keyword test: it may say yes where the test says no, never the
// other way round, and its block-wise search must agree with the plain one at every position.
class TestSessionWords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownTexts_data();
    void knownTexts();
    void everyWordAtEveryPosition();
    void rangesReadOutsideButDecideInside();
    void agreesWithReferenceOnRandomText();
    void manyRangesAtOnceAsOneByOne();
    void neverHidesWhatTheKeywordTestFinds_data();
    void neverHidesWhatTheKeywordTestFinds();
};

void TestSessionWords::knownTexts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("mentions");
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("two bytes") << QByteArray("se") << false;
    QTest::newRow("just set") << QByteArray("SET") << true;
    QTest::newRow("mixed case") << QByteArray("sElEcT 1; LiStEn x") << true;
    QTest::newRow("inside a word") << QByteArray("onReset") << true;
    QTest::newRow("select only") << QByteArray("SELECT id, name FROM items WHERE shop_id = $1") << false;
    QTest::newRow("items is not temp") << QByteArray("DELETE FROM items WHERE id = 1") << false;
    QTest::newRow("temporary") << QByteArray("CREATE TEMPORARY TABLE t (id int)") << true;
    QTest::newRow("advisory function") << QByteArray("SELECT pg_try_advisory_lock(42)") << true;
    QTest::newRow("split by a line break") << QByteArray("SE\nT x = 1") << false;
    QTest::newRow("word at the very end of a long text") << QByteArray(40, 'x') + "currval" << true;
    QTest::newRow("word cut by the end") << QByteArray(40, 'x') + "currva" << false;
    QTest::newRow("non-ASCII around") << QByteArray("caf\xc3\xa9 DEALLOCATE \xe2\x80\x94") << true;
    QTest::newRow("no letters") << QByteArray(100, '\0') << false;
}

void TestSessionWords::knownTexts()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, mentions);
    QCOMPARE(mentionsSessionWord(text), mentions);
    QCOMPARE(mentionsSessionWordPortable(text), mentions);
}

void TestSessionWords::everyWordAtEveryPosition()
{
    // Every offset within and across the 16- and 32-byte blocks, in texts shorter and longer than
    // one block, in lower and upper case; and the same texts with the word's last byte changed.
    for (const QByteArray &word : words) {
        for (int length = int(word.size()); length <= 72; ++length) {
            for (int at = 0; at + word.size() <= length; ++at) {
                QByteArray text(length, '.');
                text.replace(at, word.size(), at % 2 ? word.toUpper() : word);
                QVERIFY2(mentionsSessionWord(text), text.constData());
                QVERIFY2(mentionsSessionWordPortable(text), text.constData());
                text[at + word.size() - 1] = '#';
                QVERIFY2(!mentionsSessionWord(text), text.constData());
                QVERIFY2(!mentionsSessionWordPortable(text), text.constData());
            }
        }
    }
}

void TestSessionWords::rangesReadOutsideButDecideInside()
{
    // A literal's value inside its file: words around the range do not count, words inside do,
    // and a word that the range cuts does not.
    const QByteArray file = "LISTEN a; x = 'item-shop'; y = 'SET search_path TO t'; LOAD 'z'";
    const qsizetype first = file.indexOf("item-shop");
    QVERIFY(!mentionsSessionWord(file, first, first + 9));
    const qsizetype second = file.indexOf("SET search_path");
    QVERIFY(mentionsSessionWord(file, second, second + 20));
    QVERIFY(!mentionsSessionWord(file, second + 1, second + 20)); // "ET search_path TO t"
    QVERIFY(!mentionsSessionWord(file, second, second + 2)); // "SE"
    QVERIFY(!mentionsSessionWord(file, 0, 0));
    QVERIFY(mentionsSessionWord(file, file.size() - 8, file.size())); // "LOAD 'z'"
    QVERIFY(!mentionsSessionWord(file, file.size() - 3, file.size()));
    // Buffers shorter than one block.
    const QByteArray tiny = "x listen";
    QVERIFY(mentionsSessionWord(tiny, 2, tiny.size()));
    QVERIFY(!mentionsSessionWord(tiny, 3, tiny.size()));
    QVERIFY(!mentionsSessionWord(tiny, 2, tiny.size() - 1));
}

void TestSessionWords::agreesWithReferenceOnRandomText()
{
    QRandomGenerator random(20261127); // fixed: a failure can be reproduced
    // Letters of the words, in both cases, so that near misses and hits are common.
    const QByteArray alphabet = "setmploadvisrycunxSETMPLOADVISRYCUNX _";
    for (int round = 0; round < 20000; ++round) {
        QByteArray buffer(random.bounded(0, 110), Qt::Uninitialized);
        for (char &c : buffer)
            c = alphabet[random.bounded(int(alphabet.size()))];
        const qsizetype begin = buffer.isEmpty() ? 0 : random.bounded(int(buffer.size()) + 1);
        const qsizetype end = begin + random.bounded(int(buffer.size() - begin) + 1);
        const QByteArrayView range = QByteArrayView(buffer).sliced(begin, end - begin);
        const bool expected = reference(range);
        QCOMPARE(mentionsSessionWord(buffer, begin, end), expected);
        QCOMPARE(mentionsSessionWord(range), expected);
        QCOMPARE(mentionsSessionWordPortable(range), expected);
    }
}

void TestSessionWords::manyRangesAtOnceAsOneByOne()
{
    // Ranges of one buffer in any order, overlapping, empty, at both ends.
    QRandomGenerator random(20261128);
    const QByteArray alphabet = "setmploadvisrycunxSETMPLOADVISRYCUNX _'\"";
    for (int round = 0; round < 500; ++round) {
        QByteArray buffer(random.bounded(0, 300), Qt::Uninitialized);
        for (char &c : buffer)
            c = alphabet[random.bounded(int(alphabet.size()))];
        std::vector<ByteRange> ranges(size_t(random.bounded(0, 40)));
        for (ByteRange &range : ranges) {
            range.begin = random.bounded(int(buffer.size()) + 1);
            range.end = range.begin + random.bounded(int(buffer.size() - range.begin) + 1);
        }
        // Every form of the search this processor has, each on its own.
        for (const SessionWordsSimd widest : {SessionWordsSimd::None, SessionWordsSimd::Ssse3, SessionWordsSimd::Avx2}) {
            const std::vector<char> mentions = rangesMentioningSessionWords(buffer, ranges, widest);
            QCOMPARE(mentions.size(), ranges.size());
            for (size_t i = 0; i < ranges.size(); ++i) {
                const QByteArrayView range
                    = QByteArrayView(buffer).sliced(ranges[i].begin, ranges[i].end - ranges[i].begin);
                QCOMPARE(bool(mentions[i]), reference(range));
            }
        }
    }
}

void TestSessionWords::neverHidesWhatTheKeywordTestFinds_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<bool>("mayHold");
    QTest::newRow("set") << QByteArray("SET search_path TO tenant") << true;
    QTest::newRow("reset") << QByteArray("reset all") << true;
    QTest::newRow("set_config") << QByteArray("SELECT set_config('a', 'b', false)") << true;
    QTest::newRow("unlisten") << QByteArray("UNLISTEN *") << true;
    QTest::newRow("lastval") << QByteArray("SELECT lastval()") << true;
    QTest::newRow("temp with create") << QByteArray("CREATE TEMP TABLE t (id int)") << true;
    QTest::newRow("advisory") << QByteArray("SELECT pg_advisory_unlock_all()") << true;
    QTest::newRow("update set") << QByteArray("UPDATE items SET quantity = 1") << false;
    QTest::newRow("plain select") << QByteArray("SELECT 1") << false;
    QTest::newRow("comment only") << QByteArray("-- SET x\nSELECT 1") << false;
}

void TestSessionWords::neverHidesWhatTheKeywordTestFinds()
{
    QFETCH(QByteArray, sql);
    QFETCH(bool, mayHold);
    QCOMPARE(mayHoldSessionSql(sql), mayHold);
    const QByteArray inFile = "x = \"" + sql + "\";";
    QCOMPARE(mayHoldSessionSql(inFile, 5, 5 + sql.size()), mayHold);
}

QTEST_GUILESS_MAIN(TestSessionWords)
#include "tst_sessionwords.moc"
