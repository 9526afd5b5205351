#include "scan/bytesearch.h"

#include <QRandomGenerator>
#include <QTest>

using namespace poolproof;

// findBytes must answer exactly as QByteArrayView::indexOf: every start position, needles at the
// very end of the text, repeated first and last bytes, and texts shorter than one block.
class TestByteSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownCases();
    void agreesWithIndexOfOnRandomText();
};

void TestByteSearch::knownCases()
{
    QCOMPARE(findBytes("await client.prepare(sql)", ".prepare"), 12);
    QCOMPARE(findBytes("short", "shorter"), -1);
    QCOMPARE(findBytes("", "ab"), -1);
    QCOMPARE(findBytes("abc", ""), 0);
    QCOMPARE(findBytes("0123456789abcdef0123456789abcdef-- poolproof-ignore", "poolproof-ignore"), 35);
    QCOMPARE(findBytes("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aab"), 32);
    QCOMPARE(findBytes("name name name name name name", "name", 1), 5);
    QCOMPARE(findBytes("name", "name", 4), -1);
    // A match in the second half of a 32-byte block, and one found only by the narrower blocks
    // and the tail after the wide ones.
    QCOMPARE(findBytes(QByteArray(QByteArray(40, 'x') + ".listen("), ".listen"), 40);
    QCOMPARE(findBytes(QByteArray(QByteArray(20, 'x') + ".listen"), ".listen"), 20);
    QVERIFY(containsBytes("const q = { name: 'x', text: 'y' };", "text"));
    QVERIFY(!containsBytes("const q = { name: 'x' };", "text"));
}

void TestByteSearch::agreesWithIndexOfOnRandomText()
{
    QRandomGenerator random(20261127); // fixed: a failure can be reproduced
    for (int round = 0; round < 6000; ++round) {
        // A small alphabet makes partial matches common.
        QByteArray text(random.bounded(0, 200), Qt::Uninitialized);
        for (char &c : text)
            c = "abn.e"[random.bounded(5)];
        QByteArray needle(random.bounded(1, 7), Qt::Uninitialized);
        for (char &c : needle)
            c = "abn.e"[random.bounded(5)];
        // Every other round a longer needle taken from the text, so that it is found.
        if (round % 2 && text.size() > 2) {
            const int start = random.bounded(int(text.size()) - 1);
            needle = text.mid(start, random.bounded(2, 40));
        }
        const qsizetype from = random.bounded(0, int(text.size()) + 2);
        QCOMPARE(findBytes(text, needle, from), QByteArrayView(text).indexOf(needle, from));
        QCOMPARE(findBytes(text, needle), QByteArrayView(text).indexOf(needle));
        QCOMPARE(findBytesSse2(text, needle, from), QByteArrayView(text).indexOf(needle, from));
    }
}

QTEST_GUILESS_MAIN(TestByteSearch)
#include "tst_bytesearch.moc"
