#pragma once

#include "liveconnection.h"
#include "poolerinfo.h"

#include <QStringList>

#include <atomic>
#include <optional>

namespace poolproof {

// What the admin console, or its absence, told about the pooler.
struct PoolerDetection {
    std::optional<PoolerInfo> pooler; // set when the endpoint is known to be PgBouncer
    bool directPostgres = false; // the endpoint is PostgreSQL itself (no "pgbouncer" database)
    QStringList notChecked; // translated
    QString adminError; // translated, password-free
};

// Connects to PgBouncer's admin console (the "pgbouncer" database) at the plan's
// endpoint with the admin credentials and reads SHOW VERSION, CONFIG, DATABASES and POOLS. Without admin credentials,
// the console's answer to the application's own credentials still tells PgBouncer
// ("not allowed") from PostgreSQL ("database does not exist").
PoolerDetection detectPooler(const ConnectionPlan &appPlan, const QString &adminUser, const QString &adminPassword,
                             const std::atomic<bool> *cancel);

// "PgBouncer 1.24.1" -> 1.24.1
QVersionNumber pgbouncerVersion(const QString &text);

} // namespace poolproof
