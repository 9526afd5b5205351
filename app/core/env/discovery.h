#pragma once

#include "discoveredurl.h"
#include "projectfile.h"
#include "url/urlcontext.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// A password defined on its own (DB_PASSWORD=... in a .env file), for URLs that reference it.
struct SecretDefinition {
    QString name;
    QString environment;
    SourceLocation location;
    bool literal = false; // a value, not empty and not a reference
};

// datasource db { url = env("DATABASE_URL") directUrl = env("DIRECT_URL") } in schema.prisma.
struct PrismaDatasource {
    SourceLocation location;
    QString urlVariable; // DATABASE_URL
    QString directUrlVariable; // DIRECT_URL, empty without directUrl
};

// A pgbouncer.ini: the pooler's settings and its [databases] entries.
struct PoolerConfigFile {
    PoolerSettings settings;
    QString environment; // from the file's name or folders; empty when they say nothing
    QList<DiscoveredUrl> databases;
};

// Everything discovery found in a repository, before it is grouped into environments.
struct DiscoveryResult {
    QList<DiscoveredUrl> urls;
    QList<PoolerConfigFile> poolers;
    QList<PrismaDatasource> prisma;
    QList<SecretDefinition> secrets;
    DialectContext projectDriver; // from package.json, go.mod, requirements.txt, Gemfile, *.csproj
    QStringList files; // files that contributed, relative
    QStringList warnings; // translated, with the file named
};

// A file handed to a reader: its path relative to the root and its text.
struct SettingsFile {
    QString path;
    QString text;
};

// The readers, one per kind of file; each appends what it finds.
void readDotEnv(const SettingsFile &file, DiscoveryResult *result);
// The same, with the environment given rather than read from the file's name.
void readDotEnv(const SettingsFile &file, const QString &environment, DiscoveryResult *result);
void readYamlSettings(const SettingsFile &file, DiscoveryResult *result); // compose, Kubernetes, Helm, CI, generic
void readRailsDatabaseYml(const SettingsFile &file, DiscoveryResult *result);
void readSpringProperties(const SettingsFile &file, DiscoveryResult *result);
void readSpringYaml(const SettingsFile &file, DiscoveryResult *result);
void readDjangoSettings(const SettingsFile &file, DiscoveryResult *result);
void readPrismaSchema(const SettingsFile &file, DiscoveryResult *result);
void readPgBouncerIni(const SettingsFile &file, DiscoveryResult *result);
void readAppSettingsJson(const SettingsFile &file, DiscoveryResult *result);
void readDependencies(const SettingsFile &file, DiscoveryResult *result); // package.json, go.mod, ...

// Walks root (skipping .git, node_modules, vendor folders and the project file's excludes),
// hands each file of interest to its reader.
DiscoveryResult discoverConnectionSettings(const QString &root, const ProjectFile &project);

// Which reader a file goes to; empty when none.
QString readerFor(const QString &relativePath);

} // namespace poolproof
