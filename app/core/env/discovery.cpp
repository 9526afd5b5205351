#include "discovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace poolproof {

namespace {

class DiscoveryText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::Discovery)
public:
    static QString unreadable(const QString &path, const QString &why)
    {
        return tr("%1: cannot read: %2").arg(path, why);
    }
    static QString tooLarge(const QString &path) { return tr("%1: larger than 2 MB, skipped").arg(path); }
};

constexpr qint64 maximumFileSize = 2 * 1024 * 1024;

// Folders that hold other people's code or build output, never a project's own settings.
bool isSkippedFolder(const QString &name)
{
    static const QStringList skipped {
        QStringLiteral(".git"),         QStringLiteral(".hg"),          QStringLiteral(".svn"),
        QStringLiteral("node_modules"), QStringLiteral("vendor"),       QStringLiteral(".venv"),
        QStringLiteral("venv"),         QStringLiteral("__pycache__"),  QStringLiteral("dist"),
        QStringLiteral("build"),        QStringLiteral("target"),       QStringLiteral(".next"),
        QStringLiteral(".nuxt"),        QStringLiteral(".terraform"),   QStringLiteral(".idea"),
        QStringLiteral(".vscode"),      QStringLiteral("coverage"),     QStringLiteral(".tox"),
        QStringLiteral(".gradle"),      QStringLiteral("bin"),          QStringLiteral("obj"),
        QStringLiteral(".mypy_cache"),  QStringLiteral(".pytest_cache")};
    return skipped.contains(name);
}

void collect(const QString &root, const QString &relative, const ProjectFile &project, QStringList *files)
{
    const QDir dir(relative.isEmpty() ? root : root + u'/' + relative);
    const QFileInfoList entries
        = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString path = relative.isEmpty() ? entry.fileName() : relative + u'/' + entry.fileName();
        if (project.isExcluded(path))
            continue;
        if (entry.isDir()) {
            if (!isSkippedFolder(entry.fileName()))
                collect(root, path, project, files);
        } else if (entry.isFile()) {
            files->append(path);
        }
    }
}

// Generic YAML is only worth parsing when it mentions a database at all.
bool mentionsDatabase(const QString &text)
{
    return text.contains(u"postgres", Qt::CaseInsensitive) || text.contains(u"DATABASE", Qt::CaseInsensitive)
        || text.contains(u"DB_URL", Qt::CaseInsensitive) || text.contains(u"jdbc:", Qt::CaseInsensitive)
        || text.contains(u"DSN", Qt::CaseSensitive);
}

} // namespace

QString readerFor(const QString &relativePath)
{
    const QString name = relativePath.section(u'/', -1);
    const QString lower = name.toLower();
    if (lower == u".env" || lower.startsWith(u".env.") || lower == u".envrc"
        || (lower.endsWith(u".env") && !lower.startsWith(u'.')))
        return QStringLiteral("dotenv");
    if (lower == u"database.yml")
        return QStringLiteral("rails");
    static const QRegularExpression springProperties(QStringLiteral("^application([-.].*)?\\.properties$"));
    static const QRegularExpression springYaml(QStringLiteral("^(application|bootstrap)([-.].*)?\\.ya?ml$"));
    if (springProperties.match(lower).hasMatch())
        return QStringLiteral("spring-properties");
    if (springYaml.match(lower).hasMatch())
        return QStringLiteral("spring-yaml");
    if (lower.endsWith(u".yml") || lower.endsWith(u".yaml"))
        return QStringLiteral("yaml");
    if (lower.endsWith(u".py")
        && (lower.startsWith(u"settings") || lower.endsWith(u"settings.py") || relativePath.contains(u"/settings/")))
        return QStringLiteral("django");
    if (lower.endsWith(u".prisma"))
        return QStringLiteral("prisma");
    if (lower.startsWith(u"pgbouncer") && lower.endsWith(u".ini"))
        return QStringLiteral("pgbouncer");
    if (lower.startsWith(u"appsettings") && lower.endsWith(u".json"))
        return QStringLiteral("appsettings");
    if (name == u"package.json" || name == u"go.mod" || name == u"Gemfile" || name == u"Pipfile"
        || name == u"pyproject.toml" || (lower.startsWith(u"requirements") && lower.endsWith(u".txt"))
        || lower.endsWith(u".csproj"))
        return QStringLiteral("dependencies");
    return {};
}

DiscoveryResult discoverConnectionSettings(const QString &root, const ProjectFile &project)
{
    DiscoveryResult result;
    QStringList files;
    collect(root, QString(), project, &files);
    for (const QString &path : std::as_const(files)) {
        const QString reader = readerFor(path);
        if (reader.isEmpty())
            continue;
        QFile file(root + u'/' + path);
        if (file.size() > maximumFileSize) {
            result.warnings << DiscoveryText::tooLarge(path);
            continue;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            result.warnings << DiscoveryText::unreadable(path, file.errorString());
            continue;
        }
        const SettingsFile source {path, QString::fromUtf8(file.readAll())};
        if (reader == u"dotenv")
            readDotEnv(source, &result);
        else if (reader == u"rails")
            readRailsDatabaseYml(source, &result);
        else if (reader == u"spring-properties")
            readSpringProperties(source, &result);
        else if (reader == u"spring-yaml")
            readSpringYaml(source, &result);
        else if (reader == u"yaml" && mentionsDatabase(source.text))
            readYamlSettings(source, &result);
        else if (reader == u"django")
            readDjangoSettings(source, &result);
        else if (reader == u"prisma")
            readPrismaSchema(source, &result);
        else if (reader == u"pgbouncer")
            readPgBouncerIni(source, &result);
        else if (reader == u"appsettings")
            readAppSettingsJson(source, &result);
        else if (reader == u"dependencies")
            readDependencies(source, &result);
    }
    return result;
}

} // namespace poolproof
