#include "scan/statprefetch.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace poolproof;
using namespace Qt::StringLiterals;

// The cache of what is on disk that the walk fills while git lists: on a real tree, each entry
// must say what lstat() says, links are never followed, and an early stop leaves a usable part.
class TestStatPrefetch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void agreesWithLstat();
    void skipsExcludedFoldersAndKeepsLinksAsLinks();
    void earlyStopKeepsWhatItFound();
    void missingRoot();

private:
    void write(const QString &relative, const QByteArray &content);
    QScopedPointer<QTemporaryDir> m_dir;
};

void TestStatPrefetch::init()
{
    m_dir.reset(new QTemporaryDir);
    QVERIFY(m_dir->isValid());
}

void TestStatPrefetch::write(const QString &relative, const QByteArray &content)
{
    const QString path = m_dir->filePath(relative);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

void TestStatPrefetch::agreesWithLstat()
{
    write(u"src/app.ts"_s, "const x = 1;\n");
    write(u"src/deep/er/query.sql"_s, QByteArray(5000, 'x'));
    write(u"empty.py"_s, {});
    write(u"Straße/übersicht.rb"_s, "puts 1\n");
    QVERIFY(QDir().mkpath(m_dir->filePath(u"empty-folder"_s)));
    StatPrefetch prefetch(m_dir->path(), {});
    prefetch.start();
    prefetch.waitForDone();

    int files = 0;
    QDirIterator it(m_dir->path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir root(m_dir->path());
    while (it.hasNext()) {
        const QString absolute = it.next();
        const QString relative = root.relativeFilePath(absolute);
        const std::optional<PathKind> found = prefetch.find(relative);
        QVERIFY2(found, qPrintable(relative));
        const PathKind expected = pathKind(absolute);
        QCOMPARE(found->kind, expected.kind);
        if (expected.kind == PathKind::Regular) {
            QCOMPARE(found->size, expected.size);
            ++files;
        }
    }
    QCOMPARE(files, 4);
    QCOMPARE(prefetch.find(u"src/deep/er/query.sql"_s)->size, 5000);
    QCOMPARE(prefetch.find(u"src"_s)->kind, PathKind::Folder);
    QVERIFY(!prefetch.find(u"src/missing.ts"_s));
    QVERIFY(!prefetch.find(u"/src/app.ts"_s)); // keys are relative
}

void TestStatPrefetch::skipsExcludedFoldersAndKeepsLinksAsLinks()
{
    write(u"node_modules/pg/index.js"_s, "module.exports = {};\n");
    write(u"lib/node_modules/x.js"_s, "1;\n");
    write(u"app/db.ts"_s, "SET x;\n");
#ifdef Q_OS_UNIX
    QVERIFY(QFile::link(m_dir->filePath(u"app"_s), m_dir->filePath(u"app/loop"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"app/db.ts"_s), m_dir->filePath(u"link.ts"_s)));
    QCOMPARE(::mkfifo(QFile::encodeName(m_dir->filePath(u"queue"_s)).constData(), 0600), 0);
#endif
    StatPrefetch prefetch(m_dir->path(), {u"node_modules"_s});
    prefetch.start();
    prefetch.waitForDone();
    QCOMPARE(prefetch.find(u"node_modules"_s)->kind, PathKind::Folder); // seen, not entered
    QVERIFY(!prefetch.find(u"node_modules/pg"_s));
    QVERIFY(!prefetch.find(u"node_modules/pg/index.js"_s));
    QVERIFY(!prefetch.find(u"lib/node_modules/x.js"_s));
    QCOMPARE(prefetch.find(u"app/db.ts"_s)->kind, PathKind::Regular);
#ifdef Q_OS_UNIX
    QCOMPARE(prefetch.find(u"app/loop"_s)->kind, PathKind::SymbolicLink);
    QVERIFY(!prefetch.find(u"app/loop/db.ts"_s)); // the loop was not followed
    QCOMPARE(prefetch.find(u"link.ts"_s)->kind, PathKind::SymbolicLink);
    QCOMPARE(prefetch.find(u"queue"_s)->kind, PathKind::Other);
#endif
}

void TestStatPrefetch::earlyStopKeepsWhatItFound()
{
    for (int i = 0; i < 400; ++i)
        write(u"m%1/f%2.ts"_s.arg(i % 20).arg(i), "x\n");
    StatPrefetch prefetch(m_dir->path(), {});
    prefetch.start();
    prefetch.stop();
    QVERIFY(prefetch.size() <= 420); // 400 files and 20 folders at most
    // Whatever it did record is right; the rest is simply unknown.
    for (int i = 0; i < 400; ++i) {
        const std::optional<PathKind> found = prefetch.find(u"m%1/f%2.ts"_s.arg(i % 20).arg(i));
        if (found) {
            QCOMPARE(found->kind, PathKind::Regular);
            QCOMPARE(found->size, 2);
        }
    }
    prefetch.stop(); // twice is harmless
}

void TestStatPrefetch::missingRoot()
{
    StatPrefetch prefetch(m_dir->filePath(u"gone"_s), {});
    prefetch.start();
    prefetch.waitForDone();
    QCOMPARE(prefetch.size(), 0);
    QVERIFY(!prefetch.find(u"anything"_s));
}

QTEST_GUILESS_MAIN(TestStatPrefetch)
#include "tst_statprefetch.moc"
