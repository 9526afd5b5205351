#include "details/detailspane.h"
#include "expectedfindings.h"
#include "findings/findingsfilterproxy.h"
#include "findings/findingsmodel.h"
#include "findings/findingsview.h"
#include "findings/severitystyle.h"
#include "generatedrepo.h"
#include "mainwindow.h"
#include "pages/startpage.h"
#include "scanning/scancontroller.h"
#include "settings/settings.h"
#include "settings/settingsdialog.h"
#include "sourceview/sourcepane.h"
#include "sourceview/sourceview.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolBar>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// Drives the real main window offscreen on the bundled sample backend. What the scan must find is
// read from the sample's EXPECTED.md, the single source of truth.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startPageOpensSample();
    void findingsMatchExpected();
    void selectingFindingShowsSource_data();
    void selectingFindingShowsSource();
    void nextAndPreviousFinding();
    void changeGrouping();
    void filterByText();
    void ctrlFFocusesFilter();
    void detailsFollowSelection();
    void profileSwitchRegrades();
    void rescanKeepsFindingsInView();
    void findingsAppearWhileScanning();
    void escapeCancelsScan();
    void dropFolderScansIt();
    void openPathShowsFileOrScansFolder();
    void pageSlots();
    void settingsPersist();
    void languageChoiceIsStored();
    void projectFileChoosesPoolerAndExcludes();

private:
    bool waitForScan(MainWindow *window);
    FindingsPage *page() const { return m_window->findingsPage(); }
    int findingCount() const;
    QStringList topLevelLabels() const;
    const Finding *findingFor(const QString &rule) const;

    MainWindow *m_window = nullptr;
    QTemporaryDir m_dir;
    QList<ExpectedFinding> m_expected;
    static constexpr int timeoutMs = 120000;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PoolProof"_s);
    QCoreApplication::setApplicationName(u"PoolProof-tests"_s);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    // The scans are recorded in a history of the test's own.
    qputenv("POOLPROOF_HISTORY", m_dir.filePath(u"history.sqlite"_s).toUtf8());
    m_expected = readExpectedFindings();
    QCOMPARE(m_expected.size(), 8);
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanupTestCase()
{
    delete m_window;
}

bool TestMainWindow::waitForScan(MainWindow *window)
{
    return QTest::qWaitFor([window] { return !window->scanController()->isRunning(); }, timeoutMs);
}

int TestMainWindow::findingCount() const
{
    return int(page()->model()->findings().size());
}

QStringList TestMainWindow::topLevelLabels() const
{
    QStringList labels;
    const FindingsFilterProxy *proxy = page()->proxy();
    for (int row = 0; row < proxy->rowCount(); ++row)
        labels << proxy->index(row, 0).data().toString();
    return labels;
}

const Finding *TestMainWindow::findingFor(const QString &rule) const
{
    for (const Finding &finding : page()->model()->findings()) {
        if (finding.ruleId == rule)
            return &finding;
    }
    return nullptr;
}

void TestMainWindow::startPageOpensSample()
{
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Start);
    auto *button = m_window->findChild<QPushButton *>(u"openSampleButton"_s);
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Findings);
    QVERIFY(m_window->scanController()->isRunning());
    QVERIFY(waitForScan(m_window));
    QVERIFY(page()->lastResult().has_value());
    QVERIFY2(page()->lastResult()->error.isEmpty(), qPrintable(page()->lastResult()->error));
    QCOMPARE(QDir(m_window->root()).canonicalPath(), QDir(sampleDir()).canonicalPath());
    QVERIFY(m_window->windowTitle().contains(u"freshtrack-backend"));
}

void TestMainWindow::findingsMatchExpected()
{
    QStringList actual;
    for (const Finding &finding : page()->model()->findings()) {
        if (!finding.suppressed)
            actual << finding.location.path + u':' + QString::number(finding.location.line) + u' ' + finding.ruleId;
    }
    QStringList expected;
    for (const ExpectedFinding &row : std::as_const(m_expected))
        expected << row.file + u':' + QString::number(row.line) + u' ' + row.rule;
    actual.sort();
    expected.sort();
    QCOMPARE(findingCount(), int(m_expected.size()));
    QCOMPARE(page()->proxy()->visibleFindingCount(), int(m_expected.size()));
    QCOMPARE(actual, expected);
    auto *summary = m_window->findChild<QLabel *>(u"findingsSummary"_s);
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(u"Findings: %1"_s.arg(m_expected.size())), qPrintable(summary->text()));
}

void TestMainWindow::selectingFindingShowsSource_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("rule");
    for (const ExpectedFinding &row : readExpectedFindings())
        QTest::addRow("%s:%d %s", qPrintable(row.file), row.line, qPrintable(row.rule))
            << row.file << row.line << row.rule;
}

void TestMainWindow::selectingFindingShowsSource()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, rule);
    FindingsView *view = page()->view();
    QVERIFY2(view->selectFinding(file, line, rule), "the finding is not in the tree");
    const std::optional<Finding> finding = view->currentFinding();
    QVERIFY(finding);
    SourcePane *pane = page()->sourcePane();
    SourceView *source = m_window->findChild<SourceView *>(u"sourceView"_s);
    QVERIFY(source);
    QTRY_VERIFY(!pane->isLoading());
    QCOMPARE(pane->filePath(), QDir(m_window->root()).filePath(file));
    QCOMPARE(m_window->findChild<QLabel *>(u"sourceFileLabel"_s)->text(), file);
    // The file itself, not just its name.
    QFile onDisk(QDir(m_window->root()).filePath(file));
    QVERIFY(onDisk.open(QIODevice::ReadOnly));
    QCOMPARE(source->toPlainText(), QString::fromUtf8(onDisk.readAll()));
    // Scrolled to the line, cursor on it.
    QCOMPARE(source->currentLine(), line);
    QVERIFY2(source->firstVisibleLine() <= line, qPrintable(QString::number(source->firstVisibleLine())));
    const QTextBlock block = source->document()->findBlockByNumber(line - 1);
    QVERIFY(source->viewport()->rect().contains(source->cursorRect(QTextCursor(block))));
    // Marked in the finding's severity colour, with the rule in the inline note.
    const QColor severityColor = SeverityStyle::color(finding->severity, source->palette());
    bool marked = false;
    const QList<QTextEdit::ExtraSelection> selections = source->extraSelections();
    for (const QTextEdit::ExtraSelection &selection : selections) {
        const QColor band = selection.format.background().color();
        marked |= selection.cursor.blockNumber() == line - 1 && band.rgb() == severityColor.rgb();
    }
    QVERIFY2(marked, "no band in the severity colour on the line");
    bool annotated = false;
    const QList<LineMark> marks = source->lineMarks();
    for (const LineMark &mark : marks)
        annotated |= mark.line == line && mark.annotation.contains(rule);
    QVERIFY(annotated);
    // Every finding of the file is marked, not just this one.
    for (const ExpectedFinding &other : std::as_const(m_expected)) {
        if (other.file != file)
            continue;
        bool found = false;
        for (const LineMark &mark : marks)
            found |= mark.line == other.line;
        QVERIFY2(found, qPrintable(u"line %1 is not marked"_s.arg(other.line)));
    }
}

void TestMainWindow::nextAndPreviousFinding()
{
    FindingsView *view = page()->view();
    QVERIFY(view->selectFirstFinding());
    const QList<QModelIndex> order = view->findingIndexes();
    QCOMPARE(order.size(), m_expected.size());
    m_window->activateWindow();
    QTest::keyClick(m_window, Qt::Key_F8);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), order.at(1));
    QTest::keyClick(m_window, Qt::Key_F8);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), order.at(2));
    QTest::keyClick(m_window, Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), order.at(1));
    // Wraps around at both ends.
    view->setCurrentIndex(order.first());
    QTest::keyClick(m_window, Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(view->currentIndex().siblingAtColumn(0), order.last());
    // The source follows the navigation.
    const Finding last = order.last().data(FindingsModel::FindingRole).value<Finding>();
    QTRY_VERIFY(!page()->sourcePane()->isLoading());
    QCOMPARE(m_window->sourceView()->currentLine(), last.location.line);
}

void TestMainWindow::changeGrouping()
{
    auto *combo = m_window->findChild<QComboBox *>(u"groupByCombo"_s);
    QVERIFY(combo);
    QVERIFY(page()->view()->selectFinding(u"src/jobs/runner.ts"_s, 100, u"PB120"_s));

    combo->setCurrentIndex(combo->findData(int(GroupBy::File)));
    QCOMPARE(page()->model()->groupBy(), GroupBy::File);
    QMap<QString, int> perFile;
    for (const ExpectedFinding &row : std::as_const(m_expected))
        ++perFile[row.file];
    QStringList expectedLabels;
    for (auto it = perFile.cbegin(); it != perFile.cend(); ++it)
        expectedLabels << u"%1 (%2)"_s.arg(it.key()).arg(it.value());
    QCOMPARE(topLevelLabels(), expectedLabels);
    // The selection survives the regrouping.
    QVERIFY(page()->view()->currentFinding());
    QCOMPARE(page()->view()->currentFinding()->location.line, 100);

    combo->setCurrentIndex(combo->findData(int(GroupBy::Severity)));
    QVERIFY(!topLevelLabels().isEmpty());
    QVERIFY2(topLevelLabels().first().startsWith(u"Errors ("), qPrintable(topLevelLabels().join(u", ")));

    combo->setCurrentIndex(combo->findData(int(GroupBy::Rule)));
    QVERIFY2(topLevelLabels().contains(u"PB120 Session advisory lock (2)"_s), qPrintable(topLevelLabels().join(u", ")));
    QCOMPARE(page()->proxy()->visibleFindingCount(), int(m_expected.size()));
}

void TestMainWindow::filterByText()
{
    auto *filter = m_window->findChild<QLineEdit *>(u"findingsFilter"_s);
    QVERIFY(filter);
    filter->clear();
    QTest::keyClicks(filter, u"runner.ts"_s);
    int expectedRows = 0;
    for (const ExpectedFinding &row : std::as_const(m_expected))
        expectedRows += row.file.endsWith(u"runner.ts") ? 1 : 0;
    QCOMPARE(page()->proxy()->visibleFindingCount(), expectedRows);
    QCOMPARE(topLevelLabels(), QStringList {u"PB120 Session advisory lock (%1)"_s.arg(expectedRows)});
    auto *summary = m_window->findChild<QLabel *>(u"findingsSummary"_s);
    QVERIFY2(summary->text().contains(u"Shown: %1"_s.arg(expectedRows)), qPrintable(summary->text()));

    filter->clear();
    QTest::keyClicks(filter, u"no such finding anywhere"_s);
    QCOMPARE(page()->proxy()->visibleFindingCount(), 0);
    filter->clear();
    QCOMPARE(page()->proxy()->visibleFindingCount(), int(m_expected.size()));
}

void TestMainWindow::ctrlFFocusesFilter()
{
    page()->view()->setFocus();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_window->findChild<QLineEdit *>(u"findingsFilter"_s));
    page()->view()->setFocus();
}

void TestMainWindow::detailsFollowSelection()
{
    QVERIFY(page()->view()->selectFinding(u"src/middleware/tenant.ts"_s, 75, u"PB101"_s));
    auto *details = m_window->findChild<DetailsPane *>(u"detailsPane"_s);
    QVERIFY(details);
    QCOMPARE(details->ruleId(), u"PB101"_s);
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(u"Session-level SET"), qPrintable(text));
    QVERIFY(text.contains(u"Why it breaks on PgBouncer 1.24 or later"));
    QVERIFY(text.contains(u"SET LOCAL"));
    QVERIFY(details->toHtml().contains(u"https://www.pgbouncer.org/features.html"));
}

void TestMainWindow::profileSwitchRegrades()
{
    const Finding *named = findingFor(u"PB201"_s);
    QVERIFY2(named, "no PB201 finding in the sample's scan");
    QCOMPARE(named->severity, Severity::Info);
    QVERIFY(page()->view()->selectFinding(named->location.path, named->location.line, u"PB201"_s));

    auto *combo = m_window->findChild<QComboBox *>(u"profileCombo"_s);
    QVERIFY(combo);
    const int supavisor = combo->findData(u"supavisor"_s);
    QVERIFY(supavisor >= 0);
    combo->setCurrentIndex(supavisor);
    QCOMPARE(m_window->profileId(), u"supavisor"_s);
    // At once, before the rescan is back.
    QVERIFY(findingFor(u"PB201"_s));
    QCOMPARE(findingFor(u"PB201"_s)->severity, Severity::Error);
    QVERIFY(waitForScan(m_window));
    QCOMPARE(page()->lastResult()->profileId, u"supavisor"_s);
    QVERIFY(findingFor(u"PB201"_s));
    QCOMPARE(findingFor(u"PB201"_s)->severity, Severity::Error);
    QVERIFY(findingFor(u"PB202"_s));
    QCOMPARE(findingFor(u"PB202"_s)->severity, Severity::Error);
    // The selection stayed, and the details speak of the new pooler.
    QVERIFY(page()->view()->currentFinding());
    QCOMPARE(page()->view()->currentFinding()->ruleId, u"PB201"_s);
    QCOMPARE(page()->view()->currentFinding()->severity, Severity::Error);
    QVERIFY(
        m_window->findChild<DetailsPane *>(u"detailsPane"_s)->toPlainText().contains(u"Why it breaks on Supavisor"));
    QCOMPARE(Settings::profileId(), u"supavisor"_s);

    combo->setCurrentIndex(combo->findData(u"pgbouncer-1.24"_s));
    QVERIFY(waitForScan(m_window));
    QCOMPARE(findingFor(u"PB201"_s)->severity, Severity::Info);
}

void TestMainWindow::rescanKeepsFindingsInView()
{
    QVERIFY(page()->view()->selectFinding(u"src/jobs/runner.ts"_s, 82, u"PB120"_s));
    m_window->activateWindow();
    QTest::keyClick(m_window, Qt::Key_F5);
    QVERIFY(m_window->scanController()->isRunning());
    // A rescan of the same folder replaces the findings when it is done, not before.
    QCOMPARE(findingCount(), int(m_expected.size()));
    QVERIFY(waitForScan(m_window));
    QCOMPARE(findingCount(), int(m_expected.size()));
    QVERIFY(page()->view()->currentFinding());
    QCOMPARE(page()->view()->currentFinding()->location.line, 82);
}

void TestMainWindow::findingsAppearWhileScanning()
{
    const QString repo = m_dir.filePath(u"streamed"_s);
    QVERIFY(writeGeneratedRepository(repo, 100));
    // Runs right after the window has handed each batch to the page.
    QList<int> shownWhileRunning;
    QObject context;
    connect(m_window->scanController(), &ScanController::findingsFound, &context, [&] {
        if (m_window->scanController()->isRunning())
            shownWhileRunning << findingCount();
    });
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_window->openFolder(repo));
    QCOMPARE(findingCount(), 0); // another folder: the old findings are gone at once
    QVERIFY(waitForScan(m_window));
    qInfo("%d findings in %lld ms", findingCount(), timer.elapsed());
    QVERIFY(!shownWhileRunning.isEmpty());
    QVERIFY(shownWhileRunning.first() > 0);
    QVERIFY(shownWhileRunning.first() < findingCount());
    QCOMPARE(findingCount(), 100 * 20); // one session SET in each of 20 functions per file
}

void TestMainWindow::escapeCancelsScan()
{
    const QString big = m_dir.filePath(u"big"_s);
    QVERIFY(writeGeneratedRepository(big, 400));
    QVERIFY(m_window->openFolder(big));
    QVERIFY(m_window->scanController()->isRunning());
    auto *progress = m_window->findChild<QWidget *>(u"scanProgress"_s);
    QVERIFY(progress);
    QVERIFY(progress->isVisible());
    m_window->activateWindow();
    QTest::keyClick(m_window, Qt::Key_Escape);
    QVERIFY(waitForScan(m_window));
    QVERIFY(page()->lastResult());
    QVERIFY(page()->lastResult()->cancelled);
    QVERIFY(page()->lastResult()->filesScanned < 400);
    QVERIFY(!progress->isVisible());
    QVERIFY(m_window->findChild<QLabel *>(u"findingsSummary"_s)->text().contains(u"Scan cancelled"));
    QVERIFY(!m_window->findChild<QAction *>(u"cancelScanAction"_s)->isEnabled());
}

void TestMainWindow::dropFolderScansIt()
{
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(sampleDir())});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(QDir(m_window->root()).canonicalPath(), QDir(sampleDir()).canonicalPath());
    QVERIFY(waitForScan(m_window));
    QCOMPARE(findingCount(), int(m_expected.size()));
    delete mime;
}

void TestMainWindow::openPathShowsFileOrScansFolder()
{
    const QString file = QDir(sampleDir()).filePath(u"scripts/nightly-report.sql"_s);
    QVERIFY(m_window->openPath(file));
    QVERIFY(!m_window->scanController()->isRunning()); // a file is shown, not scanned
    QCOMPARE(page()->sourcePane()->filePath(), QFileInfo(file).absoluteFilePath());
    QCOMPARE(m_window->sourceView()->definition().name(), u"SQL (PostgreSQL)"_s);
    // It lies inside the scanned folder: its findings are marked.
    QVERIFY(!m_window->sourceView()->lineMarks().isEmpty());
    QVERIFY(!m_window->openPath(m_dir.filePath(u"missing.ts"_s)));
}

void TestMainWindow::pageSlots()
{
    const QList<std::pair<MainWindow::Page, int>> pages {{MainWindow::Page::Start, Qt::Key_1},
                                                         {MainWindow::Page::Findings, Qt::Key_2},
                                                         {MainWindow::Page::Environments, Qt::Key_3},
                                                         {MainWindow::Page::Export, Qt::Key_4},
                                                         {MainWindow::Page::History, Qt::Key_5}};
    auto *sidebar = m_window->findChild<QToolBar *>(u"pagesSidebar"_s);
    QVERIFY(sidebar);
    QVERIFY(sidebar->isVisible());
    QVERIFY(!sidebar->accessibleName().isEmpty());
    for (const auto &[page, key] : pages) {
        QVERIFY(m_window->hasPage(page));
        // Ctrl+number switches, as the sidebar's buttons do.
        QTest::keyClick(m_window, Qt::Key(key), Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), page);
        auto *pageWidget = m_window->findChild<QStackedWidget *>(u"pages"_s)->currentWidget();
        QVERIFY(!pageWidget->accessibleName().isEmpty());
    }
    const QList<QAction *> actions = sidebar->actions();
    QCOMPARE(actions.size(), pages.size());
    for (QAction *action : actions) {
        action->trigger();
        QVERIFY(action->isChecked());
        QVERIFY(!action->toolTip().isEmpty());
    }
    m_window->showPage(MainWindow::Page::Findings);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Findings);
}

void TestMainWindow::settingsPersist()
{
    // Smaller than the offscreen screen, which restoreGeometry() would clamp to.
    m_window->resize(701, 503);
    const QSize saved = m_window->size(); // the window may keep to its minimum width
    QCOMPARE(saved.height(), 503);
    auto *groupBy = m_window->findChild<QComboBox *>(u"groupByCombo"_s);
    groupBy->setCurrentIndex(groupBy->findData(int(GroupBy::File)));
    m_window->findChild<QComboBox *>(u"profileCombo"_s)
        ->setCurrentIndex(m_window->findChild<QComboBox *>(u"profileCombo"_s)->findData(u"odyssey"_s));
    QVERIFY(waitForScan(m_window));
    m_window->close();

    MainWindow second;
    QCOMPARE(second.size(), saved);
    QCOMPARE(second.profileId(), u"odyssey"_s);
    QCOMPARE(second.findChild<QComboBox *>(u"profileCombo"_s)->currentData().toString(), u"odyssey"_s);
    QCOMPARE(second.findingsPage()->model()->groupBy(), GroupBy::File);
    const QStringList recent = Settings::recentFolders();
    QVERIFY(recent.size() >= 2);
    QCOMPARE(recent.first(), QDir(sampleDir()).canonicalPath()); // the last one opened comes first
    auto *list = second.findChild<QListWidget *>(u"recentFoldersList"_s);
    QVERIFY(list);
    QCOMPARE(list->count(), recent.size());
    // A recent folder opens with one activation.
    Q_EMIT list->itemActivated(list->item(0));
    QCOMPARE(QDir(second.root()).canonicalPath(), QDir(sampleDir()).canonicalPath());
    QVERIFY(waitForScan(&second));
    // Restore the defaults for anything that runs later.
    second.setProfileId(u"pgbouncer-1.24"_s);
    QVERIFY(waitForScan(&second));
}

void TestMainWindow::languageChoiceIsStored()
{
    SettingsDialog dialog;
    auto *combo = dialog.findChild<QComboBox *>(u"languageCombo"_s);
    QVERIFY(combo);
    QCOMPARE(combo->count(), 3);
    dialog.setLanguage(u"de"_s);
    QCOMPARE(combo->currentText(), u"Deutsch"_s);
    dialog.apply();
    QCOMPARE(Settings::language(), u"de"_s);
    QCOMPARE(QSettings().value(u"language"_s).toString(), u"de"_s); // the key main() reads
    dialog.setLanguage(QString());
    dialog.apply();
    QVERIFY(Settings::language().isEmpty());
}

void TestMainWindow::projectFileChoosesPoolerAndExcludes()
{
    QTemporaryDir repository;
    QVERIFY(repository.isValid());
    const auto write = [&](const QString &name, const QByteArray &content) {
        QDir().mkpath(QFileInfo(repository.filePath(name)).absolutePath());
        QFile file(repository.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(u".poolproof.json"_s, R"({"pooler": "pgbouncer-legacy", "exclude": ["legacy/**"]})");
    write(u"src/tenant.ts"_s, "export const use = (pool, s) => pool.query(`SET search_path TO ${s}`);\n");
    write(u"legacy/old.ts"_s, "export const lock = (pool) => pool.query('SELECT pg_advisory_lock(1)');\n");
    QVERIFY(m_window->openFolder(repository.path()));
    QCOMPARE(m_window->profileId(), u"pgbouncer-legacy"_s);
    auto *combo = m_window->findChild<QComboBox *>(u"profileCombo"_s);
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), u"pgbouncer-legacy"_s);
    QVERIFY(waitForScan(m_window));
    const auto result = page()->lastResult();
    QVERIFY(result);
    QCOMPARE(result->profileId, u"pgbouncer-legacy"_s);
    QVERIFY(findingFor(u"PB101"_s));
    for (const Finding &finding : result->findings)
        QVERIFY2(!finding.location.path.startsWith(u"legacy/"_s), qPrintable(finding.location.path));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
