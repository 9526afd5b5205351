#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// Every poolproof-cli command line in the documentation uses a command and options the program
// really has: the guide's and the CI recipes' examples stay runnable as the program changes. And
// every relative link and image in the documentation points at a file that exists.
class TestDocOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void examplesUseRealOptions_data();
    void examplesUseRealOptions();
    void relativeLinksResolve_data();
    void relativeLinksResolve();

private:
    static QString help(const QString &command);
};

QString TestDocOptions::help(const QString &command)
{
    QProcess cli;
    cli.start(QStringLiteral(POOLPROOF_CLI),
              command.isEmpty() ? QStringList {u"--help"_s} : QStringList {command, u"--help"_s});
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0)
        return {};
    return QString::fromUtf8(cli.readAllStandardOutput());
}

void TestDocOptions::examplesUseRealOptions_data()
{
    QTest::addColumn<QString>("path");
    const QStringList documents {u"README.md"_s, u"docs/user-guide.md"_s, u"docs/ci.md"_s, u"docs/project-file.md"_s,
                                 u"docs/json-schema.md"_s};
    for (const QString &document : documents)
        QTest::newRow(qPrintable(document)) << QStringLiteral(POOLPROOF_SOURCE_DIR "/") + document;
}

void TestDocOptions::examplesUseRealOptions()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QString text = QString::fromUtf8(file.readAll());
    // Shell and YAML continuation lines belong to the command they continue.
    text.replace(u"\\\n"_s, u" "_s);

    // "poolproof-cli COMMAND ..." up to the end of the line, a backtick, a pipe or a semicolon.
    static const QRegularExpression invocation(u"poolproof-cli ([a-z][a-z-]*)([^\\n`|;]*)"_s);
    static const QRegularExpression option(u"(?:^|\\s)(--[a-z][a-z0-9-]*)"_s);
    QHash<QString, QString> helps;
    QStringList problems;
    int checked = 0;
    for (const QRegularExpressionMatch &call : invocation.globalMatch(text)) {
        const QString command = call.captured(1);
        if (!helps.contains(command))
            helps.insert(command, help(command));
        const QString &commandHelp = helps.value(command);
        if (commandHelp.isEmpty()) {
            problems << u"unknown command: poolproof-cli "_s + command;
            continue;
        }
        for (const QRegularExpressionMatch &used : option.globalMatch(call.captured(2))) {
            ++checked;
            const QRegularExpression known(QRegularExpression::escape(used.captured(1)) + u"(?![a-z0-9-])"_s);
            if (!known.match(commandHelp).hasMatch())
                problems << u"poolproof-cli "_s + command + u": no option "_s + used.captured(1);
        }
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(QFileInfo(path).fileName() + u":\n"_s + problems.join(u'\n')));
    if (path.endsWith(u"ci.md") || path.endsWith(u"user-guide.md"))
        QVERIFY2(checked > 10, "the document shows command lines with options");
}

void TestDocOptions::relativeLinksResolve_data()
{
    QTest::addColumn<QString>("path");
    QStringList documents {u"README.md"_s};
    const QDir docs(QStringLiteral(POOLPROOF_SOURCE_DIR "/docs"));
    for (const QString &name : docs.entryList({u"*.md"_s}, QDir::Files, QDir::Name))
        documents << u"docs/"_s + name;
    documents << u"docs/rules/README.md"_s;
    for (const QString &document : std::as_const(documents))
        QTest::newRow(qPrintable(document)) << QStringLiteral(POOLPROOF_SOURCE_DIR "/") + document;
}

void TestDocOptions::relativeLinksResolve()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QString text = QString::fromUtf8(file.readAll());
    // [label](target) and ![alt](target); addresses with a scheme and pure anchors are not files.
    static const QRegularExpression link(u"\\]\\(([^)\\s]+)\\)"_s);
    const QDir base = QFileInfo(path).dir();
    QStringList broken;
    for (const QRegularExpressionMatch &match : link.globalMatch(text)) {
        const QString target = match.captured(1).section(u'#', 0, 0);
        if (target.isEmpty() || target.contains(u"://"_s) || target.startsWith(u"mailto:"_s))
            continue;
        if (!QFileInfo::exists(base.filePath(target)))
            broken << target;
    }
    broken.removeDuplicates();
    QVERIFY2(broken.isEmpty(), qPrintable(QFileInfo(path).fileName() + u": broken links: "_s + broken.join(u", "_s)));
}

QTEST_GUILESS_MAIN(TestDocOptions)
#include "tst_docoptions.moc"
