#pragma once

#include "scan/scanresult.h"

#include <QSet>
#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;
class QToolButton;

namespace poolproof::gui {

class DetailsPane;
class FindingsFilterBar;
class FindingsFilterProxy;
class FindingsModel;
class FindingsView;
class SourcePane;

// The findings of one folder beside its highlighted source: filter bar and tree on top, the
// current finding's file and its rule's details below. The window feeds it a scan's batches and
// result; the page keeps the selection, the source and the details in step.
class FindingsPage : public QWidget
{
    Q_OBJECT
public:
    // How a new scan's findings reach the tree.
    enum class ScanMode {
        Fresh, // another folder: clear the tree and show findings as they are found
        Refresh, // the same folder again (rescan, other pooler): keep the tree, replace it at the end
    };

    explicit FindingsPage(QWidget *parent = nullptr);

    void beginScan(const QString &root, const QString &profileId, ScanMode mode);
    void addFindings(const QList<poolproof::Finding> &batch);
    void finishScan(const poolproof::ScanResult &result);
    // Re-grades the findings shown for another profile at once, before a rescan confirms it.
    void regrade(const QString &profileId);
    // What the audit history says of the last scan: the findings new since the previous scan of
    // the folder (marked, and filterable) and how many of that scan's findings are gone.
    void setComparison(const QSet<QString> &newFingerprints, bool comparedWithPrevious, int fixedCount);
    // Shows a single file without a scan (a file given on the command line).
    bool showFile(const QString &path, QString *error = nullptr);

    QString root() const { return m_root; }
    QString profileId() const { return m_profileId; }
    std::optional<poolproof::ScanResult> lastResult() const { return m_lastResult; }

    void selectNextFinding();
    void selectPreviousFinding();
    void focusFilter();

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

    FindingsModel *model() const { return m_model; }
    FindingsFilterProxy *proxy() const { return m_proxy; }
    FindingsView *view() const { return m_view; }
    FindingsFilterBar *filterBar() const { return m_filterBar; }
    SourcePane *sourcePane() const { return m_sourcePane; }
    // Shows only the findings new since the previous scan; enabled once there is one to compare with.
    QToolButton *newOnlyButton() const { return m_newOnly; }
    DetailsPane *detailsPane() const { return m_detailsPane; }

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void setupFilterBar();
    void showCurrentFinding(const std::optional<poolproof::Finding> &finding);
    void showRuleOfCurrentRow(const QString &ruleId);
    void updateSummary();
    void replaceFindings(const QList<poolproof::Finding> &findings);

    FindingsModel *m_model;
    FindingsFilterProxy *m_proxy;
    FindingsFilterBar *m_filterBar;
    QLabel *m_summary;
    QToolButton *m_newOnly;
    FindingsView *m_view;
    SourcePane *m_sourcePane;
    DetailsPane *m_detailsPane;
    QSplitter *m_mainSplitter;
    QSplitter *m_bottomSplitter;
    QString m_root;
    QString m_profileId;
    ScanMode m_mode = ScanMode::Fresh;
    bool m_scanning = false;
    bool m_comparedWithPrevious = false;
    int m_fixedCount = 0;
    std::optional<poolproof::ScanResult> m_lastResult;
};

} // namespace poolproof::gui
