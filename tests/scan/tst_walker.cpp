#include "rules/rulecatalog.h"
#include "scan/fileanalyzer.h"
#include "scan/repositorywalker.h"
#include "scan/scanengine.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace poolproof;
using namespace Qt::StringLiterals;

// Real files on disk: ignore rules through git, default excludes, and every kind of bad input.
class TestWalker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void honoursGitignoreOutsideARepository();
    void honoursGitRepository();
    void defaultAndUserExcludes();
    void survivesBadInput();
    void vanishedFileBecomesANote();
    void missingRoot();

private:
    void write(const QString &relative, const QByteArray &content);
    QStringList listed(const WalkResult &result) const;
    QString noteFor(const WalkResult &result, const QString &path) const;
    QScopedPointer<QTemporaryDir> m_dir;
};

void TestWalker::init()
{
    m_dir.reset(new QTemporaryDir);
    QVERIFY(m_dir->isValid());
}

void TestWalker::write(const QString &relative, const QByteArray &content)
{
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

QStringList TestWalker::listed(const WalkResult &result) const
{
    QStringList paths;
    for (const SourceFile &file : result.files)
        paths << file.relativePath;
    return paths;
}

QString TestWalker::noteFor(const WalkResult &result, const QString &path) const
{
    for (const ScanNote &note : result.notes) {
        if (note.path == path)
            return scanNoteKindId(note.kind);
    }
    return {};
}

void TestWalker::honoursGitignoreOutsideARepository()
{
    write(u".gitignore"_s, "*.log\ngenerated/\n");
    write(u"src/app.ts"_s, "x");
    write(u"debug.log"_s, "x");
    write(u"generated/schema.ts"_s, "x");
    write(u"src/.gitignore"_s, "local.ts\n");
    write(u"src/local.ts"_s, "x");
    const WalkResult result = walkRepository(m_dir->path());
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(listed(result), (QStringList {u".gitignore"_s, u"src/.gitignore"_s, u"src/app.ts"_s}));
}

void TestWalker::honoursGitRepository()
{
    write(u"a.ts"_s, "x");
    write(u"b.ts"_s, "x");
    write(u"tracked.log"_s, "x");
    write(u".gitignore"_s, "*.log\n");
    QProcess git;
    git.setWorkingDirectory(m_dir->path());
    git.start(u"git"_s, {u"init"_s, u"-q"_s});
    QVERIFY(git.waitForFinished());
    QCOMPARE(git.exitCode(), 0);
    // Tracked despite the ignore rule: git lists it, and so do we.
    git.start(u"git"_s, {u"add"_s, u"-f"_s, u"tracked.log"_s});
    QVERIFY(git.waitForFinished());
    QCOMPARE(git.exitCode(), 0);
    write(u".git/info/exclude"_s, "b.ts\n");
    const WalkResult result = walkRepository(m_dir->path());
    QCOMPARE(listed(result), (QStringList {u".gitignore"_s, u"a.ts"_s, u"tracked.log"_s}));
}

void TestWalker::defaultAndUserExcludes()
{
    write(u"node_modules/pg/index.js"_s, "x");
    write(u"vendor/lib.rb"_s, "x");
    write(u"public/app.min.js"_s, "x");
    write(u"src/keep.ts"_s, "x");
    write(u"src/legacy/old.ts"_s, "x");
    WalkOptions options;
    options.excludes = {u"legacy"_s};
    QCOMPARE(listed(walkRepository(m_dir->path(), options)), QStringList {u"src/keep.ts"_s});
    options.excludes.clear();
    options.useDefaultExcludes = false;
    QCOMPARE(listed(walkRepository(m_dir->path(), options)).size(), 5);
}

void TestWalker::survivesBadInput()
{
    write(u"ok.ts"_s, "await c.query('LISTEN jobs');\n");
    write(u"binary.ts"_s, QByteArray("LISTEN jobs\0\x01\x02", 14));
    write(u"big.sql"_s, QByteArray(4096, ' ') + "LISTEN jobs;\n");
    write(u"latin1.ts"_s,
          "// Gr\xfc\xdf"
          "e\nawait c.query('LISTEN jobs');\n");
    QVERIFY(QFile::link(m_dir->path(), m_dir->filePath(u"loop"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"ok.ts"_s), m_dir->filePath(u"alias.ts"_s)));
    QCOMPARE(::mkfifo(QFile::encodeName(m_dir->filePath(u"pipe.sql"_s)).constData(), 0600), 0);

    ScanOptions options;
    options.root = m_dir->path();
    options.walk.maxFileSize = 2048;
    const ScanResult result = runScan(options);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QStringList found;
    for (const Finding &finding : result.findings)
        found << finding.location.path + u' ' + finding.ruleId;
    // The readable files are scanned, the invalid UTF-8 one included.
    QCOMPARE(found, (QStringList {u"latin1.ts PB110"_s, u"ok.ts PB110"_s}));
    QStringList notes;
    for (const ScanNote &note : result.notes)
        notes << note.path + u' ' + scanNoteKindId(note.kind);
    QVERIFY2(notes.contains(u"binary.ts binary"_s), qPrintable(notes.join(u", ")));
    QVERIFY2(notes.contains(u"big.sql too-large"_s), qPrintable(notes.join(u", ")));
    QVERIFY2(notes.contains(u"latin1.ts invalid-utf8"_s), qPrintable(notes.join(u", ")));
    QVERIFY2(notes.contains(u"loop symbolic-link"_s), qPrintable(notes.join(u", ")));
    QVERIFY2(notes.contains(u"alias.ts symbolic-link"_s), qPrintable(notes.join(u", ")));
    // git does not list FIFOs at all; what matters is that nothing blocked on it.
    QVERIFY(!found.join(u' ').contains(u"pipe"));
}

void TestWalker::vanishedFileBecomesANote()
{
    write(u"gone.ts"_s, "await c.query('LISTEN jobs');\n");
    const WalkResult walk = walkRepository(m_dir->path());
    QCOMPARE(walk.files.size(), 1);
    QVERIFY(QFile::remove(m_dir->filePath(u"gone.ts"_s)));
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const FileAnalyzer analyzer(catalog, catalog.defaultProfile(), {}, 1 << 20);
    const FileResult result = analyzer.analyze(walk.files.first());
    QVERIFY(result.findings.isEmpty());
    QCOMPARE(result.notes.size(), 1);
    QCOMPARE(result.notes.first().kind, ScanNote::Kind::Unreadable);
    QVERIFY2(result.notes.first().message.contains(u"cannot be read"), qPrintable(result.notes.first().message));
}

void TestWalker::missingRoot()
{
    const WalkResult result = walkRepository(m_dir->filePath(u"nope"_s));
    QVERIFY2(result.error.contains(u"does not exist"), qPrintable(result.error));
    write(u"file.ts"_s, "x");
    QVERIFY(walkRepository(m_dir->filePath(u"file.ts"_s)).error.contains(u"is not a folder"));
}

QTEST_GUILESS_MAIN(TestWalker)
#include "tst_walker.moc"
