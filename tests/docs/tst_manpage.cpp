#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// The man page (resources/man/poolproof-cli.1) documents every command poolproof-cli lists in its
// help and, in that command's section, every option the command accepts.
class TestManPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyCommandAndOption_data();
    void everyCommandAndOption();
    void globalOptions();

private:
    static QString help(const QStringList &arguments);
    QString m_page;
};

namespace {

const QString manPagePath = QStringLiteral(POOLPROOF_SOURCE_DIR "/resources/man/poolproof-cli.1");

// The text of a command's ".SS command" subsection, up to the next subsection or section.
QString commandSection(const QString &page, const QString &command)
{
    const QRegularExpression start(u"^\\.SS \"?"_s + QRegularExpression::escape(command) + u"\\b.*$"_s,
                                   QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = start.match(page);
    if (!match.hasMatch())
        return {};
    static const QRegularExpression next(u"^\\.S[SH] "_s, QRegularExpression::MultilineOption);
    const qsizetype end = page.indexOf(next, match.capturedEnd());
    return page.mid(match.capturedEnd(), end < 0 ? -1 : end - match.capturedEnd());
}

bool documentsOption(const QString &text, const QString &option)
{
    // troff writes each hyphen of an option as "\-"; the name must not continue ("--format" is
    // not "--formats").
    QString plain = text;
    plain.replace(u"\\-"_s, u"-"_s);
    const QRegularExpression pattern(u"--"_s + QRegularExpression::escape(option) + u"(?![a-z0-9-])"_s);
    return pattern.match(plain).hasMatch();
}

} // namespace

QString TestManPage::help(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral(POOLPROOF_CLI), arguments);
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0)
        return {};
    return QString::fromUtf8(cli.readAllStandardOutput());
}

void TestManPage::initTestCase()
{
    QFile file(manPagePath);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(manPagePath));
    m_page = QString::fromUtf8(file.readAll());
    QVERIFY(m_page.contains(u"\n.TH POOLPROOF-CLI 1 "_s));
}

void TestManPage::everyCommandAndOption_data()
{
    QTest::addColumn<QString>("command");
    const QString usage = help({u"--help"_s});
    QVERIFY(usage.contains(u"Commands:"_s));
    const QString commands = usage.section(u"Commands:\n"_s, 1).section(u"\n\n"_s, 0, 0);
    static const QRegularExpression commandLine(u"^  ([a-z][a-z-]*) "_s, QRegularExpression::MultilineOption);
    int count = 0;
    for (const QRegularExpressionMatch &match : commandLine.globalMatch(commands)) {
        QTest::newRow(qPrintable(match.captured(1))) << match.captured(1);
        ++count;
    }
    QVERIFY(count >= 5);
}

void TestManPage::everyCommandAndOption()
{
    QFETCH(QString, command);
    const QString section = commandSection(m_page, command);
    QVERIFY2(!section.isEmpty(), qPrintable(u"the man page has no \".SS "_s + command + u"\" section"_s));

    const QString commandHelp = help({command, u"--help"_s});
    QVERIFY(!commandHelp.isEmpty());
    static const QRegularExpression optionLine(u"^  (?:-[a-zA-Z?], )?--([a-z][a-z0-9-]*)"_s,
                                               QRegularExpression::MultilineOption);
    QStringList missing;
    int options = 0;
    for (const QRegularExpressionMatch &match : optionLine.globalMatch(commandHelp)) {
        ++options;
        // --help and --help-all come with every command's parser; they are documented once, globally.
        if (!match.captured(1).startsWith(u"help") && !documentsOption(section, match.captured(1)))
            missing << u"--"_s + match.captured(1);
    }
    QVERIFY(options >= 2);
    QVERIFY2(missing.isEmpty(),
             qPrintable(command + u": the man page's section does not document "_s + missing.join(u", "_s)));
}

void TestManPage::globalOptions()
{
    QVERIFY(documentsOption(m_page, u"version"_s));
    QVERIFY(documentsOption(m_page, u"help"_s));
    QVERIFY2(m_page.contains(u".SH \"EXIT STATUS\""_s), "the man page documents the exit codes");
}

QTEST_GUILESS_MAIN(TestManPage)
#include "tst_manpage.moc"
