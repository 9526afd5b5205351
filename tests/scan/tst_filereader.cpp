#include "scan/filereader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace poolproof;
using namespace Qt::StringLiterals;

// The scan's file reader on real files: whole contents, the size limit, errors, and a buffer that
// is reused from a large file to a small one without showing stale bytes.
class TestFileReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWholeFilesIntoAReusedBuffer();
    void emptyFile();
    void overTheLimit();
    void missingFileAndFolder();
    void fileChangedSinceTheWalk();
    void folderReplacedBetweenReads();
#ifdef Q_OS_UNIX
    void fifoDoesNotBlock();
#endif

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

QString TestFileReader::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestFileReader::readsWholeFilesIntoAReusedBuffer()
{
    QByteArray large;
    for (int i = 0; i < 20000; ++i)
        large += "line " + QByteArray::number(i) + '\n';
    const QString largePath = write(u"large.ts"_s, large);
    const QString smallPath = write(u"small.ts"_s, "SET x = 1;\n");

    FileReader reader;
    QCOMPARE(reader.read(largePath, 1024 * 1024), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView(large));
    QCOMPARE(reader.read(smallPath, 1024 * 1024), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView("SET x = 1;\n"));
    QCOMPARE(reader.status(), FileReader::Status::Ok);
    reader.clear();
    QCOMPARE(reader.status(), FileReader::Status::Empty);
    QVERIFY(reader.bytes().isEmpty());
}

void TestFileReader::emptyFile()
{
    FileReader reader;
    QCOMPARE(reader.read(write(u"empty.py"_s, {}), 100), FileReader::Status::Ok);
    QVERIFY(reader.bytes().isEmpty());
}

void TestFileReader::overTheLimit()
{
    const QString path = write(u"big.sql"_s, QByteArray(101, 'x'));
    FileReader reader;
    QCOMPARE(reader.read(path, 100), FileReader::Status::TooLarge);
    QVERIFY(reader.bytes().isEmpty());
    // Exactly at the limit is fine.
    QCOMPARE(reader.read(path, 101), FileReader::Status::Ok);
    QCOMPARE(reader.bytes().size(), 101);
}

void TestFileReader::missingFileAndFolder()
{
    FileReader reader;
    QCOMPARE(reader.read(m_dir.filePath(u"missing.ts"_s), 100), FileReader::Status::Unreadable);
    QVERIFY(!reader.errorString().isEmpty());
    QVERIFY(reader.bytes().isEmpty());
    QCOMPARE(reader.read(m_dir.path(), 100), FileReader::Status::Unreadable);
    QVERIFY(!reader.errorString().isEmpty());
}

void TestFileReader::folderReplacedBetweenReads()
{
    // The reader keeps the last file's folder open: files in other folders, and a folder made
    // anew under the same name, must still be read from where their paths point now.
    QVERIFY(QDir(m_dir.path()).mkpath(u"a"_s) && QDir(m_dir.path()).mkpath(u"b"_s));
    FileReader reader;
    QCOMPARE(reader.read(write(u"a/one.sql"_s, "one"), 100), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView("one"));
    QCOMPARE(reader.read(write(u"b/two.sql"_s, "two"), 100), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView("two"));
    QCOMPARE(reader.read(write(u"b/three.sql"_s, "three"), 100), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView("three"));
    QVERIFY(QDir(m_dir.filePath(u"b"_s)).removeRecursively());
    QVERIFY(QDir(m_dir.path()).mkpath(u"b"_s));
    QCOMPARE(reader.read(write(u"b/three.sql"_s, "new three"), 100), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView("new three"));
    QVERIFY(QFile::remove(m_dir.filePath(u"b/three.sql"_s)));
    QCOMPARE(reader.read(m_dir.filePath(u"b/three.sql"_s), 100), FileReader::Status::Unreadable);
    QCOMPARE(reader.errorString(), u"No such file or directory"_s);
    QCOMPARE(reader.read(u"relative-name-that-is-not-there.sql"_s, 100), FileReader::Status::Unreadable);
}

void TestFileReader::fileChangedSinceTheWalk()
{
    // The walk saw another size than the file has now: the reader trusts the file, not the walk.
    FileReader reader;
    const QByteArray grown(5000, 'g');
    QCOMPARE(reader.read(write(u"grown.sql"_s, grown), 1024 * 1024, 10), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView(grown));
    const QByteArray shrunk = "SET x = 1;";
    QCOMPARE(reader.read(write(u"shrunk.sql"_s, shrunk), 1024 * 1024, 4000), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView(shrunk));
    QCOMPARE(reader.read(write(u"was-empty.sql"_s, shrunk), 1024 * 1024, 0), FileReader::Status::Ok);
    QCOMPARE(reader.bytes(), QByteArrayView(shrunk));
    // Grown past the limit since the walk: still refused.
    QCOMPARE(reader.read(write(u"over.sql"_s, grown), 1000, 500), FileReader::Status::TooLarge);
}

#ifdef Q_OS_UNIX
void TestFileReader::fifoDoesNotBlock()
{
    // A listed file replaced by a FIFO with no writer: an answer at once, not a hung worker.
    const QString path = m_dir.filePath(u"queue.sql"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    FileReader reader;
    const FileReader::Status status = reader.read(path, 1024, 100);
    QVERIFY(status == FileReader::Status::Ok || status == FileReader::Status::Unreadable);
    QVERIFY(reader.bytes().isEmpty());
}
#endif

QTEST_GUILESS_MAIN(TestFileReader)
#include "tst_filereader.moc"
