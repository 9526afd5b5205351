#include "findingsmodel.h"

#include "rules/rulecatalog.h"
#include "severitystyle.h"

#include <QFont>

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>

namespace poolproof::gui {

namespace {

constexpr QChar sortSeparator(0x1f);

QString locationText(const SourceLocation &location)
{
    return location.path + u':' + QString::number(location.line);
}

// Orders findings by path, then line and column as numbers, then rule.
QString locationSortKey(const Finding &finding)
{
    return finding.location.path + sortSeparator + QStringLiteral("%1").arg(finding.location.line, 8, 10, QChar(u'0'))
        + sortSeparator + QStringLiteral("%1").arg(finding.location.column, 6, 10, QChar(u'0')) + sortSeparator
        + finding.ruleId;
}

// A digit that sorts the worst first.
QChar rank(int value, int highest)
{
    return QChar(u'0' + (highest - value));
}

QString ruleTitle(const QString &ruleId)
{
    const Rule *rule = RuleCatalog::builtin().rule(ruleId);
    return rule ? RuleCatalog::translated(rule->title) : QString();
}

} // namespace

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void FindingsModel::setGroupBy(GroupBy groupBy)
{
    if (groupBy == m_groupBy)
        return;
    beginResetModel();
    m_groupBy = groupBy;
    rebuildGroups();
    endResetModel();
}

void FindingsModel::setFindings(const QList<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    rebuildGroups();
    endResetModel();
}

void FindingsModel::clear()
{
    m_newFingerprints.clear();
    setFindings({});
}

void FindingsModel::setNewFingerprints(const QSet<QString> &fingerprints)
{
    if (fingerprints == m_newFingerprints)
        return;
    m_newFingerprints = fingerprints;
    for (int group = 0; group < rowCount(); ++group) {
        const QModelIndex parent = index(group, 0);
        Q_EMIT dataChanged(index(group, 0), index(group, ColumnCount - 1));
        const int children = rowCount(parent);
        if (children > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(children - 1, ColumnCount - 1, parent));
    }
}

bool FindingsModel::isNew(const Finding &finding) const
{
    return !finding.suppressed && !finding.fingerprint.isEmpty() && m_newFingerprints.contains(finding.fingerprint);
}

int FindingsModel::newCount() const
{
    int count = 0;
    for (const Finding &finding : m_findings)
        count += isNew(finding);
    return count;
}

void FindingsModel::addFindings(const QList<Finding> &batch)
{
    QList<int> touchedGroups;
    for (const Finding &finding : batch) {
        const int row = int(m_findings.size());
        const QString key = groupKey(finding);
        const auto found = m_groupRows.constFind(key);
        if (found == m_groupRows.constEnd()) {
            const int groupRow = int(m_groups.size());
            // A new group arrives with its first finding already in it.
            beginInsertRows({}, groupRow, groupRow);
            m_findings.append(finding);
            m_groups.append(Group {key, {row}});
            m_groupRows.insert(key, groupRow);
            endInsertRows();
            continue;
        }
        const int groupRow = *found;
        Group &group = m_groups[groupRow];
        const int childRow = int(group.rows.size());
        beginInsertRows(createIndex(groupRow, 0, groupMarker), childRow, childRow);
        m_findings.append(finding);
        group.rows.append(row);
        endInsertRows();
        if (!touchedGroups.contains(groupRow))
            touchedGroups.append(groupRow);
    }
    // The group rows show a count and the worst severity's icon.
    for (const int groupRow : std::as_const(touchedGroups))
        Q_EMIT dataChanged(createIndex(groupRow, 0, groupMarker), createIndex(groupRow, ColumnCount - 1, groupMarker));
}

void FindingsModel::regrade(const QString &profileId)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    QList<Finding> regraded;
    regraded.reserve(m_findings.size());
    for (Finding finding : std::as_const(m_findings)) {
        if (const Rule *rule = catalog.rule(finding.ruleId)) {
            finding.severity = rule->severityFor(profileId);
            if (finding.severity == Severity::Ok)
                continue; // the core does not report what is fine on a profile either
        }
        regraded.append(finding);
    }
    setFindings(regraded);
}

const Finding *FindingsModel::finding(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == groupMarker)
        return nullptr;
    const Group &group = m_groups.at(int(index.internalId()));
    return &m_findings.at(group.rows.at(index.row()));
}

bool FindingsModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == groupMarker;
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, groupMarker) : QModelIndex();
    if (parent.internalId() != groupMarker || parent.column() != 0)
        return {};
    const Group &group = m_groups.at(parent.row());
    return row < group.rows.size() ? createIndex(row, column, quintptr(parent.row())) : QModelIndex();
}

QModelIndex FindingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == groupMarker)
        return {};
    return createIndex(int(child.internalId()), 0, groupMarker);
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == groupMarker && parent.column() == 0)
        return int(m_groups.at(parent.row()).rows.size());
    return 0;
}

int FindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == groupMarker)
        return groupData(index.row(), index.column(), role);
    return findingData(*finding(index), index.column(), role);
}

QVariant FindingsModel::groupData(int groupRow, int column, int role) const
{
    const Group &group = m_groups.at(groupRow);
    switch (role) {
    case Qt::DisplayRole:
        return column == LocationColumn ? labelWithCount(groupLabel(group), int(group.rows.size())) : QVariant();
    case Qt::ToolTipRole:
        if (m_groupBy == GroupBy::Rule) {
            const Rule *rule = RuleCatalog::builtin().rule(group.key);
            if (rule)
                return RuleCatalog::translated(rule->summary);
        }
        return {};
    case Qt::DecorationRole: {
        if (column != LocationColumn)
            return {};
        const int worst = worstSeverity(group);
        return worst < 0 ? QVariant() : QVariant(SeverityStyle::icon(Severity(worst)));
    }
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::AccessibleTextRole: return labelWithCount(groupLabel(group), int(group.rows.size()));
    case IsGroupRole: return true;
    case GroupKeyRole: return group.key;
    case GroupLabelRole: return groupLabel(group);
    case SeverityRole: return worstSeverity(group);
    case RuleIdRole: return m_groupBy == GroupBy::Rule ? group.key : QString();
    case PathRole: return m_groupBy == GroupBy::File ? group.key : QString();
    case SearchTextRole: return groupLabel(group);
    case SortRole: return groupSortKey(group);
    case NewRole:
        return std::any_of(group.rows.cbegin(), group.rows.cend(),
                           [this](int row) { return isNew(m_findings.at(row)); });
    default: return {};
    }
}

QVariant FindingsModel::findingData(const Finding &finding, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (column) {
        case LocationColumn: return locationText(finding.location);
        case RuleColumn: return finding.ruleId;
        case SeverityColumn: return SeverityStyle::name(finding.severity);
        case MessageColumn: return finding.message;
        case ConfidenceColumn: return SeverityStyle::confidenceName(finding.confidence);
        case SuppressionColumn:
            if (!finding.suppressed)
                return QString();
            return finding.suppressionReason.isEmpty() ? tr("Suppressed") : finding.suppressionReason;
        case ChangeColumn: return isNew(finding) ? tr("New") : QString();
        }
        return {};
    case Qt::DecorationRole:
        if (column != SeverityColumn)
            return {};
        return finding.suppressed ? SeverityStyle::suppressedIcon(finding.severity)
                                  : SeverityStyle::icon(finding.severity);
    case Qt::ForegroundRole:
        // Suppressed findings stay visible, greyed, so that a reviewer sees what was waived.
        if (finding.suppressed)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole: {
        if (finding.suppressed) {
            return finding.suppressionReason.isEmpty() ? tr("Suppressed without a reason")
                                                       : tr("Suppressed: %1").arg(finding.suppressionReason);
        }
        if (column == RuleColumn)
            return ruleTitle(finding.ruleId);
        return finding.snippet.isEmpty() ? finding.message : QString(finding.message + u"\n\n" + finding.snippet);
    }
    case FindingRole: return QVariant::fromValue(finding);
    case IsGroupRole: return false;
    case SeverityRole: return int(finding.severity);
    case RuleIdRole: return finding.ruleId;
    case PathRole: return finding.location.path;
    case LineRole: return finding.location.line;
    case SuppressedRole: return finding.suppressed;
    case NewRole: return isNew(finding);
    case Qt::FontRole:
        if (column == ChangeColumn && isNew(finding)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case SearchTextRole:
        return QStringList {locationText(finding.location),
                            finding.ruleId,
                            ruleTitle(finding.ruleId),
                            finding.message,
                            finding.snippet,
                            finding.subject,
                            finding.suppressionReason}
            .join(u'\n');
    case SortRole:
        switch (column) {
        case LocationColumn: return locationSortKey(finding);
        case RuleColumn: return QString(finding.ruleId + sortSeparator + locationSortKey(finding));
        case SeverityColumn:
            return QString(rank(int(finding.severity), int(Severity::Error)) + locationSortKey(finding));
        case MessageColumn: return QString(finding.message + sortSeparator + locationSortKey(finding));
        case ConfidenceColumn:
            return QString(rank(int(finding.confidence), int(Confidence::High)) + locationSortKey(finding));
        case SuppressionColumn:
            return QString(QChar(finding.suppressed ? u'0' : u'1') + finding.suppressionReason + sortSeparator
                           + locationSortKey(finding));
        case ChangeColumn: return QString(QChar(isNew(finding) ? u'0' : u'1') + locationSortKey(finding));
        }
        return {};
    default: return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LocationColumn: return tr("Location");
    case RuleColumn: return tr("Rule");
    case SeverityColumn: return tr("Severity");
    case MessageColumn: return tr("Message");
    case ConfidenceColumn: return tr("Confidence");
    case SuppressionColumn: return tr("Suppression");
    case ChangeColumn: return tr("Since Last Scan");
    }
    return {};
}

Qt::ItemFlags FindingsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QString FindingsModel::labelWithCount(const QString &label, int count)
{
    return tr("%1 (%2)").arg(label).arg(count);
}

QString FindingsModel::groupKey(const Finding &finding) const
{
    switch (m_groupBy) {
    case GroupBy::Rule: return finding.ruleId;
    case GroupBy::File: return finding.location.path;
    case GroupBy::Severity: return severityId(finding.severity);
    }
    return {};
}

QString FindingsModel::groupLabel(const Group &group) const
{
    switch (m_groupBy) {
    case GroupBy::Rule: {
        const QString title = ruleTitle(group.key);
        return title.isEmpty() ? group.key : group.key + u' ' + title;
    }
    case GroupBy::File: return group.key;
    case GroupBy::Severity: {
        const std::optional<Severity> severity = severityFromId(group.key);
        return severity ? SeverityStyle::pluralName(*severity) : group.key;
    }
    }
    return {};
}

QString FindingsModel::groupSortKey(const Group &group) const
{
    if (m_groupBy == GroupBy::Severity) {
        const std::optional<Severity> severity = severityFromId(group.key);
        return severity ? QString(rank(int(*severity), int(Severity::Error))) : group.key;
    }
    return group.key;
}

int FindingsModel::worstSeverity(const Group &group) const
{
    int worst = -1;
    for (const int row : group.rows) {
        const Finding &finding = m_findings.at(row);
        if (!finding.suppressed)
            worst = qMax(worst, int(finding.severity));
    }
    return worst;
}

void FindingsModel::rebuildGroups()
{
    m_groups.clear();
    m_groupRows.clear();
    for (int row = 0; row < m_findings.size(); ++row) {
        const QString key = groupKey(m_findings.at(row));
        auto found = m_groupRows.find(key);
        if (found == m_groupRows.end()) {
            found = m_groupRows.insert(key, int(m_groups.size()));
            m_groups.append(Group {key, {}});
        }
        m_groups[*found].rows.append(row);
    }
}

} // namespace poolproof::gui
