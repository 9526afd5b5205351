#pragma once

#include "repositorywalker.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace poolproof {

// The packages a repository declares, per ecosystem ("npm", "gem", "go", "nuget", "pypi", ...),
// read from its manifests. An ecosystem without any manifest is unknown, not empty.
class ProjectDependencies
{
public:
    static ProjectDependencies read(const WalkResult &walk);

    bool knows(const QString &ecosystem) const { return m_packages.contains(ecosystem); }
    bool has(const QString &ecosystem, const QString &package) const;
    QHash<QString, QSet<QString>> packages() const { return m_packages; }
    void add(const QString &ecosystem, const QString &package) { m_packages[ecosystem].insert(package.toLower()); }
    void addEcosystem(const QString &ecosystem) { m_packages[ecosystem]; }

private:
    QHash<QString, QSet<QString>> m_packages;
};

} // namespace poolproof
