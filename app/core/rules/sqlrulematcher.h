#pragma once

#include "rulecatalog.h"
#include "sql/sqlstatement.h"

#include <QHash>

namespace poolproof {

// Finds the catalog rules a classified statement or call falls under. Which rules watch which
// statement kinds is read from the rules' "detect" blocks; nothing here names a rule.
class SqlRuleMatcher
{
public:
    SqlRuleMatcher(const RuleCatalog &catalog, const PoolerProfile &profile);

    QList<const Rule *> rulesFor(const SqlStatement &statement) const;
    QList<const Rule *> rulesFor(const SqlCall &call) const;

private:
    struct Entry {
        const Rule *rule = nullptr;
        std::optional<bool> parameterTracked; // only for SET-like statements
    };
    const PoolerProfile &m_profile;
    QHash<QString, QList<Entry>> m_byStatement;
    QHash<QString, QList<Entry>> m_byCall;
};

} // namespace poolproof
