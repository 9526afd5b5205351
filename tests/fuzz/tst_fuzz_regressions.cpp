#include "fuzztargets.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Entry = int (*)(const std::uint8_t *, std::size_t);

struct FuzzTarget {
    QString name;
    Entry entry;
};

const FuzzTarget targets[] = {
    {u"fuzz_lexer"_s, poolproof::fuzz::lexerOneInput},
    {u"fuzz_sqlextract"_s, poolproof::fuzz::sqlExtractOneInput},
    {u"fuzz_url"_s, poolproof::fuzz::urlOneInput},
    {u"fuzz_projectfile"_s, poolproof::fuzz::projectFileOneInput},
};

} // namespace

// Every input a fuzzer ever crashed on (tests/fuzz/regressions/<target>/) and the seed corpus
// (tests/fuzz/corpus/<target>/), replayed through the same entry points with the normal build. A
// broken invariant aborts the test, as it aborts the fuzzer.
class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTargetHasSeeds();
    void replay_data();
    void replay();
};

void TestFuzzRegressions::everyTargetHasSeeds()
{
    for (const FuzzTarget &target : targets) {
        const QDir corpus(QStringLiteral(POOLPROOF_FUZZ_DIR) + u"/corpus/"_s + target.name);
        QVERIFY2(corpus.entryList(QDir::Files).size() >= 5, qPrintable(target.name));
    }
}

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    for (int i = 0; i < int(std::size(targets)); ++i) {
        for (const QString &kind : {u"regressions"_s, u"corpus"_s}) {
            const QString folder = QStringLiteral(POOLPROOF_FUZZ_DIR) + u'/' + kind + u'/' + targets[i].name;
            QDirIterator it(folder, QDir::Files | QDir::Hidden);
            while (it.hasNext()) {
                const QString path = it.next();
                if (it.fileName() == u"README.md")
                    continue;
                QTest::newRow(qPrintable(targets[i].name + u'/' + kind + u'/' + it.fileName())) << i << path;
            }
        }
    }
}

void TestFuzzRegressions::replay()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    QCOMPARE(targets[target].entry(reinterpret_cast<const std::uint8_t *>(input.constData()), size_t(input.size())), 0);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
