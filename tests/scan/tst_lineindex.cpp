#include "scan/lineindex.h"

#include <QRandomGenerator>
#include <QTest>

using namespace poolproof;

// Lines and columns of byte offsets, asked in any order (the index grows only as far as each
// question needs): every answer must be the one a plain count from the start gives.
class TestLineIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersLikeACountFromTheStart();
    void edges();
};

namespace {

struct Expected {
    int line;
    int column;
};

Expected countFromStart(const QByteArray &text, qsizetype offset)
{
    Expected at {1, 1};
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((uchar(text[i]) & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

QByteArray lineOf(const QByteArray &text, int line)
{
    QList<QByteArray> lines = text.split('\n');
    QByteArray result = lines.value(line - 1);
    if (result.endsWith('\r'))
        result.chop(1);
    return result;
}

} // namespace

void TestLineIndex::answersLikeACountFromTheStart()
{
    QRandomGenerator random(20261127);
    const QByteArray pieces[] = {"\n", "\r\n", "a", "SET x = 1;", "ä", "€", "\n\n", "    "};
    for (int round = 0; round < 200; ++round) {
        QByteArray text;
        const int count = random.bounded(0, 60);
        for (int i = 0; i < count; ++i)
            text += pieces[random.bounded(int(std::size(pieces)))];
        const LineIndex index(text);
        for (int question = 0; question < 30; ++question) {
            const qsizetype offset = random.bounded(int(text.size()) + 1);
            const Expected expected = countFromStart(text, offset);
            switch (random.bounded(3)) {
            case 0: QCOMPARE(index.line(offset), expected.line); break;
            case 1: QCOMPARE(index.column(offset), expected.column); break;
            default: {
                const int line = random.bounded(1, int(text.count('\n')) + 3);
                QCOMPARE(index.lineText(line).toByteArray(), lineOf(text, line));
            }
            }
        }
        QCOMPARE(index.lineCount(), int(text.count('\n')) + 1);
    }
}

void TestLineIndex::edges()
{
    const QByteArray text = "first\r\nsecond\n\nlast";
    const LineIndex index(text);
    QCOMPARE(index.lineText(4).toByteArray(), QByteArray("last")); // far ahead first
    QCOMPARE(index.line(0), 1);
    QCOMPARE(index.line(7), 2); // the first byte of a line
    QCOMPARE(index.line(6), 1); // its line break belongs to the line before
    QCOMPARE(index.lineText(1).toByteArray(), QByteArray("first"));
    QCOMPARE(index.lineText(3).toByteArray(), QByteArray());
    QVERIFY(index.lineText(0).isNull());
    QVERIFY(index.lineText(5).isNull());
    QCOMPARE(index.line(text.size() + 10), 4);
    QCOMPARE(index.lineCount(), 4);
    const LineIndex empty(QByteArrayView {});
    QCOMPARE(empty.line(0), 1);
    QCOMPARE(empty.lineCount(), 1);
}

QTEST_GUILESS_MAIN(TestLineIndex)
#include "tst_lineindex.moc"
