#pragma once

#include "scan/finding.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace poolproof::gui {

// Filters and orders a FindingsModel: by severity (each one on or off), suppressed findings on
// or off, one rule, and a text. A group stays while any of its findings does, and its count says
// how many of them are shown.
class FindingsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingsFilterProxy(QObject *parent = nullptr);

    bool isSeverityShown(poolproof::Severity severity) const { return !m_hiddenSeverities.contains(int(severity)); }
    void setSeverityShown(poolproof::Severity severity, bool shown);
    bool isSuppressedShown() const { return m_suppressedShown; }
    void setSuppressedShown(bool shown);
    QString ruleFilter() const { return m_ruleId; }
    void setRuleFilter(const QString &ruleId); // empty: every rule
    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &text);
    // Only the findings the previous scan of the folder did not report.
    bool isNewOnly() const { return m_newOnly; }
    void setNewOnly(bool newOnly);

    // Findings (leaves) that pass the filter.
    int visibleFindingCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QSet<int> m_hiddenSeverities;
    bool m_suppressedShown = true;
    bool m_newOnly = false;
    QString m_ruleId;
    QString m_text;
};

} // namespace poolproof::gui
