#include "report/outputfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace poolproof;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Report files are replaced whole, keep what made them what they are (mode, links), and leave
// nothing behind when a write fails.
class TestOutputFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void writesANewFileWithTheUsualMode();
    void replacesAndKeepsTheMode();
    void followsALinkAndKeepsIt();
    void writesToADeviceWithoutReplacingIt();
    void failsWithTheCauseAndLeavesNothing();
    void writesInPieces();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOutputFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestOutputFile::writesANewFileWithTheUsualMode()
{
    const QString path = m_dir->filePath(u"report.json"_s);
    const mode_t mask = ::umask(022);
    QString error;
    const bool written = writeOutputFile(path, "{\"a\":1}\n", &error);
    ::umask(mask);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(contents(path), QByteArray("{\"a\":1}\n"));
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0644));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"report.json"_s});
}

void TestOutputFile::replacesAndKeepsTheMode()
{
    const QString path = m_dir->filePath(u"DATABASE.md"_s);
    QString error;
    QVERIFY2(writeOutputFile(path, QByteArray(100000, 'x'), &error), qPrintable(error));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY2(writeOutputFile(path, "short\n", &error), qPrintable(error));
    QCOMPARE(contents(path), QByteArray("short\n"));
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"DATABASE.md"_s});
}

void TestOutputFile::followsALinkAndKeepsIt()
{
    const QString target = m_dir->filePath(u"real.json"_s);
    const QString link = m_dir->filePath(u"latest.json"_s);
    QString error;
    QVERIFY2(writeOutputFile(target, "old", &error), qPrintable(error));
    QVERIFY(QFile::link(target, link));
    QVERIFY2(writeOutputFile(link, "new", &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(target), QByteArray("new"));
}

void TestOutputFile::writesToADeviceWithoutReplacingIt()
{
    QString error;
    QVERIFY2(writeOutputFile(u"/dev/null"_s, "anything", &error), qPrintable(error));
    QVERIFY(QFileInfo(u"/dev/null"_s).exists());
    QVERIFY(!QFileInfo(u"/dev/null"_s).isFile());
}

void TestOutputFile::failsWithTheCauseAndLeavesNothing()
{
    QString error;
    QVERIFY(!writeOutputFile(u"/nonexistent/dir/report.json"_s, "x", &error));
    QCOMPARE(error, u"No such file or directory"_s);

    // A write that fails half way (over the file size limit, which binds root too): the old
    // report stays as it was, and no temporary file is left.
    const QString path = m_dir->filePath(u"report.json"_s);
    QVERIFY(writeOutputFile(path, "old", &error));
    struct rlimit limit {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &limit), 0);
    const auto previousSignal = ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = limit;
    small.rlim_cur = 4096;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool written = writeOutputFile(path, QByteArray(100000, 'x'), &error);
    ::setrlimit(RLIMIT_FSIZE, &limit);
    ::signal(SIGXFSZ, previousSignal);
    QVERIFY(!written);
    QCOMPARE(error, u"File too large"_s);
    QCOMPARE(contents(path), QByteArray("old"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"report.json"_s});
    QVERIFY(QFile::remove(path));

    // A device that refuses the bytes.
    QVERIFY(!writeOutputFile(u"/dev/full"_s, "x", &error));
    QVERIFY(!error.isEmpty());

    // A folder where the report should go: not replaced, and the cause named.
    const QString folderTarget = m_dir->filePath(u"taken"_s);
    QVERIFY(QDir().mkpath(folderTarget));
    QVERIFY(!writeOutputFile(folderTarget, "x", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(folderTarget).isDir());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {});
}

void TestOutputFile::writesInPieces()
{
    const QString path = m_dir->filePath(u"report.json"_s);
    QString error;
    QVERIFY(writeOutputFile(path, "old", &error));
    {
        OutputFile file(path);
        QVERIFY(file.open());
        QVERIFY(file.write("{\"a\":"));
        QVERIFY(file.write(QByteArray(70000, '1')));
        // Until commit() the old report is what readers see.
        QCOMPARE(contents(path), QByteArray("old"));
        QVERIFY(file.write("}\n"));
        QVERIFY2(file.commit(), qPrintable(file.errorString()));
    }
    QCOMPARE(contents(path), "{\"a\":" + QByteArray(70000, '1') + "}\n");
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"report.json"_s});

    // Given up half way (the writer hit a problem of its own): the old report stays, nothing else.
    {
        OutputFile file(path);
        QVERIFY(file.open());
        QVERIFY(file.write("half a rep"));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }
    QCOMPARE(contents(path), "{\"a\":" + QByteArray(70000, '1') + "}\n");
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"report.json"_s});

    // A device in pieces: written to, and its refusal reported.
    OutputFile null(u"/dev/null"_s);
    QVERIFY(null.open() && null.write("a") && null.write("b") && null.commit());
    OutputFile full(u"/dev/full"_s);
    QVERIFY(full.open());
    QVERIFY(!(full.write("x") && full.commit()));
    QVERIFY(!full.errorString().isEmpty());
    QVERIFY(QFileInfo(u"/dev/full"_s).exists() && !QFileInfo(u"/dev/full"_s).isFile());
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
