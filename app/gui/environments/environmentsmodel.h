#pragma once

#include "environmententry.h"

#include <QAbstractTableModel>

namespace poolproof::gui {

// A thin table over the environment entries: one row per connection setting. Sorting and
// filtering are EnvironmentsFilterProxy's.
class EnvironmentsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { EnvironmentColumn, SettingColumn, SourceColumn, UrlColumn, VerdictColumn, IssuesColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int(Severity) of the verdict; -1 when not checked
        UserAddedRole,
        EditedRole,
        SortRole, // orders the column naturally (errors first, counts as numbers)
        SearchTextRole, // everything the text filter looks at
    };

    explicit EnvironmentsModel(QObject *parent = nullptr);

    const QList<EnvironmentEntry> &entries() const { return m_entries; }
    void setEntries(const QList<EnvironmentEntry> &entries);
    void appendEntry(const EnvironmentEntry &entry);
    // Replaces one entry (after an edit) and tells the views that its row changed.
    void updateEntry(int row, const EnvironmentEntry &entry);
    void removeEntry(int row);
    const EnvironmentEntry *entry(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Error", "Warning", ... or "Not checked" for a setting defined elsewhere or left empty.
    static QString verdictText(const EnvironmentEntry &entry);

private:
    QList<EnvironmentEntry> m_entries;
};

} // namespace poolproof::gui
