#include "environmentsfilterproxy.h"

#include "environmentsmodel.h"

#include "scan/finding.h"

namespace poolproof::gui {

EnvironmentsFilterProxy::EnvironmentsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EnvironmentsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Edits change verdicts and counts; the filter must see them at once.
    setDynamicSortFilter(true);
}

void EnvironmentsFilterProxy::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void EnvironmentsFilterProxy::setProblemsOnly(bool problemsOnly)
{
    if (problemsOnly == m_problemsOnly)
        return;
    m_problemsOnly = problemsOnly;
    invalidateRowsFilter();
}

bool EnvironmentsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_problemsOnly && index.data(EnvironmentsModel::SeverityRole).toInt() < int(Severity::Warning))
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(EnvironmentsModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace poolproof::gui
