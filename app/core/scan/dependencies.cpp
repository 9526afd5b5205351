#include "dependencies.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace poolproof {

namespace {

constexpr qint64 maxManifestSize = 4 * 1024 * 1024;

QByteArray readManifest(const SourceFile &file)
{
    if (file.size > maxManifestSize)
        return {};
    QFile f(file.absolutePath);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void readPackageJson(const QByteArray &bytes, ProjectDependencies &deps)
{
    const QJsonObject root = QJsonDocument::fromJson(bytes).object();
    deps.addEcosystem(QStringLiteral("npm"));
    for (const char *section : {"dependencies", "devDependencies", "peerDependencies", "optionalDependencies"}) {
        const QJsonObject packages = root.value(QLatin1StringView(section)).toObject();
        for (auto it = packages.constBegin(); it != packages.constEnd(); ++it)
            deps.add(QStringLiteral("npm"), it.key());
    }
}

void readByPattern(const QByteArray &bytes, const QString &ecosystem, const QRegularExpression &pattern,
                   ProjectDependencies &deps)
{
    deps.addEcosystem(ecosystem);
    const QString text = QString::fromUtf8(bytes);
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        deps.add(ecosystem, match.captured(1));
}

} // namespace

bool ProjectDependencies::has(const QString &ecosystem, const QString &package) const
{
    const auto it = m_packages.constFind(ecosystem);
    return it != m_packages.constEnd() && it->contains(package.toLower());
}

ProjectDependencies ProjectDependencies::read(const WalkResult &walk)
{
    // Manifest syntax is simple and line-oriented enough for these patterns; these are package
    // names in manifests, not SQL, which is always parsed.
    static const QRegularExpression gemfile(QStringLiteral(R"(^\s*gem\s+['"]([^'"]+)['"])"),
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression gemLock(QStringLiteral(R"(^    ([A-Za-z0-9_.-]+) \()"),
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression goMod(QStringLiteral(R"(^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+/[^\s]+)\s+v[0-9])"),
                                          QRegularExpression::MultilineOption);
    static const QRegularExpression csproj(QStringLiteral(R"re(<PackageReference\s+Include\s*=\s*"([^"]+)")re"));
    ProjectDependencies deps;
    for (const SourceFile &file : walk.files) {
        const QString name = QFileInfo(file.relativePath).fileName();
        if (name == u"package.json")
            readPackageJson(readManifest(file), deps);
        else if (name == u"Gemfile")
            readByPattern(readManifest(file), QStringLiteral("gem"), gemfile, deps);
        else if (name == u"Gemfile.lock")
            readByPattern(readManifest(file), QStringLiteral("gem"), gemLock, deps);
        else if (name == u"go.mod")
            readByPattern(readManifest(file), QStringLiteral("go"), goMod, deps);
        else if (name.endsWith(u".csproj"))
            readByPattern(readManifest(file), QStringLiteral("nuget"), csproj, deps);
    }
    return deps;
}

} // namespace poolproof
