#include "dependencies.h"

#include "drivers/manifests.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace poolproof {

namespace {

constexpr qint64 maxManifestSize = 4 * 1024 * 1024;

QByteArray readSmallFile(const QString &absolutePath)
{
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > maxManifestSize)
        return {};
    return file.readAll();
}

// The versions the lock files next to a manifest resolved. Lock files are excluded from the code
// scan (they are large and hold no code) but are read here for versions; Cargo.lock may sit in
// the workspace root above the crate.
LockedVersions lockedVersionsFor(const QString &root, const QString &manifestRelativePath)
{
    LockedVersions versions;
    const QString fileName = QFileInfo(manifestRelativePath).fileName();
    QString folder = QFileInfo(manifestRelativePath).path();
    const QStringList lockFiles = lockFilesFor(fileName);
    for (;;) {
        for (const QString &lockFile : lockFiles) {
            const QString relative = folder == u"." ? lockFile : folder + u'/' + lockFile;
            const QString absolute = root + u'/' + relative;
            if (!QFileInfo(absolute).isFile())
                continue;
            const LockedVersions found = readLockFile(lockFile, readSmallFile(absolute));
            for (auto it = found.constBegin(); it != found.constEnd(); ++it)
                versions.insert(it.key(), it.value());
        }
        if (!versions.isEmpty() || fileName != u"Cargo.toml" || folder == u"." || folder.isEmpty())
            break;
        folder = QFileInfo(folder).path();
    }
    return versions;
}

} // namespace

bool ProjectDependencies::has(const QString &ecosystem, const QString &package) const
{
    const auto it = m_packages.constFind(ecosystem);
    return it != m_packages.constEnd() && it->contains(package.toLower());
}

QString ProjectDependencies::version(const QString &ecosystem, const QString &package) const
{
    const QString name = normalizedPackageName(ecosystem, package);
    for (const Declaration &declaration : m_declarations) {
        if (declaration.ecosystem == ecosystem && declaration.package == name && !declaration.version.isEmpty())
            return declaration.version;
    }
    return {};
}

void ProjectDependencies::addDeclaration(const Declaration &declaration)
{
    add(declaration.ecosystem, declaration.package);
    m_declarations.append(declaration);
}

ProjectDependencies ProjectDependencies::read(const WalkResult &walk)
{
    ProjectDependencies deps;
    for (const SourceFile &file : walk.files) {
        if (file.size > maxManifestSize)
            continue;
        const QString name = file.relativePath.sliced(file.relativePath.lastIndexOf(u'/') + 1);
        if (name == u"Gemfile.lock") {
            // Every gem the lock resolved counts as present, as it always has.
            deps.addEcosystem(QStringLiteral("gem"));
            const LockedVersions gems = readLockFile(name, readSmallFile(file.absolutePath));
            for (auto it = gems.constBegin(); it != gems.constEnd(); ++it)
                deps.add(QStringLiteral("gem"), it.key());
            continue;
        }
        const QString ecosystem = manifestEcosystem(name);
        if (ecosystem.isEmpty())
            continue;
        deps.addEcosystem(ecosystem);
        const QList<DeclaredPackage> declared = readManifest(name, readSmallFile(file.absolutePath));
        const LockedVersions locked
            = declared.isEmpty() ? LockedVersions() : lockedVersionsFor(walk.root, file.relativePath);
        for (const DeclaredPackage &package : declared) {
            const auto exact = locked.constFind(package.name);
            const bool isLocked = exact != locked.constEnd();
            deps.addDeclaration({package.ecosystem, package.name, isLocked ? *exact : package.version, isLocked,
                                 file.relativePath, package.line});
        }
    }
    return deps;
}

} // namespace poolproof
