#pragma once

#include "repositorywalker.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace poolproof {

struct DeclaredPackage;

// The packages a repository declares, per ecosystem ("npm", "gem", "go", "nuget", "pypi", "maven",
// "hex", "cargo", "composer"), read from its manifests, with the version each manifest gives
// (the lock file's exact version when there is one). An ecosystem without any manifest is
// unknown, not empty.
class ProjectDependencies
{
public:
    // Where one declaration was found.
    struct Declaration {
        QString ecosystem;
        QString package; // normalised name
        QString version; // locked version when known, else as declared; may be empty
        bool locked = false;
        QString manifestPath; // relative, '/' separated
        int line = 0;
    };

    static ProjectDependencies read(const WalkResult &walk);

    bool knows(const QString &ecosystem) const { return m_packages.contains(ecosystem); }
    bool has(const QString &ecosystem, const QString &package) const;
    QHash<QString, QSet<QString>> packages() const { return m_packages; }
    void add(const QString &ecosystem, const QString &package) { m_packages[ecosystem].insert(package.toLower()); }
    void addEcosystem(const QString &ecosystem) { m_packages[ecosystem]; }

    // Every declaration in manifest order (path, then line); a package declared in two
    // manifests appears twice.
    const QList<Declaration> &declarations() const { return m_declarations; }
    // The version of a package: the first declaration's that has one; empty when unknown.
    QString version(const QString &ecosystem, const QString &package) const;
    void addDeclaration(const Declaration &declaration);

private:
    QHash<QString, QSet<QString>> m_packages;
    QList<Declaration> m_declarations;
};

} // namespace poolproof
