#pragma once

#include <QList>
#include <QString>

namespace poolproof {

// A PostgreSQL driver, ORM, pool or migration tool a repository declares in one of its
// manifests. Plain value; lists of them are sorted by ecosystem, package, then manifest path.
struct DetectedClient {
    QString ecosystem; // "npm", "pypi", "go", "maven", "gem", "hex", "nuget", "cargo", "composer"
    QString package; // as the ecosystem names it: "pg", "github.com/jackc/pgx/v5", "org.postgresql:postgresql"
    QString displayName; // "node-postgres", "pgx v5", "pgjdbc"
    QString kind; // "driver", "orm", "migration-tool" or "pool"
    QString version; // the locked version when a lock file has it, else as declared ("^8.12.0"); empty if unknown
    bool locked = false; // version comes from a lock file
    QString manifestPath; // relative to the scanned root, '/' separated
    int line = 0; // 1-based line of the declaration in the manifest

    friend bool operator==(const DetectedClient &, const DetectedClient &) = default;
};

// A connection-pool size the application sets in code or configuration, for capacity arithmetic
// (application instances x pool size against the pooler's and the server's limits).
struct PoolSetting {
    QString client; // display name of the client that reads it: "node-postgres", "HikariCP", "Npgsql"
    QString setting; // as the client names it: "max", "connection_limit", "maximumPoolSize", "Maximum Pool Size"
    int value = 0;
    QString path; // relative to the scanned root
    int line = 0;

    friend bool operator==(const PoolSetting &, const PoolSetting &) = default;
};

// Report order for both lists; also used to make them deterministic.
void sortClients(QList<DetectedClient> &clients);
void sortPoolSettings(QList<PoolSetting> &settings);

} // namespace poolproof
