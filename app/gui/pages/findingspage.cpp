#include "findingspage.h"

#include "details/detailspane.h"
#include "findings/findingsfilterbar.h"
#include "findings/findingsfilterproxy.h"
#include "findings/findingsmodel.h"
#include "findings/findingsview.h"
#include "findings/severitystyle.h"
#include "sourceview/findingmarks.h"
#include "sourceview/sourcepane.h"

#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace poolproof::gui {

namespace {

constexpr quint32 stateVersion = 1;

// What identifies the selected finding across a reset of the model (a rescan or a re-grade).
struct SelectionKey {
    QString path;
    int line = 0;
    QString ruleId;
};

std::optional<SelectionKey> selectionKey(const FindingsView *view)
{
    const std::optional<Finding> finding = view->currentFinding();
    if (!finding)
        return std::nullopt;
    return SelectionKey {finding->location.path, finding->location.line, finding->ruleId};
}

} // namespace

FindingsPage::FindingsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new FindingsModel(this))
    , m_proxy(new FindingsFilterProxy(this))
    , m_filterBar(new FindingsFilterBar(this))
    , m_summary(new QLabel(this))
    , m_newOnly(new QToolButton(this))
    , m_view(new FindingsView(this))
    , m_sourcePane(new SourcePane(this))
    , m_detailsPane(new DetailsPane(this))
    , m_mainSplitter(new QSplitter(Qt::Vertical, this))
    , m_bottomSplitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("findingsPage"));
    setAccessibleName(tr("Findings"));
    m_proxy->setSourceModel(m_model);
    m_view->setFindingsModel(m_proxy);
    m_summary->setObjectName(QStringLiteral("findingsSummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setupFilterBar();

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 6, 6, 0);
    topLayout->setSpacing(4);
    topLayout->addWidget(m_filterBar);
    // The "new" filter sits by the summary that counts the new findings.
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_newOnly);
    topLayout->addLayout(summaryRow);
    topLayout->addWidget(m_view, 1);

    m_mainSplitter->setObjectName(QStringLiteral("findingsSplitter"));
    m_bottomSplitter->setObjectName(QStringLiteral("sourceSplitter"));
    m_bottomSplitter->addWidget(m_sourcePane);
    m_bottomSplitter->addWidget(m_detailsPane);
    m_bottomSplitter->setStretchFactor(0, 3);
    m_bottomSplitter->setStretchFactor(1, 2);
    m_bottomSplitter->setSizes({900, 600});
    m_mainSplitter->addWidget(top);
    m_mainSplitter->addWidget(m_bottomSplitter);
    m_mainSplitter->setStretchFactor(0, 4);
    m_mainSplitter->setStretchFactor(1, 5);
    m_mainSplitter->setSizes({400, 500});
    m_mainSplitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);

    connect(m_view, &FindingsView::currentFindingChanged, this, &FindingsPage::showCurrentFinding);
    connect(m_view, &FindingsView::currentRuleChanged, this, &FindingsPage::showRuleOfCurrentRow);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &FindingsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &FindingsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FindingsPage::updateSummary);
    connect(m_sourcePane, &SourcePane::loadFailed, this,
            [this](const QString &, const QString &error) { Q_EMIT statusMessage(error); });
    updateSummary();
}

void FindingsPage::setupFilterBar()
{
    connect(m_filterBar, &FindingsFilterBar::groupByChanged, this, [this](GroupBy groupBy) {
        const std::optional<SelectionKey> key = selectionKey(m_view);
        m_model->setGroupBy(groupBy);
        if (key)
            m_view->selectFinding(key->path, key->line, key->ruleId);
    });
    connect(m_filterBar, &FindingsFilterBar::severityToggled, m_proxy, &FindingsFilterProxy::setSeverityShown);
    connect(m_filterBar, &FindingsFilterBar::suppressedToggled, m_proxy, &FindingsFilterProxy::setSuppressedShown);
    m_newOnly->setObjectName(QStringLiteral("newOnlyFilterButton"));
    m_newOnly->setText(tr("New Only"));
    m_newOnly->setToolTip(tr("Show only the findings the previous scan of this folder did not report"));
    m_newOnly->setAccessibleName(tr("Show only new findings"));
    m_newOnly->setCheckable(true);
    m_newOnly->setAutoRaise(true);
    m_newOnly->setEnabled(false);
    connect(m_newOnly, &QToolButton::toggled, m_proxy, &FindingsFilterProxy::setNewOnly);
    connect(m_newOnly, &QToolButton::toggled, this, &FindingsPage::updateSummary);
    connect(m_filterBar, &FindingsFilterBar::ruleChanged, m_proxy, &FindingsFilterProxy::setRuleFilter);
    connect(m_filterBar, &FindingsFilterBar::textChanged, m_proxy, &FindingsFilterProxy::setTextFilter);
    // A filter changes what the summary counts as shown.
    connect(m_filterBar, &FindingsFilterBar::ruleChanged, this, &FindingsPage::updateSummary);
    connect(m_filterBar, &FindingsFilterBar::textChanged, this, &FindingsPage::updateSummary);
    connect(m_filterBar, &FindingsFilterBar::severityToggled, this, &FindingsPage::updateSummary);
    connect(m_filterBar, &FindingsFilterBar::suppressedToggled, this, &FindingsPage::updateSummary);
}

void FindingsPage::beginScan(const QString &root, const QString &profileId, ScanMode mode)
{
    m_mode = mode;
    m_scanning = true;
    m_profileId = profileId;
    m_detailsPane->setProfileId(profileId);
    if (mode == ScanMode::Fresh || root != m_root) {
        m_mode = ScanMode::Fresh;
        m_root = root;
        m_lastResult.reset();
        m_model->clear();
        setComparison({}, false, 0);
        m_sourcePane->clear();
        m_detailsPane->showPlaceholder();
    }
    updateSummary();
}

void FindingsPage::addFindings(const QList<Finding> &batch)
{
    // A refresh keeps the findings of the last scan in view until the new ones are complete,
    // so that the tree does not empty and refill under the user.
    if (m_mode == ScanMode::Fresh)
        m_model->addFindings(batch);
}

void FindingsPage::finishScan(const ScanResult &result)
{
    m_scanning = false;
    m_lastResult = result;
    if (!result.root.isEmpty())
        m_root = result.root;
    m_profileId = result.profileId.isEmpty() ? m_profileId : result.profileId;
    m_detailsPane->setProfileId(m_profileId);
    // The final list is sorted and carries fingerprints, which the batches do not.
    replaceFindings(result.findings);
    if (!m_view->currentFinding() && !result.cancelled)
        m_view->selectFirstFinding();
    updateSummary();
    if (!result.error.isEmpty())
        Q_EMIT statusMessage(result.error);
}

void FindingsPage::regrade(const QString &profileId)
{
    m_profileId = profileId;
    m_detailsPane->setProfileId(profileId);
    const std::optional<SelectionKey> key = selectionKey(m_view);
    m_model->regrade(profileId);
    if (key)
        m_view->selectFinding(key->path, key->line, key->ruleId);
    updateSummary();
}

void FindingsPage::replaceFindings(const QList<Finding> &findings)
{
    const std::optional<SelectionKey> key = selectionKey(m_view);
    m_model->setFindings(findings);
    if (key)
        m_view->selectFinding(key->path, key->line, key->ruleId);
    // The marks of the file shown may have new colours or new lines.
    if (!m_sourcePane->filePath().isEmpty() && !m_root.isEmpty()) {
        const QString relative = QDir(m_root).relativeFilePath(m_sourcePane->filePath());
        m_sourcePane->setMarks(lineMarksForFile(m_model->findings(), relative, palette()), key ? key->line : 0);
    }
}

void FindingsPage::setComparison(const QSet<QString> &newFingerprints, bool comparedWithPrevious, int fixedCount)
{
    m_comparedWithPrevious = comparedWithPrevious;
    m_fixedCount = fixedCount;
    m_model->setNewFingerprints(comparedWithPrevious ? newFingerprints : QSet<QString>());
    if (!comparedWithPrevious)
        m_newOnly->setChecked(false);
    m_newOnly->setEnabled(comparedWithPrevious);
    updateSummary();
}

bool FindingsPage::showFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    QString relative;
    if (!m_root.isEmpty()) {
        relative = QDir(m_root).relativeFilePath(absolute);
        if (relative.startsWith(u"../"))
            relative.clear();
    }
    if (!m_sourcePane->openFile(absolute, relative.isEmpty() ? QDir::toNativeSeparators(absolute) : relative, error))
        return false;
    if (!relative.isEmpty())
        m_sourcePane->setMarks(lineMarksForFile(m_model->findings(), relative, palette()));
    return true;
}

void FindingsPage::showCurrentFinding(const std::optional<Finding> &finding)
{
    if (!finding)
        return; // a group or nothing: the source stays as it is
    m_detailsPane->showFinding(*finding);
    if (m_root.isEmpty())
        return;
    const QString absolute = QDir(m_root).filePath(finding->location.path);
    if (m_sourcePane->filePath() != absolute) {
        QString error;
        if (!m_sourcePane->openFile(absolute, finding->location.path, &error)) {
            Q_EMIT statusMessage(error);
            return;
        }
    }
    m_sourcePane->setMarks(lineMarksForFile(m_model->findings(), finding->location.path, palette()),
                           finding->location.line);
}

void FindingsPage::showRuleOfCurrentRow(const QString &ruleId)
{
    if (m_view->currentFinding())
        return; // showCurrentFinding shows the finding with its rule
    if (ruleId.isEmpty())
        m_detailsPane->showPlaceholder();
    else
        m_detailsPane->showRule(ruleId);
}

void FindingsPage::updateSummary()
{
    const QList<Finding> &findings = m_model->findings();
    int counts[4] = {0, 0, 0, 0};
    int suppressed = 0;
    for (const Finding &finding : findings) {
        if (finding.suppressed)
            ++suppressed;
        else
            ++counts[int(finding.severity)];
    }
    if (m_root.isEmpty()) {
        m_summary->setText(tr("No folder scanned."));
        return;
    }
    // Label and number, not a sentence: no plural forms to get wrong in any language.
    QStringList parts {tr("Findings: %1").arg(findings.size()), tr("Errors: %1").arg(counts[int(Severity::Error)]),
                       tr("Warnings: %1").arg(counts[int(Severity::Warning)]),
                       tr("Info: %1").arg(counts[int(Severity::Info)]), tr("Suppressed: %1").arg(suppressed)};
    if (m_comparedWithPrevious)
        parts << tr("New: %1").arg(m_model->newCount()) << tr("Fixed: %1").arg(m_fixedCount);
    const int shown = m_proxy->visibleFindingCount();
    if (shown != findings.size())
        parts << tr("Shown: %1").arg(shown);
    if (m_scanning) {
        parts.prepend(tr("Scanning…"));
    } else if (m_lastResult) {
        if (m_lastResult->cancelled)
            parts.prepend(tr("Scan cancelled"));
        parts << tr("Files scanned: %1 of %2").arg(m_lastResult->filesScanned).arg(m_lastResult->filesListed);
        if (!m_lastResult->notes.isEmpty()) {
            parts << tr("Notes: %1").arg(m_lastResult->notes.size());
            QStringList lines;
            for (const ScanNote &note : std::as_const(m_lastResult->notes)) {
                if (lines.size() == 20) {
                    lines << tr("…");
                    break;
                }
                lines << (note.path.isEmpty() ? note.message : note.path + u": " + note.message);
            }
            m_summary->setToolTip(lines.join(u'\n'));
        } else {
            m_summary->setToolTip(QString());
        }
        if (!m_lastResult->error.isEmpty())
            parts = QStringList {m_lastResult->error};
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void FindingsPage::selectNextFinding()
{
    m_view->selectNextFinding();
}

void FindingsPage::selectPreviousFinding()
{
    m_view->selectPreviousFinding();
}

void FindingsPage::focusFilter()
{
    m_filterBar->focusSearch();
}

QByteArray FindingsPage::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream << stateVersion << m_mainSplitter->saveState() << m_bottomSplitter->saveState()
           << m_view->header()->saveState();
    return state;
}

void FindingsPage::restoreState(const QByteArray &state)
{
    if (state.isEmpty())
        return;
    QDataStream stream(state);
    quint32 version = 0;
    QByteArray main;
    QByteArray bottom;
    QByteArray header;
    stream >> version >> main >> bottom >> header;
    if (version != stateVersion || stream.status() != QDataStream::Ok)
        return;
    m_mainSplitter->restoreState(main);
    m_bottomSplitter->restoreState(bottom);
    m_view->header()->restoreState(header);
}

} // namespace poolproof::gui
