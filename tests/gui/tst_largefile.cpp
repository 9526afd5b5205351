#include "mainwindow.h"
#include "sourceview/noticebar.h"
#include "sourceview/sourcepane.h"
#include "sourceview/sourceview.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>

using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// Opening a very large file must not freeze the window: it is read on a worker thread and filled
// into the view in pieces, without highlighting, while the event loop keeps running.
class TestLargeFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tenMegabytesKeepEventLoopRunning();
    void marksWaitForTheLoad();
    void newerFileWinsOverLoadingOne();
    void smallFileStaysHighlighted();

private:
    QTemporaryDir m_dir;
    QString m_large;
    int m_largeLines = 0;
    static constexpr qint64 tenMegabytes = 10 * 1024 * 1024;
};

void TestLargeFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Generated TypeScript, about 10 MB: the kind of bundle or generated client that ends up in a
    // repository.
    m_large = m_dir.filePath(u"generated.ts"_s);
    QFile file(m_large);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray chunk;
    qint64 written = 0;
    int line = 0;
    while (written < tenMegabytes) {
        chunk.clear();
        for (int i = 0; i < 1000; ++i, ++line)
            chunk += "export const query" + QByteArray::number(line)
                + " = await pool.query('SELECT id FROM items WHERE n = " + QByteArray::number(line) + "');\n";
        QCOMPARE(file.write(chunk), chunk.size());
        written += chunk.size();
    }
    m_largeLines = line;
    QVERIFY(file.size() >= tenMegabytes);
}

void TestLargeFile::tenMegabytesKeepEventLoopRunning()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SourcePane *pane = window.findingsPage()->sourcePane();

    // A timer that should tick every 10 ms; the longest gap between ticks is how long the event
    // loop was held.
    int ticks = 0;
    qint64 longestGap = 0;
    QElapsedTimer sinceTick;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        ++ticks;
        longestGap = qMax(longestGap, sinceTick.restart());
    });

    QElapsedTimer opening;
    opening.start();
    sinceTick.start();
    timer.start();
    QVERIFY(window.openFile(m_large));
    const qint64 openCallMs = opening.elapsed();
    QVERIFY(pane->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isLoading(), 120000);
    timer.stop();
    const qint64 loadMs = opening.elapsed();
    qInfo("open call %lld ms, load %lld ms, %d ticks, longest gap %lld ms", openCallMs, loadMs, ticks, longestGap);

    QVERIFY2(openCallMs < 250, qPrintable(QString::number(openCallMs)));
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
    // Generous for a debug build on a busy machine; a frozen window would show seconds.
    QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));

    SourceView *view = pane->view();
    QCOMPARE(view->blockCount(), m_largeLines + 1); // the text ends with a line break
    QCOMPARE(view->document()->findBlockByNumber(m_largeLines - 1).text(),
             u"export const query%1 = await pool.query('SELECT id FROM items WHERE n = %1');"_s.arg(m_largeLines - 1));
    QVERIFY(!view->isHighlightingEnabled());
    NoticeBar *notice = window.findChild<NoticeBar *>(u"sourceNotice"_s);
    QVERIFY(notice);
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(u"highlighting"), qPrintable(notice->text()));
    QVERIFY(window.windowTitle().contains(u"generated.ts"));
}

void TestLargeFile::marksWaitForTheLoad()
{
    SourcePane pane;
    pane.resize(800, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QVERIFY(pane.openFile(m_large, u"generated.ts"_s));
    const int line = m_largeLines - 10;
    pane.setMarks({{line, Qt::red, u"PB101: session SET"_s}}, line);
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading(), 120000);
    QCOMPARE(pane.view()->currentLine(), line);
    QVERIFY(pane.view()->firstVisibleLine() > line - 100);
    QCOMPARE(pane.view()->lineMarks().size(), 1);
}

void TestLargeFile::newerFileWinsOverLoadingOne()
{
    const QString small = m_dir.filePath(u"small.sql"_s);
    QFile file(small);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("SET search_path TO tenant_1;\n");
    file.close();

    SourcePane pane;
    QSignalSpy loaded(&pane, &SourcePane::fileLoaded);
    QVERIFY(pane.openFile(m_large, u"generated.ts"_s));
    QVERIFY(pane.openFile(small, u"small.sql"_s));
    QCOMPARE(pane.view()->toPlainText(), u"SET search_path TO tenant_1;\n"_s);
    QTest::qWait(1500); // the large file's read finishes meanwhile and must be dropped
    QCOMPARE(pane.filePath(), small);
    QCOMPARE(pane.view()->toPlainText(), u"SET search_path TO tenant_1;\n"_s);
    QCOMPARE(loaded.count(), 1);
    QVERIFY(pane.view()->isHighlightingEnabled());
    QVERIFY(!pane.noticeBar()->isVisibleTo(&pane));
}

void TestLargeFile::smallFileStaysHighlighted()
{
    const QString path = m_dir.filePath(u"db.ts"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("// a comment\nexport const pool = new Pool();\n");
    file.close();
    SourcePane pane;
    QVERIFY(pane.openFile(path, u"db.ts"_s));
    QVERIFY(!pane.isLoading()); // shown at once
    QVERIFY(pane.view()->isHighlightingEnabled());
    QCOMPARE(pane.view()->definition().name(), u"TypeScript"_s);
    QVERIFY(!pane.noticeBar()->isVisibleTo(&pane));
}

QTEST_MAIN(TestLargeFile)
#include "tst_largefile.moc"
