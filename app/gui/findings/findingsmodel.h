#pragma once

#include "scan/finding.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace poolproof::gui {

// What the first level of the findings tree is.
enum class GroupBy : quint8 { Rule, File, Severity };

// A thin two-level tree over a list of findings: groups (by rule, file or severity) and, below
// each, its findings. It holds no filter and no order: FindingsFilterProxy does both.
class FindingsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        LocationColumn,
        RuleColumn,
        SeverityColumn,
        MessageColumn,
        ConfidenceColumn,
        SuppressionColumn,
        ChangeColumn, // "New" when the previous scan of the folder did not report it
        ColumnCount
    };
    enum Role {
        FindingRole = Qt::UserRole + 1, // the Finding of a leaf
        IsGroupRole,
        GroupKeyRole, // rule id, path or severity id
        GroupLabelRole, // the group's text without its count
        SeverityRole, // int(Severity); for a group the worst unsuppressed one, -1 when none
        RuleIdRole,
        PathRole,
        LineRole,
        SuppressedRole,
        SearchTextRole, // everything the text filter looks at, in one string
        SortRole, // a string that orders the column naturally (lines as numbers, errors first)
        NewRole, // a leaf: not reported by the previous scan; a group: holds such a finding
    };

    explicit FindingsModel(QObject *parent = nullptr);

    GroupBy groupBy() const { return m_groupBy; }
    void setGroupBy(GroupBy groupBy);

    const QList<poolproof::Finding> &findings() const { return m_findings; }
    void setFindings(const QList<poolproof::Finding> &findings);
    // Appends a batch while a scan runs, as rows inserted into (or as) groups.
    void addFindings(const QList<poolproof::Finding> &batch);
    void clear(); // the findings and their "new" marks
    // Marks the findings whose fingerprints are given as new since the previous scan.
    void setNewFingerprints(const QSet<QString> &fingerprints);
    bool isNew(const poolproof::Finding &finding) const;
    int newCount() const;
    // Grades every finding for another pooler profile from the catalog, at once, and drops those
    // that are fine there. A rescan confirms it: some rules depend on more than the grade.
    void regrade(const QString &profileId);

    // The finding of a leaf index, or null for a group or an invalid index.
    const poolproof::Finding *finding(const QModelIndex &index) const;
    bool isGroup(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // "PB101 Session-level SET (3)": shared with the proxy, which counts only what it shows.
    static QString labelWithCount(const QString &label, int count);

private:
    struct Group {
        QString key;
        QList<int> rows; // indices into m_findings
    };
    // internalId of a group index; a leaf's internalId is its group's row.
    static constexpr quintptr groupMarker = ~quintptr(0);

    QString groupKey(const poolproof::Finding &finding) const;
    QString groupLabel(const Group &group) const;
    QString groupSortKey(const Group &group) const;
    int worstSeverity(const Group &group) const;
    void rebuildGroups();
    QVariant groupData(int groupRow, int column, int role) const;
    QVariant findingData(const poolproof::Finding &finding, int column, int role) const;

    QList<poolproof::Finding> m_findings;
    QSet<QString> m_newFingerprints;
    QList<Group> m_groups;
    QHash<QString, int> m_groupRows; // key -> row in m_groups
    GroupBy m_groupBy = GroupBy::Rule;
};

} // namespace poolproof::gui
