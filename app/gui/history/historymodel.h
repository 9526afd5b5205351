#pragma once

#include "historysnapshot.h"

#include <QAbstractTableModel>

namespace poolproof::gui {

// A thin table over a repository's recorded scans, newest first.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        CommitColumn,
        ProfileColumn,
        FindingsColumn,
        ErrorsColumn,
        WarningsColumn,
        NewColumn,
        FixedColumn,
        ColumnCount
    };
    enum Role { EntryIdRole = Qt::UserRole + 1 };

    explicit HistoryModel(QObject *parent = nullptr);

    const QList<HistoryRow> &rows() const { return m_rows; }
    void setRows(const QList<HistoryRow> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryRow> m_rows;
};

// What changed between the latest scan and the one before it: new findings first, then the
// fixed ones, each with its rule and place.
class ScanChangesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ChangeColumn, SeverityColumn, RuleColumn, LocationColumn, MessageColumn, ColumnCount };
    enum Role { IsNewRole = Qt::UserRole + 1 };

    explicit ScanChangesModel(QObject *parent = nullptr);

    void setComparison(const poolproof::ScanComparison &comparison);
    void clear();
    int addedCount() const { return int(m_added.size()); }
    int fixedCount() const { return int(m_fixed.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<poolproof::Finding> m_added;
    QList<poolproof::HistoryFinding> m_fixed;
};

} // namespace poolproof::gui
