#include "findingsfilterproxy.h"

#include "findingsmodel.h"

namespace poolproof::gui {

FindingsFilterProxy::FindingsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A group is accepted when one of its findings is: groups themselves never match.
    setRecursiveFilteringEnabled(true);
    setSortRole(FindingsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void FindingsFilterProxy::setSeverityShown(Severity severity, bool shown)
{
    if (isSeverityShown(severity) == shown)
        return;
    if (shown)
        m_hiddenSeverities.remove(int(severity));
    else
        m_hiddenSeverities.insert(int(severity));
    refilter();
}

void FindingsFilterProxy::setSuppressedShown(bool shown)
{
    if (m_suppressedShown == shown)
        return;
    m_suppressedShown = shown;
    refilter();
}

void FindingsFilterProxy::setNewOnly(bool newOnly)
{
    if (m_newOnly == newOnly)
        return;
    m_newOnly = newOnly;
    refilter();
}

void FindingsFilterProxy::setRuleFilter(const QString &ruleId)
{
    if (m_ruleId == ruleId)
        return;
    m_ruleId = ruleId;
    refilter();
}

void FindingsFilterProxy::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    refilter();
}

int FindingsFilterProxy::visibleFindingCount() const
{
    int count = 0;
    for (int group = 0; group < rowCount(); ++group)
        count += rowCount(index(group, 0));
    return count;
}

QVariant FindingsFilterProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() == FindingsModel::LocationColumn && !index.parent().isValid()
        && (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)) {
        // Count what is shown, not what the model holds: "PB101 Session-level SET (2)" after filtering.
        const QString label = QSortFilterProxyModel::data(index, FindingsModel::GroupLabelRole).toString();
        return FindingsModel::labelWithCount(label, rowCount(index));
    }
    return QSortFilterProxyModel::data(index, role);
}

bool FindingsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!sourceParent.isValid())
        return false; // a group: shown when one of its findings is (recursive filtering)
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_hiddenSeverities.contains(source.data(FindingsModel::SeverityRole).toInt()))
        return false;
    if (!m_suppressedShown && source.data(FindingsModel::SuppressedRole).toBool())
        return false;
    if (m_newOnly && !source.data(FindingsModel::NewRole).toBool())
        return false;
    if (!m_ruleId.isEmpty() && source.data(FindingsModel::RuleIdRole).toString() != m_ruleId)
        return false;
    if (!m_text.isEmpty()
        && !source.data(FindingsModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

void FindingsFilterProxy::refilter()
{
    invalidateFilter();
    // The group rows' counts depend on the filter too.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DisplayRole, Qt::AccessibleTextRole});
}

} // namespace poolproof::gui
