#include "historymodel.h"

#include "findings/severitystyle.h"
#include "rules/rulecatalog.h"

#include <QLocale>

namespace poolproof::gui {

namespace {

QString profileName(const QString &id)
{
    const PoolerProfile *profile = RuleCatalog::builtin().profile(id);
    return profile ? RuleCatalog::translated(profile->name) : id;
}

QString place(const QString &path, int line)
{
    return line > 0 ? path + u':' + QString::number(line) : path;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setRows(const QList<HistoryRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistoryRow &row = m_rows.at(index.row());
    const HistoryEntry &entry = row.entry;
    if (role == EntryIdRole)
        return entry.id;
    if (role == Qt::TextAlignmentRole && index.column() >= FindingsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == CommitColumn)
        return entry.commit.isEmpty() ? tr("Not a git work tree, or no commit yet") : entry.commit;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case DateColumn: return QLocale().toString(entry.date.toLocalTime(), QLocale::ShortFormat);
    case CommitColumn: return entry.commit.isEmpty() ? tr("–") : entry.commit.left(10);
    case ProfileColumn: return profileName(entry.profileId);
    case FindingsColumn: return entry.findingCount;
    case ErrorsColumn: return entry.errorCount;
    case WarningsColumn: return entry.warningCount;
    case NewColumn: return row.added < 0 ? QVariant(tr("–")) : QVariant(row.added);
    case FixedColumn: return row.fixed < 0 ? QVariant(tr("–")) : QVariant(row.fixed);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DateColumn: return tr("Date");
    case CommitColumn: return tr("Commit");
    case ProfileColumn: return tr("Pooler Profile");
    case FindingsColumn: return tr("Findings");
    case ErrorsColumn: return tr("Errors");
    case WarningsColumn: return tr("Warnings");
    case NewColumn: return tr("New");
    case FixedColumn: return tr("Fixed");
    }
    return {};
}

ScanChangesModel::ScanChangesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ScanChangesModel::setComparison(const ScanComparison &comparison)
{
    beginResetModel();
    m_added = comparison.added;
    m_fixed = comparison.fixed;
    endResetModel();
}

void ScanChangesModel::clear()
{
    beginResetModel();
    m_added.clear();
    m_fixed.clear();
    endResetModel();
}

int ScanChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_added.size() + m_fixed.size());
}

int ScanChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScanChangesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const bool isNew = index.row() < m_added.size();
    const Finding *added = isNew ? &m_added.at(index.row()) : nullptr;
    const HistoryFinding *fixed = isNew ? nullptr : &m_fixed.at(index.row() - m_added.size());
    const Severity severity = added ? added->severity : fixed->severity;
    const QString ruleId = added ? added->ruleId : fixed->ruleId;
    switch (role) {
    case IsNewRole: return isNew;
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? QVariant(SeverityStyle::icon(severity)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == RuleColumn) {
            const Rule *rule = RuleCatalog::builtin().rule(ruleId);
            return rule ? RuleCatalog::translated(rule->title) : QString();
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChangeColumn: return isNew ? tr("New") : tr("Fixed");
        case SeverityColumn: return SeverityStyle::name(severity);
        case RuleColumn: return ruleId;
        case LocationColumn:
            return added ? place(added->location.path, added->location.line) : place(fixed->path, fixed->line);
        case MessageColumn:
            // The history keeps no messages (they can quote what a repository should not hold).
            return added ? added->message : tr("No longer reported");
        }
        return {};
    }
    return {};
}

QVariant ScanChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn: return tr("Change");
    case SeverityColumn: return tr("Severity");
    case RuleColumn: return tr("Rule");
    case LocationColumn: return tr("Location");
    case MessageColumn: return tr("Message");
    }
    return {};
}

} // namespace poolproof::gui
