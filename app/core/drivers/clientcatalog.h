#pragma once

#include "detectedclient.h"
#include "scan/dependencies.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace poolproof {

// Which packages are PostgreSQL clients: the "clients" list of resources/rules/drivers.json.
struct ClientDefinition {
    QString ecosystem;
    QString package; // normalised
    QString displayName;
    QString kind; // driver, orm, migration-tool, pool
};

class ClientCatalog
{
public:
    // The list compiled into core (its catalog file is checked by the tests).
    static const ClientCatalog &builtin();
    static ClientCatalog fromJson(const QJsonArray &clients);

    const ClientDefinition *find(const QString &ecosystem, const QString &package) const;
    const QList<ClientDefinition> &definitions() const { return m_definitions; }

private:
    QList<ClientDefinition> m_definitions;
    QHash<QString, qsizetype> m_index; // "ecosystem\x1fpackage" -> index
};

// The PostgreSQL clients among a repository's declared packages, sorted.
QList<DetectedClient> detectClients(const ProjectDependencies &dependencies,
                                    const ClientCatalog &catalog = ClientCatalog::builtin());

} // namespace poolproof
