#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace poolproof {

struct PoolerProfile;

// What an environment is for; decides which policy applies.
enum class EnvironmentKind : quint8 { Development, Test, Staging, Production, Other };

QString environmentKindId(EnvironmentKind kind); // "development", "test", "staging", "production", "other"
std::optional<EnvironmentKind> environmentKindFromId(QStringView id);
// From a name such as "prod", "eu-production", "preprod", ".env.staging": its words decide.
EnvironmentKind environmentKindFromName(QStringView name);
// The standard name for the usual spellings ("prod" -> "production"), the name itself otherwise.
QString normalizedEnvironmentName(QStringView name);

// What a connection string is used for.
enum class UrlRole : quint8 {
    Application, // the running application's pool
    Migration, // migrations and other direct/session work (directUrl, MIGRATION_DATABASE_URL)
    PoolerConfig, // the pooler's own view of a database (pgbouncer.ini [databases])
};

QString urlRoleId(UrlRole role); // "application", "migration", "pooler-config"

// The pooler configuration PoolProof found (pgbouncer.ini), as far as URL checks need it.
struct PoolerSettings {
    QString path; // relative to the project root
    int listenPort = 6432;
    QString poolMode; // "session" when unset
    int maxPreparedStatements = -1; // -1: not set in the file
    QStringList ignoreStartupParameters;
    QStringList trackExtraParameters;
    QString clientTlsSslmode; // empty: not set, which means disable
    int maxClientConn = -1;
    int defaultPoolSize = -1; // server connections per user and database pair
    int reservePoolSize = -1;
    int maxDbConnections = -1; // 0 or -1: unlimited
};

// Everything the policy checks of one string need to know about where it is used.
struct PolicyContext {
    QString environment; // its name
    EnvironmentKind kind = EnvironmentKind::Production;
    UrlRole role = UrlRole::Application;
    const PoolerProfile *profile = nullptr; // the pooler profile; the catalog's default when null
    bool poolerExpected = false; // the project expects its application to use a pooler here
    QString poolerExpectedReason; // translated, e.g. "pgbouncer.ini is present"
    std::optional<PoolerSettings> pooler; // the pooler configuration for this environment, if known
    bool migrationsUseThisUrl = false; // an application URL that migrations also use
    QString migrationsReason; // translated, e.g. "schema.prisma has no directUrl"
    QString framework; // "rails", "django", "spring", "prisma", ...
    QHash<QString, QString> frameworkSettings; // e.g. prepared_statements=false from database.yml
};

} // namespace poolproof
