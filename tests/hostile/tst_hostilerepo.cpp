#include "hostiletree.h"

#include "scan/scanengine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMultiHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

using namespace poolproof;
using namespace Qt::StringLiterals;

namespace {

// The scan of the whole tree must stay below this, whatever the tree holds.
constexpr qint64 peakMemoryLimitKiB = 500 * 1024;
constexpr int scanTimeoutMs = 15 * 60 * 1000;
// Root reads every file whatever its mode; the scan then runs as this user so that mode 000
// really refuses (util-linux's setpriv drops the privileges).
constexpr int unprivilegedId = 65534; // nobody / nogroup

} // namespace

// A repository built to hurt the scanner, scanned with the real command line program: the scan
// has to finish, name everything it skipped and why, and keep its memory bounded.
class TestHostileRepo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cliScanSurvivesAndReportsEverySkip();
    void folderVanishingDuringTheScanBecomesNotes();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    QString m_root;
    HostileTree m_tree;
};

void TestHostileRepo::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(u"repo"_s);
    QVERIFY(QDir().mkpath(m_root));
    QVERIFY(QDir().mkpath(m_dir.filePath(u"home"_s)));
    // Everyone may enter the temporary folder, so that an unprivileged scan reaches the tree.
    QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ExeOther | QFile::ReadOther);

    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(m_tree.write(m_root, &error), qPrintable(error));
    qInfo("hostile tree written in %.1f s", double(timer.elapsed()) / 1000);
}

void TestHostileRepo::cleanupTestCase()
{
    m_tree.restorePermissions(m_root);
}

void TestHostileRepo::cliScanSurvivesAndReportsEverySkip()
{
    QStringList command {
        QStringLiteral(POOLPROOF_CLI), u"scan"_s, m_root, u"--format"_s, u"json"_s, u"--fail-on"_s, u"none"_s};
    const bool dropPrivileges = ::geteuid() == 0;
    if (dropPrivileges) {
        command = QStringList {u"setpriv"_s, u"--reuid=%1"_s.arg(unprivilegedId), u"--regid=%1"_s.arg(unprivilegedId),
                               u"--clear-groups"_s, u"--"_s}
            + command;
    }
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH", u"/usr/bin:/bin"_s));
    environment.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"POOLPROOF_LANGUAGE"_s, u"en"_s);

    QProcess scan;
    scan.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    const QString program = command.takeFirst();
    scan.start(program, command);
    QVERIFY2(scan.waitForFinished(scanTimeoutMs), "the scan of the hostile tree did not finish");
    const double seconds = double(timer.elapsed()) / 1000;
    const QByteArray errors = scan.readAllStandardError();
    QCOMPARE(scan.exitStatus(), QProcess::NormalExit);
    QVERIFY2(scan.exitCode() == 0, errors.constData());

    // Peak memory of the scan: the largest resident set among the children this test waited for
    // (only the scan, and the git it runs, have been children of this process so far).
    rusage usage {};
    QCOMPARE(::getrusage(RUSAGE_CHILDREN, &usage), 0);
    const qint64 peakKiB = usage.ru_maxrss;
    qInfo("hostile scan: %.1f s, peak resident memory %lld MiB%s", seconds, peakKiB / 1024,
          dropPrivileges ? " (as an unprivileged user)" : "");
    QVERIFY2(peakKiB < peakMemoryLimitKiB, qPrintable(u"peak memory %1 MiB"_s.arg(peakKiB / 1024)));

    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(scan.readAllStandardOutput(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonObject summary = report.value(u"summary").toObject();
    QVERIFY2(summary.value(u"filesScanned").toInt() >= HostileTree::wideFolders * HostileTree::filesPerFolder,
             qPrintable(QString::fromUtf8(QJsonDocument(summary).toJson())));

    // Every skip is a note with the path and a reason.
    QMultiHash<QString, QString> kindsByPath;
    QStringList wholeScanNotes;
    for (const QJsonValue &value : report.value(u"notes").toArray()) {
        const QJsonObject note = value.toObject();
        QVERIFY2(!note.value(u"message").toString().isEmpty(), qPrintable(note.value(u"path").toString()));
        if (note.value(u"path").toString().isEmpty())
            wholeScanNotes << note.value(u"message").toString();
        else
            kindsByPath.insert(note.value(u"path").toString(), note.value(u"kind").toString());
    }
    const auto expectNote = [&](const QString &path, const QString &kind) {
        QVERIFY2(kindsByPath.values(path).contains(kind),
                 qPrintable(path + u": expected a \""_s + kind + u"\" note, got: "_s
                            + kindsByPath.values(path).join(u", ")));
    };
    for (const QString &link : std::as_const(m_tree.symbolicLinks))
        expectNote(link, u"symbolic-link"_s);
    expectNote(m_tree.hugeFile, u"too-large"_s);
    for (const QString &binary : std::as_const(m_tree.binaryFiles))
        expectNote(binary, u"binary"_s);
    expectNote(m_tree.invalidUtf8File, u"invalid-utf8"_s);
    if (dropPrivileges || ::geteuid() != 0) {
        expectNote(m_tree.unreadableFile, u"unreadable"_s);
        // git cannot list a folder it may not open: it says so, and the scan passes that on.
        const bool folderNamed
            = std::any_of(wholeScanNotes.cbegin(), wholeScanNotes.cend(),
                          [&](const QString &message) { return message.contains(m_tree.unreadableFolder); })
            || !kindsByPath.values(m_tree.unreadableFolder).isEmpty();
        QVERIFY2(folderNamed, qPrintable(wholeScanNotes.join(u'\n')));
    }

    // What could be read was checked, wherever it was and whatever its name.
    QSet<QString> pathsWithFindings;
    for (const QJsonValue &value : report.value(u"findings").toArray())
        pathsWithFindings.insert(value.toObject().value(u"path").toString());
    QVERIFY2(pathsWithFindings.contains(m_tree.deepFile), "the file 1,000 folders down was not checked");
    QVERIFY(pathsWithFindings.contains(m_tree.invalidUtf8File));
    for (const QString &name : std::as_const(m_tree.strangeNames))
        QVERIFY2(pathsWithFindings.contains(name), qPrintable(name));
    for (const QString &binary : std::as_const(m_tree.binaryFiles))
        QVERIFY2(!pathsWithFindings.contains(binary), qPrintable(binary));
    QVERIFY(!pathsWithFindings.contains(m_tree.hugeFile));
    for (const QString &path : std::as_const(pathsWithFindings))
        QVERIFY2(!path.startsWith(u"loops/"), qPrintable(path));
}

void TestHostileRepo::folderVanishingDuringTheScanBecomesNotes()
{
    ScanOptions options;
    options.root = m_root;
    // The breadth and depth were the other test's business; this one is about the vanishing folder.
    options.walk.excludes = {u"wide"_s, u"deep"_s, u"huge"_s};
    bool removed = false;
    ScanObserver observer;
    // The first progress report comes after the listing and before any file is read.
    observer.progress = [&](const ScanProgress &) {
        if (!removed)
            removed = QDir(m_root + u'/' + m_tree.vanishingFolder).removeRecursively();
    };
    const ScanResult result = runScan(options, observer);
    QVERIFY(result.error.isEmpty());
    QVERIFY(removed);

    int vanished = 0;
    for (const ScanNote &note : result.notes) {
        if (note.path.startsWith(m_tree.vanishingFolder + u'/')) {
            QCOMPARE(note.kind, ScanNote::Kind::Unreadable);
            QVERIFY2(!note.message.isEmpty(), qPrintable(note.path));
            ++vanished;
        }
    }
    QCOMPARE(vanished, 200);
    for (const Finding &finding : result.findings)
        QVERIFY2(!finding.location.path.startsWith(m_tree.vanishingFolder + u'/'), qPrintable(finding.location.path));
}

QTEST_GUILESS_MAIN(TestHostileRepo)
#include "tst_hostilerepo.moc"
