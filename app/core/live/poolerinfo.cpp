#include "poolerinfo.h"

namespace poolproof {

const PoolerRow *PoolerInfo::database(const QString &name) const
{
    for (const PoolerRow &row : databases) {
        if (row.value(QStringLiteral("name")) == name)
            return &row;
    }
    // PgBouncer's fallback entry serves every database without one of its own.
    for (const PoolerRow &row : databases) {
        if (row.value(QStringLiteral("name")) == u"*")
            return &row;
    }
    return nullptr;
}

QString PoolerInfo::poolModeFor(const QString &name) const
{
    if (const PoolerRow *row = database(name)) {
        const QString own = row->value(QStringLiteral("pool_mode"));
        if (!own.isEmpty())
            return own;
    }
    return setting(QStringLiteral("pool_mode"));
}

int PoolerInfo::poolSizeFor(const QString &name) const
{
    bool ok = false;
    if (const PoolerRow *row = database(name)) {
        const int size = row->value(QStringLiteral("pool_size")).toInt(&ok);
        if (ok)
            return size;
    }
    const int size = setting(QStringLiteral("default_pool_size")).toInt(&ok);
    return ok ? size : -1;
}

} // namespace poolproof
