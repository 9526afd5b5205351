#pragma once

#include "scan/finding.h"

#include <QSet>
#include <QTreeView>

#include <optional>

namespace poolproof::gui {

class FindingsFilterProxy;
class FindingsModel;

// The findings tree: groups spanning the whole row, expanded unless the user collapsed them, and
// keyboard navigation from finding to finding. It tells what is current; it opens nothing itself.
class FindingsView : public QTreeView
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindingsModel(FindingsFilterProxy *proxy);

    // The selected finding, if a finding (not a group) is selected.
    std::optional<poolproof::Finding> currentFinding() const;
    // The rule of the current row: a finding's, or a rule group's.
    QString currentRuleId() const;

    // Moves to the next (previous) finding in the order shown, across groups, wrapping around.
    bool selectNextFinding();
    bool selectPreviousFinding();
    // Selects the first finding at this place, e.g. to keep the selection across a rescan.
    bool selectFinding(const QString &path, int line, const QString &ruleId);
    bool selectFirstFinding();
    // Every finding in the order shown (proxy indexes of the leaves).
    QList<QModelIndex> findingIndexes() const;

Q_SIGNALS:
    // A finding became current; nullopt when a group or nothing is current.
    void currentFindingChanged(const std::optional<poolproof::Finding> &finding);
    void currentRuleChanged(const QString &ruleId);

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

private:
    bool step(int direction);
    void spanAndExpandGroups(int first, int last);
    void fitLocationColumn();
    void setupHeader();

    FindingsFilterProxy *m_proxy = nullptr;
    QSet<QString> m_collapsedGroups; // group keys the user collapsed, kept across resets
};

} // namespace poolproof::gui
