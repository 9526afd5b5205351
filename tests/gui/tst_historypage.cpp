#include "audit/auditcontroller.h"
#include "expectedfindings.h"
#include "findings/findingsfilterbar.h"
#include "findings/findingsfilterproxy.h"
#include "findings/findingsmodel.h"
#include "history/historycontroller.h"
#include "history/historymodel.h"
#include "mainwindow.h"
#include "pages/historypage.h"
#include "samplecopy.h"
#include "scanning/scancontroller.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// The audit history in the real window, offscreen, on a copy of the sample backend in a history
// file of its own: the first scan is recorded, and a second scan after an edit that fixes one
// finding and adds another shows exactly those two, in the findings and on the History page.
class TestHistoryPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void firstScanIsRecorded();
    void secondScanShowsNewAndFixed();
    void newOnlyFilter();
    void historyPageListsScans();
    void reopeningLoadsHistory();

private:
    bool waitForIdle(MainWindow *window);

    MainWindow *m_window = nullptr;
    QTemporaryDir m_repo;
    QTemporaryDir m_historyDir;
    static constexpr int timeoutMs = 120000;
};

void TestHistoryPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PoolProof"_s);
    QCoreApplication::setApplicationName(u"PoolProof-history-tests"_s);
    QSettings().clear();
    QVERIFY(m_repo.isValid());
    QVERIFY(m_historyDir.isValid());
    qputenv("POOLPROOF_HISTORY", m_historyDir.filePath(u"history.sqlite"_s).toUtf8());
    QVERIFY(copyTree(sampleDir(), m_repo.path()));
    m_window = new MainWindow;
    QCOMPARE(m_window->historyController()->path(), m_historyDir.filePath(u"history.sqlite"_s));
    new QAbstractItemModelTester(m_window->historyPage()->model(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    new QAbstractItemModelTester(m_window->historyPage()->changesModel(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    new QAbstractItemModelTester(m_window->findingsPage()->model(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    new QAbstractItemModelTester(m_window->findingsPage()->proxy(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestHistoryPage::cleanupTestCase()
{
    delete m_window;
    QSettings().clear();
}

bool TestHistoryPage::waitForIdle(MainWindow *window)
{
    return QTest::qWaitFor(
        [window] {
            return !window->scanController()->isRunning() && !window->auditController()->isRunning()
                && !window->historyController()->isRunning();
        },
        timeoutMs);
}

void TestHistoryPage::firstScanIsRecorded()
{
    QVERIFY(m_window->openFolder(m_repo.path()));
    QVERIFY(waitForIdle(m_window));
    const HistorySnapshot &snapshot = m_window->historyController()->snapshot();
    QVERIFY2(snapshot.error.isEmpty(), qPrintable(snapshot.error));
    QVERIFY(snapshot.recorded.has_value());
    QVERIFY(!snapshot.previous.has_value());
    QCOMPARE(snapshot.rows.size(), 1);
    QCOMPARE(snapshot.recorded->findingCount, int(readExpectedFindings().size()));
    // Nothing to compare with: nothing is new, and "New only" is off and unavailable.
    QCOMPARE(m_window->findingsPage()->model()->newCount(), 0);
    QVERIFY(!m_window->findingsPage()->newOnlyButton()->isEnabled());
    QVERIFY(m_window->historyPage()->summary().contains(u"first recorded scan"));
}

void TestHistoryPage::secondScanShowsNewAndFixed()
{
    // Fix the SET search_path (the line stays, as a comment) and add a LISTEN to the nightly script.
    QVERIFY(replaceInFile(m_repo.filePath(u"src/middleware/tenant.ts"_s),
                          "await pool.query(`SET search_path TO ${schema}, public`);",
                          "// search_path is set per transaction by the repositories now"));
    QFile script(m_repo.filePath(u"scripts/nightly-report.sql"_s));
    QVERIFY(script.open(QIODevice::Append));
    script.write("\nLISTEN stock_alerts;\n");
    script.close();

    m_window->rescan();
    QVERIFY(waitForIdle(m_window));
    const HistorySnapshot &snapshot = m_window->historyController()->snapshot();
    QVERIFY2(snapshot.error.isEmpty(), qPrintable(snapshot.error));
    QVERIFY(snapshot.recorded && snapshot.previous);
    QCOMPARE(snapshot.comparison.added.size(), 1);
    QCOMPARE(snapshot.comparison.added.first().ruleId, u"PB110"_s);
    QCOMPARE(snapshot.comparison.added.first().location.path, u"scripts/nightly-report.sql"_s);
    QCOMPARE(snapshot.comparison.fixed.size(), 1);
    QCOMPARE(snapshot.comparison.fixed.first().ruleId, u"PB101"_s);
    QCOMPARE(snapshot.comparison.fixed.first().path, u"src/middleware/tenant.ts"_s);

    // The findings tree marks the new one, and only it.
    FindingsModel *model = m_window->findingsPage()->model();
    QCOMPARE(model->newCount(), 1);
    int marked = 0;
    for (const Finding &finding : model->findings()) {
        if (model->isNew(finding)) {
            ++marked;
            QCOMPARE(finding.ruleId, u"PB110"_s);
        }
    }
    QCOMPARE(marked, 1);
    auto *summary = m_window->findChild<QLabel *>(u"findingsSummary"_s);
    QVERIFY2(summary->text().contains(u"New: 1") && summary->text().contains(u"Fixed: 1"), qPrintable(summary->text()));
}

void TestHistoryPage::newOnlyFilter()
{
    FindingsFilterProxy *proxy = m_window->findingsPage()->proxy();
    QToolButton *newOnly = m_window->findingsPage()->newOnlyButton();
    QVERIFY(newOnly->isEnabled());
    const int all = proxy->visibleFindingCount();
    QVERIFY(all > 1);
    QTest::mouseClick(newOnly, Qt::LeftButton);
    QVERIFY(proxy->isNewOnly());
    QCOMPARE(proxy->visibleFindingCount(), 1);
    // The one shown says so in its column.
    const QModelIndex group = proxy->index(0, 0);
    QVERIFY(group.isValid());
    const QModelIndex leaf = proxy->index(0, FindingsModel::ChangeColumn, group);
    QCOMPARE(leaf.data().toString(), u"New"_s);
    QTest::mouseClick(newOnly, Qt::LeftButton);
    QCOMPARE(proxy->visibleFindingCount(), all);
}

void TestHistoryPage::historyPageListsScans()
{
    m_window->showPage(MainWindow::Page::History);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::History);
    HistoryModel *scans = m_window->historyPage()->model();
    QCOMPARE(scans->rowCount(), 2);
    // Newest first, with its new and fixed counts; the first scan has nothing to compare with.
    QCOMPARE(scans->index(0, HistoryModel::NewColumn).data().toInt(), 1);
    QCOMPARE(scans->index(0, HistoryModel::FixedColumn).data().toInt(), 1);
    QCOMPARE(scans->index(1, HistoryModel::NewColumn).data().toString(), u"–"_s);
    QCOMPARE(scans->index(0, HistoryModel::FindingsColumn).data().toInt(), int(readExpectedFindings().size()));
    ScanChangesModel *changes = m_window->historyPage()->changesModel();
    QCOMPARE(changes->rowCount(), 2);
    QCOMPARE(changes->index(0, ScanChangesModel::ChangeColumn).data().toString(), u"New"_s);
    QCOMPARE(changes->index(0, ScanChangesModel::RuleColumn).data().toString(), u"PB110"_s);
    QCOMPARE(changes->index(1, ScanChangesModel::ChangeColumn).data().toString(), u"Fixed"_s);
    QCOMPARE(changes->index(1, ScanChangesModel::RuleColumn).data().toString(), u"PB101"_s);
    QCOMPARE(changes->index(1, ScanChangesModel::LocationColumn).data().toString(), u"src/middleware/tenant.ts:75"_s);
    QVERIFY2(m_window->historyPage()->summary().contains(u"New: 1 · Fixed: 1"),
             qPrintable(m_window->historyPage()->summary()));
}

void TestHistoryPage::reopeningLoadsHistory()
{
    MainWindow second;
    new QAbstractItemModelTester(second.historyPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 &second);
    QVERIFY(second.openFolder(m_repo.path()));
    QVERIFY(waitForIdle(&second));
    // Opening scans again: a third entry, unchanged since the second.
    HistoryModel *scans = second.historyPage()->model();
    QCOMPARE(scans->rowCount(), 3);
    QCOMPARE(scans->index(0, HistoryModel::NewColumn).data().toInt(), 0);
    QCOMPARE(scans->index(0, HistoryModel::FixedColumn).data().toInt(), 0);
    QCOMPARE(second.findingsPage()->model()->newCount(), 0);
    QVERIFY(second.findingsPage()->newOnlyButton()->isEnabled());
}

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
