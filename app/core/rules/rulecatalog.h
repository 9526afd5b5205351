#pragma once

#include "poolerprofile.h"
#include "rule.h"

#include <QList>

namespace poolproof {

// The rules and pooler profiles PoolProof knows. The built-in catalog is read once from the
// resources compiled into core; texts come back translated.
class RuleCatalog
{
public:
    static const RuleCatalog &builtin();

    // Reads rule files and a profile file; errors (with the file named) go to *error.
    static RuleCatalog load(const QStringList &ruleFiles, const QString &profileFile, QString *error);

    const QList<Rule> &rules() const { return m_rules; }
    const Rule *rule(QStringView id) const;
    const QList<PoolerProfile> &profiles() const { return m_profiles; }
    const PoolerProfile *profile(QStringView id) const;
    const PoolerProfile &defaultProfile() const;

    // Translated texts of a rule; the Rule itself keeps the English ones.
    static QString translated(const QString &text);

private:
    QList<Rule> m_rules;
    QList<PoolerProfile> m_profiles;
};

} // namespace poolproof
