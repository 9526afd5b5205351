#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A program that leaves a mark when anything runs it.
QByteArray markingScript(const QString &markFolder, const QString &name)
{
    return "#!/bin/sh\ntouch '" + markFolder.toUtf8() + "/ran-" + name.toUtf8() + "'\nexit 0\n";
}

} // namespace

// An audited repository is data: no build script, package manager hook, git hook, git filter,
// fsmonitor, pager or helper its configuration names may run while PoolProof reads it. Every
// such program here leaves a mark when it runs; after every command, there must be none.
class TestNoExecution : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void marksWork();
    void commandsRunNothingFromTheRepository_data();
    void commandsRunNothingFromTheRepository();

private:
    void write(const QString &relative, const QByteArray &content, bool executable = false);
    bool git(const QStringList &arguments);
    QStringList marks() const;

    QTemporaryDir m_dir;
    QString m_root;
    QString m_marks;
};

void TestNoExecution::write(const QString &relative, const QByteArray &content, bool executable)
{
    const QString path = m_root + u'/' + relative;
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
    file.close();
    if (executable)
        QVERIFY(file.setPermissions(file.permissions() | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));
}

bool TestNoExecution::git(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_root);
    // Building the repository must not trip the traps: no hooks while it is set up.
    process.start(u"git"_s, QStringList {u"-c"_s, u"core.hooksPath=/dev/null"_s} + arguments);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QStringList TestNoExecution::marks() const
{
    return QDir(m_marks).entryList(QDir::Files | QDir::Hidden);
}

void TestNoExecution::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(u"repo"_s);
    m_marks = m_dir.filePath(u"marks"_s);
    QVERIFY(QDir().mkpath(m_root));
    QVERIFY(QDir().mkpath(m_marks));
    QVERIFY(git({u"init"_s, u"-q"_s}));
    QVERIFY(git({u"config"_s, u"user.email"_s, u"test@example.invalid"_s}));
    QVERIFY(git({u"config"_s, u"user.name"_s, u"Test"_s}));

    // Programs git's configuration could name, each in the repository and executable.
    const QStringList gitPrograms {u"fsmonitor"_s, u"pager"_s, u"editor"_s,     u"askpass"_s,
                                   u"ssh"_s,       u"clean"_s, u"smudge"_s,     u"process"_s,
                                   u"textconv"_s,  u"diff"_s,  u"credential"_s, u"gpg"_s};
    for (const QString &name : gitPrograms)
        write(u"tools/"_s + name, markingScript(m_marks, name), true);
    const QStringList hooks {
        u"pre-commit"_s,  u"post-checkout"_s,      u"post-index-change"_s, u"reference-transaction"_s,
        u"pre-auto-gc"_s, u"fsmonitor-watchman"_s, u"post-merge"_s};
    for (const QString &hook : hooks)
        write(u"tools/hooks/"_s + hook, markingScript(m_marks, u"hook-"_s + hook), true);
    const QString tools = m_root + u"/tools/"_s;
    const std::pair<QString, QString> settings[] = {
        {u"core.fsmonitor"_s, tools + u"fsmonitor"_s},
        {u"core.hooksPath"_s, tools + u"hooks"_s},
        {u"core.pager"_s, tools + u"pager"_s},
        {u"core.editor"_s, tools + u"editor"_s},
        {u"core.askPass"_s, tools + u"askpass"_s},
        {u"core.sshCommand"_s, tools + u"ssh"_s},
        {u"filter.trap.clean"_s, tools + u"clean"_s},
        {u"filter.trap.smudge"_s, tools + u"smudge"_s},
        {u"filter.trap.process"_s, tools + u"process"_s},
        {u"filter.trap.required"_s, u"true"_s},
        {u"diff.trap.textconv"_s, tools + u"textconv"_s},
        {u"diff.external"_s, tools + u"diff"_s},
        {u"credential.helper"_s, u"!"_s + tools + u"credential"_s},
        {u"gpg.program"_s, tools + u"gpg"_s},
        {u"commit.gpgSign"_s, u"false"_s},
    };

    // Files that build tools, package managers and shells would run.
    write(u".gitattributes"_s, "*.py filter=trap diff=trap\n*.sql filter=trap diff=trap\n");
    write(u"Makefile"_s, "all:\n\ttouch " + m_marks.toUtf8() + "/ran-make\n");
    write(u"package.json"_s,
          "{\"name\": \"trap\", \"dependencies\": {\"pg\": \"^8\"}, \"scripts\": {\"preinstall\": \"touch "
              + m_marks.toUtf8() + "/ran-npm\", \"postinstall\": \"touch " + m_marks.toUtf8() + "/ran-npm\"}}\n");
    write(u"setup.py"_s, "import pathlib\npathlib.Path('" + m_marks.toUtf8() + "/ran-setup-py').touch()\n");
    write(u"conftest.py"_s, "import pathlib\npathlib.Path('" + m_marks.toUtf8() + "/ran-conftest').touch()\n");
    write(u"Gemfile"_s, "system('touch " + m_marks.toUtf8() + "/ran-gemfile')\ngem 'pg'\n");
    write(u".envrc"_s, "touch " + m_marks.toUtf8() + "/ran-envrc\nexport DATABASE_URL=postgresql://app@db/shop\n");
    write(u"build.gradle"_s, "exec { commandLine 'touch', '" + m_marks.toUtf8() + "/ran-gradle' }\n");
    write(u"scripts/migrate.sh"_s, markingScript(m_marks, u"migrate-sh"_s), true);
    write(u"app/db.py"_s,
          "import os\nos.system('touch " + m_marks.toUtf8()
              + "/ran-db-py')\n"
                "cursor.execute(\"SET search_path TO tenant\")\n");
    write(u"migrations/0001.sql"_s, "\\! touch " + m_marks.toUtf8() + "/ran-psql\nLISTEN jobs;\n");
    write(u".env"_s, "DATABASE_URL=postgresql://app@db.internal:6432/shop?sslmode=require\n");
    write(u".poolproof.json"_s, R"({"environments": [{"name": "production", "databaseUrl": "${DATABASE_URL}"}]})");

    QVERIFY(git({u"add"_s, u"-A"_s}));
    QVERIFY(git({u"commit"_s, u"-q"_s, u"-m"_s, u"trap"_s}));
    // The traps are armed only now: setting them up ran none of them.
    for (const auto &[key, value] : settings)
        QVERIFY2(git({u"config"_s, key, value}), qPrintable(key));
    write(u"app/untracked.py"_s, "cursor.execute(\"LISTEN untracked\")\n");
    for (const QString &mark : marks())
        QFile::remove(m_marks + u'/' + mark);
}

void TestNoExecution::marksWork()
{
    // The control: git run plainly in the trapped repository does start its programs.
    QProcess process;
    process.setWorkingDirectory(m_root);
    process.start(u"git"_s, {u"status"_s, u"--porcelain"_s});
    QVERIFY(process.waitForFinished(30000));
    QTRY_VERIFY2(!marks().isEmpty(), "git status ran no configured program: the traps are not armed");
    for (const QString &mark : marks())
        QFile::remove(m_marks + u'/' + mark);
}

void TestNoExecution::commandsRunNothingFromTheRepository_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString root = m_dir.filePath(u"repo"_s);
    const QString out = m_dir.filePath(u"out-"_s);
    QTest::newRow("scan") << QStringList {u"scan"_s, root, u"--format"_s, u"json"_s};
    QTest::newRow("scan recorded") << QStringList {u"scan"_s, root, u"--record"_s, u"--history"_s,
                                                   out + u"history.sqlite"_s};
    QTest::newRow("audit") << QStringList {u"audit"_s,    root,
                                           u"--export"_s, out + u"DATABASE.md"_s,
                                           u"--json"_s,   out + u"audit.json"_s,
                                           u"--html"_s,   out + u"audit.html"_s};
    QTest::newRow("envs") << QStringList {u"envs"_s, root, u"--format"_s, u"json"_s};
    QTest::newRow("sql-check") << QStringList {u"sql-check"_s, u"--file"_s, root + u"/migrations/0001.sql"_s};
}

void TestNoExecution::commandsRunNothingFromTheRepository()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    // Started inside the repository, as a user would.
    process.setWorkingDirectory(m_root);
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    // sql-check rejects the psql meta-command with exit code 2, as it should; the rest runs.
    QVERIFY2(process.exitCode() <= (arguments.first() == u"sql-check" ? 2 : 1), output.constData());
    if (arguments.first() == u"scan" && arguments.contains(u"json"_s)) {
        // The files were read, tracked and untracked ones, through git.
        QVERIFY2(output.contains("app/db.py") && output.contains("app/untracked.py"), output.constData());
    }
    QVERIFY2(marks().isEmpty(), qPrintable(u"ran: "_s + marks().join(u", ")));
}

QTEST_GUILESS_MAIN(TestNoExecution)
#include "tst_noexecution.moc"
