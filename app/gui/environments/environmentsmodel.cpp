#include "environmentsmodel.h"

#include "findings/severitystyle.h"

#include <QFont>
#include <QPalette>

namespace poolproof::gui {

namespace {

// The edit of a setting that is not written in the file (left empty, defined elsewhere).
QString unwrittenText(const EnvironmentEntry &entry)
{
    if (entry.url.state == ValueState::DefinedElsewhere)
        return EnvironmentsModel::tr("defined elsewhere: %1").arg(entry.url.reference);
    if (entry.url.key.isEmpty())
        return EnvironmentsModel::tr("no connection settings found");
    return EnvironmentsModel::tr("left empty here");
}

QString roleName(UrlRole role)
{
    switch (role) {
    case UrlRole::Application: return EnvironmentsModel::tr("Used by the application");
    case UrlRole::Migration: return EnvironmentsModel::tr("Used by migrations");
    case UrlRole::PoolerConfig: return EnvironmentsModel::tr("The pooler's own connection to the database");
    }
    return {};
}

} // namespace

EnvironmentsModel::EnvironmentsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EnvironmentsModel::setEntries(const QList<EnvironmentEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void EnvironmentsModel::appendEntry(const EnvironmentEntry &entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void EnvironmentsModel::updateEntry(int row, const EnvironmentEntry &entry)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row] = entry;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void EnvironmentsModel::removeEntry(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

const EnvironmentEntry *EnvironmentsModel::entry(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_entries.size())
        return nullptr;
    return &m_entries.at(index.row());
}

int EnvironmentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EnvironmentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EnvironmentsModel::verdictText(const EnvironmentEntry &entry)
{
    if (!entry.checked && entry.crossFindings.isEmpty())
        return tr("Not checked");
    return SeverityStyle::name(entry.verdict());
}

QVariant EnvironmentsModel::data(const QModelIndex &index, int role) const
{
    const EnvironmentEntry *row = entry(index);
    if (!row)
        return {};
    const bool graded = row->checked || !row->crossFindings.isEmpty();
    const int issues = int(row->findings().size());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EnvironmentColumn: return row->environment;
        case SettingColumn: return row->url.key;
        case SourceColumn: return row->sourceLabel();
        case UrlColumn: {
            const QString masked = row->maskedText();
            // pgbouncer.ini's entries span a line; the table shows them on one.
            return masked.isEmpty() && !row->checked ? unwrittenText(*row) : masked.simplified();
        }
        case VerdictColumn: return verdictText(*row);
        case IssuesColumn: return issues;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SettingColumn)
            return roleName(row->url.role);
        if (index.column() == UrlColumn)
            return row->maskedText();
        if (index.column() == EnvironmentColumn && row->edited)
            return tr("Edited here; the repository's files are unchanged.");
        return {};
    case Qt::DecorationRole:
        if (index.column() == VerdictColumn && graded)
            return SeverityStyle::icon(row->verdict());
        return {};
    case Qt::ForegroundRole:
        if (index.column() == UrlColumn && !row->checked)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (index.column() == EnvironmentColumn && (row->edited || row->userAdded)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IssuesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == VerdictColumn)
            return tr("Verdict: %1").arg(verdictText(*row));
        return {};
    case SeverityRole: return graded ? int(row->verdict()) : -1;
    case UserAddedRole: return row->userAdded;
    case EditedRole: return row->edited;
    case SortRole:
        switch (index.column()) {
        case VerdictColumn: return graded ? int(row->verdict()) : -1;
        case IssuesColumn: return issues;
        case SourceColumn:
            return QString(row->url.location.path + u':'
                           + QString::number(row->url.location.line).rightJustified(8, u'0'));
        default: return data(index, Qt::DisplayRole);
        }
    case SearchTextRole:
        return QStringList {row->environment, row->url.key, row->sourceLabel(), row->maskedText(), verdictText(*row)}
            .join(u'\n');
    }
    return {};
}

QVariant EnvironmentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnvironmentColumn: return tr("Environment");
    case SettingColumn: return tr("Setting");
    case SourceColumn: return tr("Source");
    case UrlColumn: return tr("Connection String (masked)");
    case VerdictColumn: return tr("Verdict");
    case IssuesColumn: return tr("Issues");
    }
    return {};
}

} // namespace poolproof::gui
