#include "findingsview.h"

#include "findingsfilterproxy.h"
#include "findingsmodel.h"

#include <QHeaderView>

namespace poolproof::gui {

FindingsView::FindingsView(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(QStringLiteral("findingsView"));
    setAccessibleName(tr("Findings"));
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSortingEnabled(true);
    setAllColumnsShowFocus(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);

    connect(this, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        m_collapsedGroups.insert(index.data(FindingsModel::GroupKeyRole).toString());
    });
    connect(this, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        m_collapsedGroups.remove(index.data(FindingsModel::GroupKeyRole).toString());
    });
}

void FindingsView::setFindingsModel(FindingsFilterProxy *proxy)
{
    m_proxy = proxy;
    setModel(proxy);
    setupHeader();
    sortByColumn(FindingsModel::LocationColumn, Qt::AscendingOrder);
    // Groups span the row and open by themselves as they arrive, during a scan and after a reset.
    connect(proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            spanAndExpandGroups(first, last);
    });
    connect(proxy, &QAbstractItemModel::modelReset, this, [this] {
        spanAndExpandGroups(0, m_proxy->rowCount() - 1);
        fitLocationColumn();
    });
    connect(proxy, &QAbstractItemModel::layoutChanged, this,
            [this] { spanAndExpandGroups(0, m_proxy->rowCount() - 1); });
    spanAndExpandGroups(0, proxy->rowCount() - 1);
}

void FindingsView::setupHeader()
{
    QHeaderView *h = header();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setSectionResizeMode(FindingsModel::MessageColumn, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(u'M');
    setColumnWidth(FindingsModel::LocationColumn, 26 * em);
    setColumnWidth(FindingsModel::RuleColumn, 6 * em);
    setColumnWidth(FindingsModel::SeverityColumn, 8 * em);
    setColumnWidth(FindingsModel::ConfidenceColumn, 8 * em);
    setColumnWidth(FindingsModel::SuppressionColumn, 12 * em);
}

void FindingsView::fitLocationColumn()
{
    // Whole paths are what users scan the list by: widen the column to the longest one, within
    // bounds, but never narrow what the user (or the saved state) made wider.
    const QFontMetrics metrics(font());
    int widest = 0;
    const QList<QModelIndex> leaves = findingIndexes();
    for (const QModelIndex &leaf : leaves)
        widest = qMax(widest, metrics.horizontalAdvance(leaf.data().toString()));
    const int em = metrics.horizontalAdvance(u'M');
    // A finding sits one level deep, after the root decoration: two indentations in.
    const int wanted = qBound(20 * em, widest + 2 * indentation() + 2 * em, 48 * em);
    if (wanted > columnWidth(FindingsModel::LocationColumn))
        setColumnWidth(FindingsModel::LocationColumn, wanted);
}

void FindingsView::spanAndExpandGroups(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex group = m_proxy->index(row, 0);
        setFirstColumnSpanned(row, QModelIndex(), true);
        if (!m_collapsedGroups.contains(group.data(FindingsModel::GroupKeyRole).toString()))
            expand(group);
    }
}

std::optional<Finding> FindingsView::currentFinding() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !current.parent().isValid())
        return std::nullopt;
    return current.siblingAtColumn(0).data(FindingsModel::FindingRole).value<Finding>();
}

QString FindingsView::currentRuleId() const
{
    return currentIndex().siblingAtColumn(0).data(FindingsModel::RuleIdRole).toString();
}

QList<QModelIndex> FindingsView::findingIndexes() const
{
    QList<QModelIndex> leaves;
    if (!m_proxy)
        return leaves;
    for (int group = 0; group < m_proxy->rowCount(); ++group) {
        const QModelIndex parent = m_proxy->index(group, 0);
        for (int row = 0; row < m_proxy->rowCount(parent); ++row)
            leaves.append(m_proxy->index(row, 0, parent));
    }
    return leaves;
}

bool FindingsView::selectNextFinding()
{
    return step(1);
}

bool FindingsView::selectPreviousFinding()
{
    return step(-1);
}

bool FindingsView::step(int direction)
{
    const QList<QModelIndex> leaves = findingIndexes();
    if (leaves.isEmpty())
        return false;
    const QModelIndex current = currentIndex().siblingAtColumn(0);
    qsizetype position = leaves.indexOf(current);
    if (position < 0) {
        // On a group (or nothing): go to its first finding, or the last one before it.
        position = direction > 0 ? -1 : 0;
        if (current.isValid() && !current.parent().isValid()) {
            for (qsizetype i = 0; i < leaves.size(); ++i) {
                if (leaves.at(i).parent() == current) {
                    position = direction > 0 ? i - 1 : i;
                    break;
                }
            }
        }
    }
    const qsizetype next = (position + direction + leaves.size()) % leaves.size();
    const QModelIndex target = leaves.at(next);
    expand(target.parent());
    setCurrentIndex(target);
    scrollTo(target);
    return true;
}

bool FindingsView::selectFinding(const QString &path, int line, const QString &ruleId)
{
    const QList<QModelIndex> leaves = findingIndexes();
    for (const QModelIndex &leaf : leaves) {
        if (leaf.data(FindingsModel::PathRole).toString() == path && leaf.data(FindingsModel::LineRole).toInt() == line
            && (ruleId.isEmpty() || leaf.data(FindingsModel::RuleIdRole).toString() == ruleId)) {
            expand(leaf.parent());
            setCurrentIndex(leaf);
            scrollTo(leaf);
            return true;
        }
    }
    return false;
}

bool FindingsView::selectFirstFinding()
{
    const QList<QModelIndex> leaves = findingIndexes();
    if (leaves.isEmpty())
        return false;
    expand(leaves.first().parent());
    setCurrentIndex(leaves.first());
    scrollTo(leaves.first());
    return true;
}

void FindingsView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    if (current.siblingAtColumn(0) == previous.siblingAtColumn(0) && current.isValid())
        return; // another column of the same row
    Q_EMIT currentFindingChanged(currentFinding());
    Q_EMIT currentRuleChanged(currentRuleId());
}

} // namespace poolproof::gui
