#include "pgbounceradmin.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class AdminText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

QStringList settingsNeedingAdmin()
{
    return {u"pool_mode"_s,
            u"max_prepared_statements"_s,
            u"max_client_conn"_s,
            u"default_pool_size"_s,
            u"server_reset_query"_s,
            u"server_reset_query_always"_s,
            u"ignore_startup_parameters"_s,
            u"track_extra_parameters"_s,
            u"client_tls_sslmode"_s};
}

} // namespace

QVersionNumber pgbouncerVersion(const QString &text)
{
    static const QRegularExpression pattern(u"(\\d+)\\.(\\d+)(?:\\.(\\d+))?"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return QVersionNumber(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
}

PoolerDetection detectPooler(const ConnectionPlan &appPlan, const QString &adminUser, const QString &adminPassword,
                             const std::atomic<bool> *cancel)
{
    PoolerDetection detection;
    ConnectionPlan plan = appPlan;
    plan.set(u"dbname"_s, u"pgbouncer"_s);
    // Startup options for PostgreSQL are refused by the console; they say nothing about it.
    plan.options.removeIf([](const ConnectionOption &option) { return option.keyword == u"options"; });
    const bool asAdmin = !adminUser.isEmpty();
    if (asAdmin) {
        plan.set(u"user"_s, adminUser);
        plan.password = adminPassword;
    }
    const QString unchecked = settingsNeedingAdmin().join(u", "_s);

    LiveConnection console(plan, LiveChannel::Libpq, cancel);
    if (!console.open()) {
        const QString error = console.error();
        if (error.contains(u"not allowed"_s)) {
            PoolerInfo info;
            info.software = u"pgbouncer"_s;
            info.detectedBy = asAdmin
                ? AdminText::tr("its admin console exists but refused %1 (not in admin_users or stats_users)")
                      .arg(adminUser)
                : AdminText::tr("its admin console exists and refused the application's user");
            detection.pooler = info;
            detection.notChecked
                << AdminText::tr("PgBouncer's version and settings (%1): no admin access").arg(unchecked);
        } else if (error.contains(u"database \"pgbouncer\" does not exist"_s)) {
            detection.directPostgres = true;
            detection.notChecked << AdminText::tr(
                "no PgBouncer admin console at this address: it is PostgreSQL itself or another pooler");
        } else {
            detection.adminError = error;
            detection.notChecked << AdminText::tr(
                                        "PgBouncer's admin console did not let the check in (%1); not checked: %2")
                                        .arg(error, unchecked);
        }
        return detection;
    }

    PoolerInfo info;
    info.software = u"pgbouncer"_s;
    info.adminAccess = true;
    info.detectedBy = AdminText::tr("its admin console answered SHOW VERSION");
    QString error;
    if (const auto rows = console.query(u"SHOW VERSION"_s, &error); rows && !rows->isEmpty()) {
        info.versionText = rows->first().value(u"version"_s);
    } else {
        // Before 1.12 the version came as a notice; the console's server_version says it too.
        info.versionText = console.parameterStatus("server_version");
        if (info.versionText.isEmpty()) {
            detection.notChecked
                << AdminText::tr("the console at this address does not answer SHOW VERSION (%1)").arg(error);
            return detection;
        }
    }
    info.version = pgbouncerVersion(info.versionText);
    if (const auto rows = console.query(u"SHOW CONFIG"_s, &error)) {
        for (const PoolerRow &row : *rows)
            info.config.insert(row.value(u"key"_s), row.value(u"value"_s));
    } else {
        detection.notChecked << AdminText::tr("SHOW CONFIG failed (%1)").arg(error);
    }
    if (const auto rows = console.query(u"SHOW DATABASES"_s, &error))
        info.databases = *rows;
    else
        detection.notChecked << AdminText::tr("SHOW DATABASES failed (%1)").arg(error);
    if (const auto rows = console.query(u"SHOW POOLS"_s, &error))
        info.pools = *rows;
    else
        detection.notChecked << AdminText::tr("SHOW POOLS failed (%1)").arg(error);
    detection.pooler = info;
    return detection;
}

} // namespace poolproof
