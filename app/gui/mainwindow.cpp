#include "mainwindow.h"

#include "env/projectfile.h"

#include "app/sampledir.h"
#include "audit/auditcontroller.h"
#include "findings/findingsfilterbar.h"
#include "findings/findingsmodel.h"
#include "history/historycontroller.h"
#include "pages/environmentspage.h"
#include "pages/exportpage.h"
#include "pages/historypage.h"
#include "pages/startpage.h"
#include "poolproof/version.h"
#include "rules/rulecatalog.h"
#include "scanning/scancontroller.h"
#include "settings/settings.h"
#include "settings/settingsdialog.h"
#include "sourceview/sourcepane.h"
#include "widgets/profileselector.h"
#include "widgets/scanprogresswidget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace poolproof::gui {

namespace {

// The local file or folder a drag carries, if it carries exactly that.
QString droppedPath(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    if (!url.isLocalFile())
        return {};
    const QString path = url.toLocalFile();
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pages(new QStackedWidget(this))
    , m_startPage(new StartPage(this))
    , m_findingsPage(new FindingsPage(this))
    , m_environmentsPage(new EnvironmentsPage(this))
    , m_exportPage(new ExportPage(this))
    , m_historyPage(new HistoryPage(this))
    , m_scanController(new ScanController(this))
    , m_auditController(new AuditController(this))
    , m_historyController(new HistoryController(this))
    , m_progress(new ScanProgressWidget(this))
    , m_profileSelector(new ProfileSelector(this))
    , m_pageActions(new QActionGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PoolProof"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/poolproof.svg")));
    setAcceptDrops(true);
    m_pages->setObjectName(QStringLiteral("pages"));
    setCentralWidget(m_pages);

    const QString savedProfile = Settings::profileId();
    const RuleCatalog &catalog = RuleCatalog::builtin();
    m_profileId = catalog.profile(savedProfile) ? savedProfile : catalog.defaultProfile().id;

    setupActions();
    setupMenus();
    setupToolBar();
    setupStatusBar();
    setupSidebar();
    connectScan();

    addPage(Page::Start, m_startPage, tr("&Start"), style()->standardIcon(QStyle::SP_DirHomeIcon),
            QKeySequence(Qt::CTRL | Qt::Key_1));
    addPage(Page::Findings, m_findingsPage, tr("&Findings"), style()->standardIcon(QStyle::SP_MessageBoxWarning),
            QKeySequence(Qt::CTRL | Qt::Key_2));
    addPage(Page::Environments, m_environmentsPage, tr("&Environments"), style()->standardIcon(QStyle::SP_DriveNetIcon),
            QKeySequence(Qt::CTRL | Qt::Key_3));
    addPage(Page::Export, m_exportPage, tr("E&xport"), style()->standardIcon(QStyle::SP_DialogSaveButton),
            QKeySequence(Qt::CTRL | Qt::Key_4));
    addPage(Page::History, m_historyPage, tr("&History"), style()->standardIcon(QStyle::SP_FileDialogContentsView),
            QKeySequence(Qt::CTRL | Qt::Key_5));

    connect(m_startPage, &StartPage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(m_startPage, &StartPage::openSampleRequested, this, &MainWindow::openSample);
    connect(m_startPage, &StartPage::recentFolderActivated, this, &MainWindow::openFolder);
    const auto showStatus = [this](const QString &message) { statusBar()->showMessage(message, 8000); };
    connect(m_findingsPage, &FindingsPage::statusMessage, this, showStatus);
    connect(m_environmentsPage, &EnvironmentsPage::statusMessage, this, showStatus);
    connect(m_exportPage, &ExportPage::statusMessage, this, showStatus);
    m_startPage->setSampleAvailable(!sampleBackendDir().isEmpty());

    restoreSettings();
    updateRecentFolders();
    updateActions();
    showPage(Page::Start);
}

MainWindow::~MainWindow()
{
    m_scanController->cancel();
    m_auditController->waitForWorker();
    m_historyController->waitForWorker();
}

void MainWindow::addPage(Page page, QWidget *widget, const QString &title, const QIcon &icon,
                         const QKeySequence &shortcut)
{
    m_pages->addWidget(widget);
    m_pageWidgets.insert(page, widget);
    QAction *action = m_pagesMenu->addAction(icon, title);
    action->setObjectName(widget->objectName() + u"Action");
    action->setCheckable(true);
    action->setShortcut(shortcut);
    action->setToolTip(tr("%1 (%2)").arg(widget->accessibleName(), shortcut.toString(QKeySequence::NativeText)));
    m_pageActions->addAction(action);
    m_sidebar->addAction(action);
    m_pageActionFor.insert(page, action);
    connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
}

MainWindow::Page MainWindow::currentPage() const
{
    return m_pageWidgets.key(m_pages->currentWidget(), Page::Start);
}

void MainWindow::showPage(Page page)
{
    QWidget *widget = m_pageWidgets.value(page);
    if (!widget)
        return;
    m_pages->setCurrentWidget(widget);
    m_pageActionFor.value(page)->setChecked(true);
    updateActions();
}

SourceView *MainWindow::sourceView() const
{
    return m_findingsPage->sourcePane()->view();
}

void MainWindow::setupActions()
{
    m_openFolderAction = new QAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("&Open Folder…"), this);
    m_openFolderAction->setObjectName(QStringLiteral("openFolderAction"));
    m_openFolderAction->setShortcut(QKeySequence::Open);
    m_openFolderAction->setToolTip(tr("Open a folder and scan it (Ctrl+O)"));
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::chooseFolder);

    m_openFileAction = new QAction(tr("Open &File…"), this);
    m_openFileAction->setObjectName(QStringLiteral("openFileAction"));
    m_openFileAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openFileAction, &QAction::triggered, this, &MainWindow::chooseFile);

    m_openSampleAction = new QAction(tr("Open the &Sample Backend"), this);
    m_openSampleAction->setObjectName(QStringLiteral("openSampleAction"));
    connect(m_openSampleAction, &QAction::triggered, this, &MainWindow::openSample);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    m_rescanAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Rescan"), this);
    m_rescanAction->setObjectName(QStringLiteral("rescanAction"));
    m_rescanAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_rescanAction->setToolTip(tr("Scan the folder again (F5)"));
    connect(m_rescanAction, &QAction::triggered, this, &MainWindow::rescan);

    m_cancelAction = new QAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel Scan"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelScanAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the running scan (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelScan);

    m_nextAction = new QAction(style()->standardIcon(QStyle::SP_ArrowDown), tr("&Next Finding"), this);
    m_nextAction->setObjectName(QStringLiteral("nextFindingAction"));
    m_nextAction->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_nextAction, &QAction::triggered, m_findingsPage, &FindingsPage::selectNextFinding);

    m_previousAction = new QAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("&Previous Finding"), this);
    m_previousAction->setObjectName(QStringLiteral("previousFindingAction"));
    m_previousAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    connect(m_previousAction, &QAction::triggered, m_findingsPage, &FindingsPage::selectPreviousFinding);

    m_focusFilterAction = new QAction(tr("&Filter Findings"), this);
    m_focusFilterAction->setObjectName(QStringLiteral("focusFilterAction"));
    m_focusFilterAction->setShortcut(QKeySequence::Find);
    connect(m_focusFilterAction, &QAction::triggered, this, [this] {
        showPage(Page::Findings);
        m_findingsPage->focusFilter();
    });

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_aboutAction = new QAction(tr("&About PoolProof"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::setupMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_openFolderAction);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    fileMenu->addAction(m_openSampleAction);
    fileMenu->addAction(m_openFileAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *scanMenu = menuBar()->addMenu(tr("&Scan"));
    scanMenu->addAction(m_rescanAction);
    scanMenu->addAction(m_cancelAction);

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->addAction(m_nextAction);
    goMenu->addAction(m_previousAction);
    goMenu->addSeparator();
    goMenu->addAction(m_focusFilterAction);

    m_pagesMenu = menuBar()->addMenu(tr("&View"));

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(m_aboutAction);
}

void MainWindow::setupToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openFolderAction);
    toolBar->addAction(m_rescanAction);
    toolBar->addAction(m_cancelAction);
    toolBar->addSeparator();
    toolBar->addAction(m_previousAction);
    toolBar->addAction(m_nextAction);
    toolBar->addSeparator();

    auto *label = new QLabel(tr("&Pooler:"), toolBar);
    label->setContentsMargins(6, 0, 4, 0);
    label->setBuddy(m_profileSelector);
    m_profileSelector->setProfileId(m_profileId);
    connect(m_profileSelector, &ProfileSelector::profileChosen, this, &MainWindow::setProfileId);
    toolBar->addWidget(label);
    toolBar->addWidget(m_profileSelector);
}

void MainWindow::setupStatusBar()
{
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
    connect(m_progress, &ScanProgressWidget::cancelRequested, this, &MainWindow::cancelScan);
}

// A column of page buttons on the left, like hotspot's and Kate's sidebars: every page one
// click (or Ctrl+number) away, the current one checked.
void MainWindow::setupSidebar()
{
    m_sidebar = new QToolBar(tr("Pages"), this);
    m_sidebar->setObjectName(QStringLiteral("pagesSidebar"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setMovable(false);
    m_sidebar->setFloatable(false);
    m_sidebar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->toggleViewAction()->setEnabled(false); // the only way to every page: not hideable
    addToolBar(Qt::LeftToolBarArea, m_sidebar);
    m_pageActions->setExclusive(true);
}

void MainWindow::connectScan()
{
    connect(m_scanController, &ScanController::progressChanged, m_progress, &ScanProgressWidget::setProgress);
    connect(m_scanController, &ScanController::findingsFound, m_findingsPage, &FindingsPage::addFindings);
    connect(m_scanController, &ScanController::finished, this, &MainWindow::scanFinished);
    connect(m_auditController, &AuditController::finished, this, &MainWindow::auditFinished);
    connect(m_historyController, &HistoryController::snapshotReady, this, &MainWindow::historyChanged);
    connect(m_scanController, &ScanController::runningChanged, this, [this](bool running) {
        m_progress->setVisible(running);
        if (running)
            m_progress->reset();
        updateActions();
    });
}

bool MainWindow::openPath(const QString &path)
{
    return QFileInfo(path).isDir() ? openFolder(path) : openFile(path);
}

bool MainWindow::openFolder(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir()) {
        statusBar()->showMessage(tr("%1 is not a folder").arg(QDir::toNativeSeparators(path)), 8000);
        return false;
    }
    m_root = info.canonicalFilePath();
    Settings::addRecentFolder(m_root);
    updateRecentFolders();
    setWindowTitle(tr("%1 – PoolProof").arg(QFileInfo(m_root).fileName()));
    m_environmentsPage->setRoot(m_root);
    m_historyPage->setRoot(m_root);
    m_historyController->load(m_root);
    applyProjectFile();
    showPage(Page::Findings);
    startScan(FindingsPage::ScanMode::Fresh);
    return true;
}

// The repository's .poolproof.json names its pooler and what to leave out; the window follows it
// as the command line does. The choice is the repository's, so it is not saved as a preference.
void MainWindow::applyProjectFile()
{
    QString error;
    const std::optional<ProjectFile> project = ProjectFile::read(m_root, &error);
    m_projectExcludes = project ? project->exclude : QStringList();
    if (!project) {
        statusBar()->showMessage(error, 15000);
        return;
    }
    if (!project->pooler.isEmpty() && project->pooler != m_profileId
        && RuleCatalog::builtin().profile(project->pooler)) {
        m_profileId = project->pooler;
        m_profileSelector->setProfileId(m_profileId);
    }
}

bool MainWindow::openFile(const QString &path)
{
    if (QFileInfo(path).isDir())
        return openFolder(path);
    QString error;
    showPage(Page::Findings);
    if (!m_findingsPage->showFile(path, &error)) {
        statusBar()->showMessage(error);
        return false;
    }
    setWindowTitle(tr("%1 – PoolProof").arg(QDir::toNativeSeparators(path)));
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::openSample()
{
    const QString sample = sampleBackendDir();
    if (sample.isEmpty()) {
        statusBar()->showMessage(tr("The sample backend was not found (set POOLPROOF_SAMPLE_DIR to its folder)."),
                                 8000);
        return false;
    }
    return openFolder(sample);
}

void MainWindow::rescan()
{
    if (!m_root.isEmpty())
        startScan(FindingsPage::ScanMode::Refresh);
}

void MainWindow::cancelScan()
{
    if (m_scanController->isRunning()) {
        m_scanController->cancel();
        statusBar()->showMessage(tr("Cancelling the scan…"));
    }
}

void MainWindow::setProfileId(const QString &profileId)
{
    if (profileId == m_profileId || !RuleCatalog::builtin().profile(profileId))
        return;
    m_profileId = profileId;
    Settings::setProfileId(profileId);
    m_profileSelector->setProfileId(profileId);
    if (m_root.isEmpty())
        return;
    // Instant: grade what is shown from the catalog. Then a rescan settles the rest, e.g. a SET
    // of a parameter one pooler tracks and another does not.
    m_findingsPage->regrade(profileId);
    startScan(FindingsPage::ScanMode::Refresh);
}

void MainWindow::startScan(FindingsPage::ScanMode mode)
{
    ScanOptions options;
    options.root = m_root;
    options.profileId = m_profileId;
    options.walk.excludes = m_projectExcludes;
    m_findingsPage->beginScan(m_root, m_profileId, mode);
    m_exportPage->setPending(m_root);
    m_scanController->start(options);
    statusBar()->showMessage(tr("Scanning %1…").arg(QDir::toNativeSeparators(m_root)));
}

void MainWindow::scanFinished(const ScanResult &result)
{
    m_findingsPage->finishScan(result);
    // The environments and the report reuse this scan; a stale result (another folder opened
    // meanwhile) is not audited.
    if (result.error.isEmpty() && QFileInfo(result.root).canonicalFilePath() == m_root) {
        m_auditController->start(result, m_root, m_profileId);
        m_historyController->record(result);
    }
    if (!result.error.isEmpty()) {
        statusBar()->showMessage(result.error);
    } else if (result.cancelled) {
        statusBar()->showMessage(
            tr("Scan cancelled: %1 of %2 files scanned.").arg(result.filesScanned).arg(result.filesListed), 8000);
    } else {
        statusBar()->showMessage(
            tr("Scan finished in %1 s.").arg(QLocale().toString(double(result.durationMs) / 1000.0, 'f', 2)), 8000);
    }
    updateActions();
}

void MainWindow::auditFinished(const AuditResult &result)
{
    if (result.root != m_root)
        return;
    m_environmentsPage->setAudit(result.environments, result.environmentsError);
    m_exportPage->setAudit(result);
}

void MainWindow::historyChanged(const HistorySnapshot &snapshot)
{
    if (snapshot.root != m_root)
        return;
    m_historyPage->setSnapshot(snapshot);
    const bool compared = snapshot.recorded && snapshot.previous;
    QSet<QString> added;
    for (const Finding &finding : snapshot.comparison.added)
        added.insert(finding.fingerprint);
    m_findingsPage->setComparison(added, compared, compared ? int(snapshot.comparison.fixed.size()) : 0);
    if (!snapshot.error.isEmpty())
        statusBar()->showMessage(snapshot.error, 8000);
}

void MainWindow::updateActions()
{
    const bool running = m_scanController->isRunning();
    const bool onFindings = currentPage() == Page::Findings;
    m_cancelAction->setEnabled(running);
    m_rescanAction->setEnabled(!m_root.isEmpty());
    m_nextAction->setEnabled(onFindings);
    m_previousAction->setEnabled(onFindings);
    m_openSampleAction->setEnabled(!sampleBackendDir().isEmpty());
}

void MainWindow::updateRecentFolders()
{
    const QStringList folders = Settings::recentFolders();
    m_startPage->setRecentFolders(folders);
    m_recentMenu->clear();
    for (const QString &folder : folders) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(folder));
        connect(action, &QAction::triggered, this, [this, folder] { openFolder(folder); });
    }
    if (!folders.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            Settings::clearRecentFolders();
            updateRecentFolders();
        });
    }
    m_recentMenu->setEnabled(!folders.isEmpty());
}

void MainWindow::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Folder"), m_root);
    if (!path.isEmpty())
        openFolder(path);
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open File"), m_root);
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About PoolProof"),
        tr("<h3>PoolProof %1</h3><p>Tells whether a backend is ready for PgBouncer in transaction pooling "
           "mode, and why not.</p>")
            .arg(QString::fromLatin1(poolproof::versionString)));
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = Settings::windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: most of the screen, as analyzers need the room for tree and source.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(qMin(1440, available.width() * 9 / 10), qMin(900, available.height() * 9 / 10));
    }
    restoreState(Settings::windowState());
    m_findingsPage->restoreState(Settings::findingsPageState());
    m_environmentsPage->restoreState(Settings::environmentsPageState());
    m_findingsPage->filterBar()->setGroupBy(GroupBy(qBound(0, Settings::groupBy(), 2)));
}

void MainWindow::saveSettings()
{
    Settings::setWindowGeometry(saveGeometry(), saveState());
    Settings::setFindingsPageState(m_findingsPage->saveState());
    Settings::setEnvironmentsPageState(m_environmentsPage->saveState());
    Settings::setGroupBy(int(m_findingsPage->filterBar()->groupBy()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_scanController->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openPath(path);
}

} // namespace poolproof::gui
