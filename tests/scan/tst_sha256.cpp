#include "scan/sha256.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace poolproof;

// The fingerprints' hash against Qt's: every length around the block and padding edges, and
// random contents, must give the same digest.
class TestSha256 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownDigests();
    void sameAsQtForEveryLength();
};

void TestSha256::knownDigests()
{
    QCOMPARE(sha256("").toHex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256("abc").toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").toHex(),
             QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
}

void TestSha256::sameAsQtForEveryLength()
{
    QRandomGenerator random(20261127);
    for (int size = 0; size <= 600; ++size) {
        QByteArray data(size, Qt::Uninitialized);
        for (char &byte : data)
            byte = char(random.bounded(256));
        QCOMPARE(sha256(data), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
    }
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
