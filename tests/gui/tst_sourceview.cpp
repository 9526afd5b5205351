#include "mainwindow.h"
#include "sourceview/sourceview.h"

#include <KSyntaxHighlighting/Definition>

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace Qt::StringLiterals;
using poolproof::gui::MainWindow;
using poolproof::gui::SourceView;

// Drives the real main window offscreen.
class TestSourceView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensTypeScriptHighlighted();
    void choosesDefinitionFromFileName_data();
    void choosesDefinitionFromFileName();
    void marksAndScrollsToLine();
    void reportsUnreadableFile();
    void replacingTextWhileHighlightingIsSafe();

private:
    QTemporaryDir m_dir;
    QString writeFile(const QString &name, const QByteArray &content);
};

void TestSourceView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

QString TestSourceView::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

void TestSourceView::opensTypeScriptHighlighted()
{
    const QByteArray source = "import { Pool } from 'pg';\n"
                              "// LISTEN in a comment\n"
                              "export const pool = new Pool({ max: 10 });\n";
    const QString path = writeFile(u"client.ts"_s, source);
    QVERIFY(!path.isEmpty());

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(path));
    SourceView *view = window.findChild<SourceView *>(u"sourceView"_s);
    QVERIFY(view);
    QVERIFY(view->definition().isValid());
    QCOMPARE(view->definition().name(), u"TypeScript"_s);
    QCOMPARE(view->toPlainText(), QString::fromUtf8(source));
    QVERIFY(!view->themeName().isEmpty());
    QVERIFY(view->lineNumberAreaWidth() > 0);
    // The highlighter has really run: the comment line carries formats.
    const QTextBlock comment = view->document()->findBlockByNumber(1);
    QVERIFY(!comment.layout()->formats().isEmpty());
    QVERIFY(window.windowTitle().contains(u"client.ts"));
}

void TestSourceView::choosesDefinitionFromFileName_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("definition");
    QTest::newRow("sql") << u"0001_init.sql"_s << u"SQL (PostgreSQL)"_s;
    QTest::newRow("python") << u"db.py"_s << u"Python"_s;
    QTest::newRow("go") << u"main.go"_s << u"Go"_s;
    QTest::newRow("ruby") << u"database.rb"_s << u"Ruby"_s;
    QTest::newRow("ini") << u"pgbouncer.ini"_s << u"INI Files"_s;
    QTest::newRow("yaml") << u"docker-compose.yml"_s << u"YAML"_s;
}

void TestSourceView::choosesDefinitionFromFileName()
{
    QFETCH(QString, fileName);
    QFETCH(QString, definition);
    SourceView view;
    view.setSource(fileName, u"x"_s);
    QVERIFY(view.definition().isValid());
    QCOMPARE(view.definition().name(), definition);
}

void TestSourceView::marksAndScrollsToLine()
{
    QByteArray source;
    for (int i = 1; i <= 400; ++i)
        source += "const line" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
    const QString path = writeFile(u"long.js"_s, source);
    SourceView view;
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.openFile(path));
    view.setLineMarks({{350, Qt::red, u"session SET"_s}});
    view.showLine(350);
    QCOMPARE(view.currentLine(), 350);
    QVERIFY2(view.firstVisibleLine() > 300, qPrintable(QString::number(view.firstVisibleLine())));
    // The mark is one of the extra selections, on line 350.
    bool marked = false;
    const QList<QTextEdit::ExtraSelection> selections = view.extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections)
        marked |= selection.cursor.blockNumber() == 349 && selection.format.background().color().red() == 255;
    QVERIFY(marked);
}

void TestSourceView::reportsUnreadableFile()
{
    SourceView view;
    QString error;
    QVERIFY(!view.openFile(m_dir.filePath(u"missing.ts"_s), &error));
    QVERIFY2(error.contains(u"missing.ts"), qPrintable(error));
    QVERIFY(view.toPlainText().isEmpty());
}

void TestSourceView::replacingTextWhileHighlightingIsSafe()
{
    // Nested blocks make the highlighter queue work for the lines after them; replacing the text
    // before that work runs must not touch the old lines.
    QByteArray source;
    for (int i = 0; i < 200; ++i)
        source += "export function f" + QByteArray::number(i) + "() {\n  if (x) {\n    return `a${b}`;\n  }\n}\n";
    const QString path = writeFile(u"nested.ts"_s, source);
    SourceView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int round = 0; round < 5; ++round) {
        QVERIFY(view.openFile(path));
        view.setSource(u"other.ts"_s, u"const a = 1;\n"_s);
        view.setSource(QString(), QString());
        QTest::qWait(20);
    }
    QVERIFY(view.toPlainText().isEmpty());
}

QTEST_MAIN(TestSourceView)
#include "tst_sourceview.moc"
