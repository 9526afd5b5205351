#include "sqlrulematcher.h"

#include <QJsonArray>

namespace poolproof {

SqlRuleMatcher::SqlRuleMatcher(const RuleCatalog &catalog, const PoolerProfile &profile)
    : m_profile(profile)
{
    for (const Rule &rule : catalog.rules()) {
        const QString detector = rule.detect.value(u"detector").toString();
        Entry entry {&rule, std::nullopt};
        if (rule.detect.contains(u"parameterTracked"))
            entry.parameterTracked = rule.detect.value(u"parameterTracked").toBool();
        if (detector == u"sql-statement") {
            const QJsonArray kinds = rule.detect.value(u"statements").toArray();
            for (const QJsonValue &kind : kinds)
                m_byStatement[kind.toString()].append(entry);
        } else if (detector == u"sql-call") {
            const QJsonArray kinds = rule.detect.value(u"calls").toArray();
            for (const QJsonValue &kind : kinds)
                m_byCall[kind.toString()].append(entry);
        }
    }
}

QList<const Rule *> SqlRuleMatcher::rulesFor(const SqlStatement &statement) const
{
    QList<const Rule *> rules;
    const QList<Entry> entries = m_byStatement.value(statementKindId(statement.kind));
    for (const Entry &entry : entries) {
        if (entry.parameterTracked && *entry.parameterTracked != m_profile.tracksParameter(statement.subject))
            continue;
        rules.append(entry.rule);
    }
    return rules;
}

QList<const Rule *> SqlRuleMatcher::rulesFor(const SqlCall &call) const
{
    QList<const Rule *> rules;
    const QList<Entry> entries = m_byCall.value(callKindId(call.kind));
    for (const Entry &entry : entries)
        rules.append(entry.rule);
    return rules;
}

} // namespace poolproof
