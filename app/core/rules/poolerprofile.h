#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// What a pooler (and version) keeps for its clients in transaction mode (resources/poolers.json).
struct PoolerProfile {
    QString id; // e.g. "pgbouncer-1.24"
    QString name; // e.g. "PgBouncer 1.24 or later"
    QString description;
    bool isDefault = false;
    bool namedPreparedStatements = false; // protocol-level named statements survive pooling
    bool deallocateAllHandled = false; // DEALLOCATE ALL / DISCARD ALL understood by the pooler
    bool pinsInsteadOfBreaking = false; // session state pins the client (RDS Proxy)
    QStringList trackedParameters; // lower-case GUC names the pooler restores per client
    QList<int> pooledPorts; // ports that usually mean "this is the pooler"

    bool tracksParameter(const QString &parameter) const { return trackedParameters.contains(parameter.toLower()); }
};

} // namespace poolproof
