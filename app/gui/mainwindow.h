#pragma once

#include "audit/audit.h"
#include "pages/findingspage.h"

#include <QHash>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace poolproof::gui {

class AuditController;
class EnvironmentsPage;
class ExportPage;
class HistoryController;
class HistoryPage;
struct HistorySnapshot;
class ProfileSelector;
class ScanController;
class ScanProgressWidget;
class SourceView;
class StartPage;

// The application window: menus, toolbar with the pooler profile, status bar with the scan's
// progress, and a stack of pages. It owns the scan and routes its results to the findings page;
// everything else is done by the pages.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Each page fills the window's centre; the sidebar and Ctrl+1.. switch between them.
    enum class Page { Start, Findings, Environments, Export, History };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // A folder is scanned, a file is shown.
    bool openPath(const QString &path);
    bool openFolder(const QString &path);
    // Shows a file in the source view; reports failure in the status bar.
    bool openFile(const QString &path);
    bool openSample();
    void rescan();
    void cancelScan();

    QString profileId() const { return m_profileId; }
    // Re-grades the findings shown at once and rescans the folder for the profile.
    void setProfileId(const QString &profileId);

    Page currentPage() const;
    bool hasPage(Page page) const { return m_pageWidgets.contains(page); }
    void showPage(Page page);

    ScanController *scanController() const { return m_scanController; }
    StartPage *startPage() const { return m_startPage; }
    FindingsPage *findingsPage() const { return m_findingsPage; }
    EnvironmentsPage *environmentsPage() const { return m_environmentsPage; }
    ExportPage *exportPage() const { return m_exportPage; }
    HistoryPage *historyPage() const { return m_historyPage; }
    HistoryController *historyController() const { return m_historyController; }
    AuditController *auditController() const { return m_auditController; }
    SourceView *sourceView() const;
    QString root() const { return m_root; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void addPage(Page page, QWidget *widget, const QString &title, const QIcon &icon, const QKeySequence &shortcut);
    void setupActions();
    void setupMenus();
    void setupToolBar();
    void setupStatusBar();
    void setupSidebar();
    void connectScan();
    void startScan(FindingsPage::ScanMode mode);
    void applyProjectFile();
    void scanFinished(const poolproof::ScanResult &result);
    void auditFinished(const poolproof::AuditResult &result);
    void historyChanged(const HistorySnapshot &snapshot);
    void updateActions();
    void updateRecentFolders();
    void chooseFolder();
    void chooseFile();
    void showSettings();
    void showAbout();
    void restoreSettings();
    void saveSettings();

    QStackedWidget *m_pages;
    StartPage *m_startPage;
    FindingsPage *m_findingsPage;
    EnvironmentsPage *m_environmentsPage;
    ExportPage *m_exportPage;
    HistoryPage *m_historyPage;
    ScanController *m_scanController;
    AuditController *m_auditController;
    HistoryController *m_historyController;
    ScanProgressWidget *m_progress;
    ProfileSelector *m_profileSelector;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_pagesMenu = nullptr;
    QToolBar *m_sidebar = nullptr;
    QActionGroup *m_pageActions;
    QHash<Page, QWidget *> m_pageWidgets;
    QHash<Page, QAction *> m_pageActionFor;

    QAction *m_openFolderAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_openSampleAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_rescanAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_focusFilterAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_aboutAction = nullptr;

    QString m_root;
    QString m_profileId;
    QStringList m_projectExcludes; // from the open repository's .poolproof.json
};

} // namespace poolproof::gui
