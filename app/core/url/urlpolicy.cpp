#include "urlpolicy.h"

#include "libpqrules.h"
#include "startupoptions.h"

#include "rules/poolerprofile.h"
#include "rules/rulecatalog.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class UrlPolicyText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::UrlPolicy)
public:
    static QString port(int port) { return tr("port %1").arg(port); }
    static QString host(const QString &what) { return tr("the host name contains \"%1\"").arg(what); }
    static QString pgbouncerParameter() { return tr("pgbouncer=true"); }

    static QString bypasses(const QString &environment, const QString &why)
    {
        return tr("The %1 application connects straight to the database although %2: it bypasses the pooler "
                  "(no pooler port or pooler host in the URL).")
            .arg(environment, why);
    }
    static QString migrationThroughPooler(const QString &via)
    {
        return tr("This migration URL goes through the transaction pooler (%1): migration tools take session "
                  "advisory locks and run statements that need one server session.")
            .arg(via);
    }
    static QString migrationsUseApplicationUrl(const QString &via, const QString &why)
    {
        return tr("Migrations also use this application URL (%1), and it goes through the transaction pooler (%2).")
            .arg(why, via);
    }
    static QString tlsMissing(const QString &setting)
    {
        return tr("Production traffic is not protected by TLS (%1): the connection can fall back to plain text "
                  "and nobody checks the server's identity.")
            .arg(setting);
    }
    static QString tlsUnverified(const QString &setting)
    {
        return tr("TLS is used but the server's certificate is not checked against its host name (%1): a "
                  "man in the middle can pose as the database.")
            .arg(setting);
    }
    static QString tlsUnset() { return tr("no TLS setting; the driver's default applies"); }
    static QString tlsNote(Dialect dialect)
    {
        switch (dialect) {
        case Dialect::NodePostgres:
            return tr(" node-postgres reads require, prefer and verify-ca as verify-full today, but will read them as "
                      "libpq does in its next major version.");
        case Dialect::LibPqGo: return tr(" lib/pq defaults to require, and its default changes to prefer.");
        case Dialect::Prisma:
            return tr(" Prisma has no verify modes: it checks certificates only with sslaccept=strict.");
        case Dialect::Npgsql: return tr(" Trust Server Certificate=true turns every certificate check off.");
        default: return {};
        }
    }
    static QString localHost(const QString &host)
    {
        return host.isEmpty()
            ? tr("The production URL has no host: libpq then connects to the local Unix socket.")
            : tr("The production URL points at \"%1\", which is this machine, not a database server.").arg(host);
    }
    static QString literalPassword(const QString &environment)
    {
        return tr("The %1 connection string holds a literal password, committed with the file.").arg(environment);
    }
    static QString superuser() { return tr("The application logs in as \"postgres\", the superuser."); }
    static QString weakPassword() { return tr("The password is a well-known default password."); }
    static QString maintenanceDatabase(const QString &db)
    {
        return tr("The application uses the \"%1\" database, which exists for maintenance, not for application data.")
            .arg(db);
    }
    static QString noTimeout(const QString &name)
    {
        return tr("No connect timeout is set (%1): libpq waits for an unreachable server as long as the operating "
                  "system lets it, and the application hangs at start-up or during failover.")
            .arg(name);
    }
    static QString zeroTimeout(const QString &name) { return tr("%1=0 means \"wait forever\".").arg(name); }
    static QString shortTimeout(const QString &name)
    {
        return tr("%1 below 2 seconds is raised to 2 by libpq.").arg(name);
    }
    static QString noApplicationName(const QString &name)
    {
        return tr("No %1 is set: pg_stat_activity and the pooler's SHOW CLIENTS cannot tell this application's "
                  "connections from others.")
            .arg(name);
    }
    static QString tlsRefused(const QString &path)
    {
        return tr("The URL asks for TLS, but the pooler does not accept TLS from clients (client_tls_sslmode is "
                  "disable in %1): the connection fails.")
            .arg(path);
    }
    static QString prismaNotNeeded(const QString &profile)
    {
        return tr("pgbouncer=true is not needed on %1, which keeps protocol-level prepared statements; without "
                  "it Prisma keeps its statement cache.")
            .arg(profile);
    }
    static QString prismaNeeded(const QString &profile)
    {
        return tr("Prisma uses named prepared statements, which %1 does not keep between transactions "
                  "(prepared statement \"s0\" already exists); the URL needs pgbouncer=true.")
            .arg(profile);
    }
    static QString prismaNeededFix() { return tr("Add pgbouncer=true to the pooled URL."); }
    static QString jdbcThreshold(const QString &profile)
    {
        return tr("pgjdbc switches to named server-side statements after 5 executions (prepareThreshold=5), which "
                  "%1 does not keep (prepared statement \"S_1\" does not exist).")
            .arg(profile);
    }
    static QString jdbcThresholdFix() { return tr("Add prepareThreshold=0 to the JDBC URL."); }
    static QString pgxDescribeExec()
    {
        return tr("default_query_exec_mode=describe_exec prepares a statement and executes it in separate steps "
                  "that a transaction pooler may send to different server connections; it is never safe behind one.");
    }
    static QString pgxMode(const QString &profile)
    {
        return tr("pgx caches named prepared statements by default (cache_statement), which %1 does not keep.")
            .arg(profile);
    }
    static QString pgxFix() { return tr("Set default_query_exec_mode=exec (or cache_describe, or simple_protocol)."); }
    static QString asyncpgCache(const QString &profile)
    {
        return tr("SQLAlchemy's asyncpg dialect caches named prepared statements, which %1 does not keep "
                  "(prepared statement \"__asyncpg_stmt_1__\" does not exist).")
            .arg(profile);
    }
    static QString asyncpgCacheFix()
    {
        return tr("Add prepared_statement_cache_size=0 to the URL and pass statement_cache_size=0 in connect_args.");
    }
    static QString postgresJsPrepare(const QString &profile)
    {
        return tr("postgres.js prepares named statements by default (prepare: true), which %1 does not keep.")
            .arg(profile);
    }
    static QString postgresJsFix()
    {
        return tr("Add prepare=false to the URL or pass { prepare: false } to postgres().");
    }
    static QString npgsqlAutoPrepare(const QString &profile)
    {
        return tr("Max Auto Prepare makes Npgsql prepare named statements automatically, which %1 does not keep.")
            .arg(profile);
    }
    static QString npgsqlAutoPrepareFix() { return tr("Set Max Auto Prepare=0 for the pooled connection string."); }
    static QString npgsqlReset(const QString &profile)
    {
        return tr("Npgsql resets every connection it returns to its pool with DISCARD ALL, which %1 does not "
                  "understand in transaction mode.")
            .arg(profile);
    }
    static QString npgsqlResetFix()
    {
        return tr("Add No Reset On Close=true (or Pooling=false) to the pooled connection string.");
    }
    static QString railsPrepared(const QString &profile)
    {
        return tr("Rails prepares statements by default (prepared_statements: true), which %1 does not keep.")
            .arg(profile);
    }
    static QString railsPreparedFix() { return tr("Set prepared_statements: false for the pooled database."); }
    static QString railsAdvisoryLocks()
    {
        return tr("Rails takes a session advisory lock while migrating, and this database config goes through the "
                  "transaction pooler without advisory_locks: false.");
    }
    static QString startupParameter(const QString &driver, const QString &name)
    {
        return tr("%1 sends \"%2\" as a startup parameter, and PgBouncer refuses it (unsupported startup "
                  "parameter: %2) unless it is listed in ignore_startup_parameters.")
            .arg(driver, name);
    }
    static QString optionsParameter(const QString &name)
    {
        return tr("The options parameter sets \"%1\", which PgBouncer does not track: it refuses the connection "
                  "(unsupported startup parameter in options: %1).")
            .arg(name);
    }
    static QString startupFix(const QString &name)
    {
        return tr("Drop \"%1\" from the connection string and set it per transaction (SET LOCAL) or on the role "
                  "(ALTER ROLE ... SET), or add it to ignore_startup_parameters.")
            .arg(name);
    }
};

UrlIssue make(const QString &rule, const QString &subject, const QString &message, const TextSpan &span,
              const QString &keyword = {}, Severity cap = Severity::Error, const QString &fix = {})
{
    UrlIssue issue;
    issue.ruleId = rule;
    issue.subject = subject;
    issue.keyword = keyword.isEmpty() ? subject : keyword;
    issue.message = message;
    issue.span = span;
    issue.cap = cap;
    issue.fix = fix;
    return issue;
}

bool isProduction(const PolicyContext &context)
{
    return context.kind == EnvironmentKind::Production;
}

bool isProductionLike(const PolicyContext &context)
{
    return context.kind == EnvironmentKind::Production || context.kind == EnvironmentKind::Staging;
}

bool readsWithLibpq(Dialect dialect)
{
    return dialect == Dialect::Libpq || dialect == Dialect::SqlAlchemyPsycopg2 || dialect == Dialect::SqlAlchemyPsycopg;
}

QString timeoutName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Jdbc: return QStringLiteral("connectTimeout");
    case Dialect::Npgsql: return QStringLiteral("Timeout");
    default: return QStringLiteral("connect_timeout");
    }
}

QString applicationNameName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Jdbc: return QStringLiteral("ApplicationName");
    case Dialect::Npgsql: return QStringLiteral("Application Name");
    default: return QStringLiteral("application_name");
    }
}

// The parameters a driver sends to the server at startup, with where they are written.
QList<const ConnectionParameter *> forwardedParameters(const ConnectionFacts &facts, Dialect dialect)
{
    static const QStringList urlParts {u"host"_s,     u"hostaddr"_s, u"port"_s,     u"dbname"_s,
                                       u"database"_s, u"user"_s,     u"username"_s, u"password"_s};
    static const QStringList pgxConsumes {u"passfile"_s,
                                          u"connect_timeout"_s,
                                          u"sslmode"_s,
                                          u"sslkey"_s,
                                          u"sslcert"_s,
                                          u"sslrootcert"_s,
                                          u"sslpassword"_s,
                                          u"sslsni"_s,
                                          u"krbspn"_s,
                                          u"krbsrvname"_s,
                                          u"target_session_attrs"_s,
                                          u"service"_s,
                                          u"servicefile"_s,
                                          u"channel_binding"_s,
                                          u"require_auth"_s,
                                          u"min_protocol_version"_s,
                                          u"max_protocol_version"_s,
                                          u"sslnegotiation"_s,
                                          u"pool_max_conns"_s,
                                          u"pool_min_conns"_s,
                                          u"pool_min_idle_conns"_s,
                                          u"pool_max_conn_lifetime"_s,
                                          u"pool_max_conn_idle_time"_s,
                                          u"pool_health_check_period"_s,
                                          u"pool_max_conn_lifetime_jitter"_s,
                                          u"statement_cache_capacity"_s,
                                          u"description_cache_capacity"_s,
                                          u"default_query_exec_mode"_s};
    static const QStringList libPqGoConsumes {u"sslmode"_s,
                                              u"sslcert"_s,
                                              u"sslkey"_s,
                                              u"sslrootcert"_s,
                                              u"sslinline"_s,
                                              u"sslsni"_s,
                                              u"connect_timeout"_s,
                                              u"binary_parameters"_s,
                                              u"disable_prepared_binary_result"_s,
                                              u"krbsrvname"_s,
                                              u"krbspn"_s,
                                              u"load_balance_hosts"_s,
                                              u"target_session_attrs"_s,
                                              u"sslnegotiation"_s,
                                              u"passfile"_s,
                                              u"service"_s};
    static const QStringList postgresJsConsumes {u"pass"_s,
                                                 u"db"_s,
                                                 u"ssl"_s,
                                                 u"sslmode"_s,
                                                 u"sslrootcert"_s,
                                                 u"max"_s,
                                                 u"idle_timeout"_s,
                                                 u"connect_timeout"_s,
                                                 u"max_lifetime"_s,
                                                 u"max_pipeline"_s,
                                                 u"backoff"_s,
                                                 u"keep_alive"_s,
                                                 u"prepare"_s,
                                                 u"debug"_s,
                                                 u"fetch_types"_s,
                                                 u"publications"_s,
                                                 u"target_session_attrs"_s};
    static const QStringList asyncpgConsumes {u"passfile"_s,
                                              u"sslmode"_s,
                                              u"sslcert"_s,
                                              u"sslkey"_s,
                                              u"sslrootcert"_s,
                                              u"sslnegotiation"_s,
                                              u"sslcrl"_s,
                                              u"sslpassword"_s,
                                              u"ssl_min_protocol_version"_s,
                                              u"ssl_max_protocol_version"_s,
                                              u"target_session_attrs"_s,
                                              u"krbsrvname"_s,
                                              u"gsslib"_s,
                                              u"service"_s};
    static const QStringList nodeSends {
        u"options"_s,          u"statement_timeout"_s, u"lock_timeout"_s, u"idle_in_transaction_session_timeout"_s,
        u"application_name"_s, u"client_encoding"_s,   u"replication"_s};
    static const QStringList libpqSends {u"options"_s, u"application_name"_s, u"client_encoding"_s, u"replication"_s};

    QList<const ConnectionParameter *> list;
    for (const ConnectionParameter &parameter : facts.parameters) {
        const QString &name = parameter.name;
        if (urlParts.contains(name))
            continue;
        bool sent = false;
        switch (dialect) {
        case Dialect::Pgx: sent = !pgxConsumes.contains(name); break;
        case Dialect::LibPqGo: sent = !libPqGoConsumes.contains(name); break;
        case Dialect::PostgresJs: sent = !postgresJsConsumes.contains(name); break;
        case Dialect::Asyncpg: sent = !asyncpgConsumes.contains(name); break;
        case Dialect::NodePostgres: sent = nodeSends.contains(name); break;
        case Dialect::Prisma: sent = name == u"options" || name == u"application_name"; break;
        // pgjdbc sends currentSchema as search_path.
        case Dialect::Jdbc: sent = name == u"options" || name == u"ApplicationName" || name == u"currentSchema"; break;
        case Dialect::Npgsql: {
            QString key = name.toLower();
            key.remove(u' ');
            sent = key == u"searchpath" || key == u"options";
            break;
        }
        case Dialect::SqlAlchemyAsyncpg: sent = false; break;
        default: sent = libpqSends.contains(name); break;
        }
        if (sent)
            list.append(&parameter);
    }
    return list;
}

void checkStartupParameters(const UrlAnalysis &analysis, const PolicyContext &context, const PoolerProfile &profile,
                            QList<UrlIssue> *issues)
{
    const ConnectionFacts &facts = analysis.facts();
    // Profiles that do not list what they track get PgBouncer's fixed set: every pooler keeps those.
    QStringList accepted = profile.trackedParameters;
    if (accepted.isEmpty())
        accepted = {u"client_encoding"_s, u"datestyle"_s, u"timezone"_s, u"standard_conforming_strings"_s,
                    u"application_name"_s};
    QStringList ignored;
    if (context.pooler) {
        for (const QString &name : context.pooler->ignoreStartupParameters)
            ignored << name.toLower();
        for (const QString &name : context.pooler->trackExtraParameters)
            accepted << name.toLower();
    }
    const QString driver = dialectName(analysis.dialect());
    const auto refuse = [&](const QString &name, const QString &message, const TextSpan &span) {
        issues->append(
            make(QStringLiteral("PB531"), name, message, span, name, Severity::Error, UrlPolicyText::startupFix(name)));
    };
    if (analysis.dialect() == Dialect::Jdbc && !ignored.contains(u"extra_float_digits"_s)) {
        const ConnectionEndpoint &first = facts.endpoints.first();
        refuse(QStringLiteral("extra_float_digits"), UrlPolicyText::startupParameter(driver, u"extra_float_digits"_s),
               first.host.span);
    }
    for (const ConnectionParameter *parameter : forwardedParameters(facts, analysis.dialect())) {
        QString name = parameter->name;
        if (analysis.dialect() == Dialect::Npgsql)
            name = name.toLower().remove(u' ') == u"searchpath" ? u"search_path"_s : u"options"_s;
        if (analysis.dialect() == Dialect::Jdbc && name == u"ApplicationName")
            name = QStringLiteral("application_name");
        if (analysis.dialect() == Dialect::Jdbc && name == u"currentSchema")
            name = QStringLiteral("search_path");
        const QString lower = name.toLower();
        if (lower.startsWith(u"_pq_.") || ignored.contains(lower) || accepted.contains(lower))
            continue;
        if (lower == u"options") {
            for (const StartupOption &option : startupOptions(parameter->value)) {
                const QString &key = option.key;
                if (!accepted.contains(key))
                    issues->append(make(QStringLiteral("PB531"), key, UrlPolicyText::optionsParameter(key),
                                        parameter->valueSpan, QStringLiteral("options"), Severity::Error,
                                        UrlPolicyText::startupFix(key)));
            }
            continue;
        }
        if (lower == u"replication")
            continue; // supported since PgBouncer 1.23
        refuse(name, UrlPolicyText::startupParameter(driver, name), parameter->nameSpan);
    }
}

void checkDriverFlags(const UrlAnalysis &analysis, const PolicyContext &context, const PoolerProfile &profile,
                      bool viaPooler, QList<UrlIssue> *issues)
{
    const ConnectionFacts &facts = analysis.facts();
    const bool named = profile.namedPreparedStatements;
    const QString profileName = RuleCatalog::translated(profile.name);
    const auto flag
        = [&](const QString &subject, const QString &message, const TextSpan &span, Severity cap, const QString &fix) {
              issues->append(make(QStringLiteral("PB530"), subject, message, span, subject, cap, fix));
          };
    const TextSpan whole = facts.endpoints.isEmpty() ? TextSpan {} : facts.endpoints.first().host.span;
    switch (analysis.dialect()) {
    case Dialect::Prisma: {
        const ConnectionParameter *pgbouncer = facts.parameter(u"pgbouncer");
        const bool on = pgbouncer && pgbouncer->value == u"true";
        if (on && named)
            flag(QStringLiteral("pgbouncer"), UrlPolicyText::prismaNotNeeded(profileName), pgbouncer->nameSpan,
                 Severity::Info, {});
        else if (!on && viaPooler && !named)
            flag(QStringLiteral("pgbouncer"), UrlPolicyText::prismaNeeded(profileName), whole, Severity::Error,
                 UrlPolicyText::prismaNeededFix());
        break;
    }
    case Dialect::Jdbc:
        if (viaPooler && !named && facts.parameterValue(u"prepareThreshold") != u"0"
            && facts.parameterValue(u"preferQueryMode") != u"simple") {
            const ConnectionParameter *threshold = facts.parameter(u"prepareThreshold");
            flag(QStringLiteral("prepareThreshold"), UrlPolicyText::jdbcThreshold(profileName),
                 threshold ? threshold->valueSpan : whole, Severity::Error, UrlPolicyText::jdbcThresholdFix());
        }
        break;
    case Dialect::Pgx: {
        const ConnectionParameter *mode = facts.parameter(u"default_query_exec_mode");
        const QString value = mode ? mode->value : QString();
        if (viaPooler && value == u"describe_exec")
            flag(QStringLiteral("default_query_exec_mode"), UrlPolicyText::pgxDescribeExec(), mode->valueSpan,
                 Severity::Error, UrlPolicyText::pgxFix());
        else if (viaPooler && !named && value != u"exec" && value != u"simple_protocol" && value != u"cache_describe")
            flag(QStringLiteral("default_query_exec_mode"), UrlPolicyText::pgxMode(profileName),
                 mode ? mode->valueSpan : whole, Severity::Error, UrlPolicyText::pgxFix());
        break;
    }
    case Dialect::SqlAlchemyAsyncpg:
        if (viaPooler && !named && facts.parameterValue(u"prepared_statement_cache_size") != u"0")
            flag(QStringLiteral("prepared_statement_cache_size"), UrlPolicyText::asyncpgCache(profileName), whole,
                 Severity::Error, UrlPolicyText::asyncpgCacheFix());
        break;
    case Dialect::PostgresJs:
        if (viaPooler && !named && facts.parameterValue(u"prepare") != u"false")
            flag(QStringLiteral("prepare"), UrlPolicyText::postgresJsPrepare(profileName), whole, Severity::Error,
                 UrlPolicyText::postgresJsFix());
        break;
    case Dialect::Npgsql: {
        const ConnectionParameter *autoPrepare = nullptr;
        bool pooling = true;
        bool noReset = false;
        for (const ConnectionParameter &parameter : facts.parameters) {
            QString key = parameter.name.toLower();
            key.remove(u' ');
            if (key == u"maxautoprepare")
                autoPrepare = &parameter;
            else if (key == u"pooling")
                pooling = parameter.value.compare(u"false", Qt::CaseInsensitive) != 0;
            else if (key == u"noresetonclose")
                noReset = parameter.value.compare(u"true", Qt::CaseInsensitive) == 0;
        }
        if (viaPooler && !named && autoPrepare && autoPrepare->value.toInt() > 0)
            flag(autoPrepare->name, UrlPolicyText::npgsqlAutoPrepare(profileName), autoPrepare->valueSpan,
                 Severity::Error, UrlPolicyText::npgsqlAutoPrepareFix());
        if (viaPooler && pooling && !noReset && !profile.deallocateAllHandled)
            flag(QStringLiteral("No Reset On Close"), UrlPolicyText::npgsqlReset(profileName), whole, Severity::Warning,
                 UrlPolicyText::npgsqlResetFix());
        break;
    }
    default: break;
    }
    if (context.framework == u"rails" && viaPooler && !named
        && context.frameworkSettings.value(QStringLiteral("prepared_statements")) != u"false"
        && facts.parameterValue(u"prepared_statements") != u"false") {
        flag(QStringLiteral("prepared_statements"), UrlPolicyText::railsPrepared(profileName), whole, Severity::Error,
             UrlPolicyText::railsPreparedFix());
    }
}

} // namespace

PoolerHint poolerHint(const ConnectionFacts &facts, const std::optional<PoolerSettings> &pooler)
{
    QList<int> ports {6432, 6543};
    if (pooler && !ports.contains(pooler->listenPort))
        ports << pooler->listenPort;
    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        const int port = endpoint.port.known() ? endpoint.port.value.toInt() : 0;
        if (ports.contains(port))
            return {true, UrlPolicyText::port(port)};
        const QString host = endpoint.host.known() ? endpoint.host.value.toLower() : QString();
        for (const QStringView marker :
             {QStringView(u"pooler.supabase.com"), QStringView(u"-pooler."), QStringView(u"pgbouncer")}) {
            if (host.contains(marker))
                return {true, UrlPolicyText::host(marker.toString())};
        }
        if (host.contains(u".proxy-") && host.contains(u"rds.amazonaws.com"))
            return {true, UrlPolicyText::host(u".proxy-"_s)};
    }
    if (facts.parameterValue(u"pgbouncer") == u"true")
        return {true, UrlPolicyText::pgbouncerParameter()};
    return {};
}

QList<UrlIssue> checkPolicy(const UrlAnalysis &analysis, const PolicyContext &context)
{
    QList<UrlIssue> issues;
    if (analysis.isWholeReference() || !analysis.isReadable())
        return issues;
    const ConnectionFacts &facts = analysis.facts();
    const PoolerProfile &profile = context.profile ? *context.profile : RuleCatalog::builtin().defaultProfile();
    const PoolerHint via = poolerHint(facts, context.pooler);
    const TextSpan firstHost = facts.endpoints.isEmpty() ? TextSpan {} : facts.endpoints.first().host.span;
    const TextSpan firstPort = facts.endpoints.isEmpty() ? TextSpan {} : facts.endpoints.first().port.span;
    const bool hostsKnown
        = std::all_of(facts.endpoints.cbegin(), facts.endpoints.cend(),
                      [](const ConnectionEndpoint &e) { return !e.host.fromReference && !e.port.fromReference; });

    // Pooler use
    if (context.role == UrlRole::Application && context.poolerExpected && isProductionLike(context) && !via.viaPooler
        && hostsKnown) {
        issues.append(make(QStringLiteral("PB510"), QStringLiteral("port"),
                           UrlPolicyText::bypasses(context.environment, context.poolerExpectedReason),
                           firstPort.isValid() ? firstPort : firstHost, QStringLiteral("port")));
    }
    if (context.role == UrlRole::Migration && via.viaPooler) {
        issues.append(make(QStringLiteral("PB511"), QStringLiteral("port"),
                           UrlPolicyText::migrationThroughPooler(via.reason),
                           firstPort.isValid() ? firstPort : firstHost, QStringLiteral("port")));
    } else if (context.role == UrlRole::Application && via.viaPooler) {
        if (context.migrationsUseThisUrl) {
            issues.append(make(QStringLiteral("PB511"), QStringLiteral("port"),
                               UrlPolicyText::migrationsUseApplicationUrl(via.reason, context.migrationsReason),
                               firstPort.isValid() ? firstPort : firstHost, QStringLiteral("port")));
        } else if (context.framework == u"rails"
                   && context.frameworkSettings.value(QStringLiteral("advisory_locks")) != u"false"
                   && facts.parameterValue(u"advisory_locks") != u"false") {
            issues.append(make(QStringLiteral("PB511"), QStringLiteral("advisory_locks"),
                               UrlPolicyText::railsAdvisoryLocks(), firstPort.isValid() ? firstPort : firstHost,
                               QStringLiteral("advisory_locks")));
        }
    }

    if (context.role != UrlRole::PoolerConfig) {
        // TLS in production
        if (isProduction(context) && !facts.tlsSetting.fromReference) {
            const QString setting = facts.tlsDefaulted ? UrlPolicyText::tlsUnset() : facts.tlsSetting.value;
            const TextSpan span = facts.tlsDefaulted ? TextSpan {} : facts.tlsSetting.span;
            // Driver remarks only where they explain this string's setting.
            QString note;
            const Dialect dialect = analysis.dialect();
            bool trusting = false;
            for (const ConnectionParameter &parameter : facts.parameters) {
                QString key = parameter.name.toLower();
                key.remove(u' ');
                trusting = trusting
                    || (key == u"trustservercertificate" && parameter.value.compare(u"true", Qt::CaseInsensitive) == 0);
            }
            if ((dialect == Dialect::NodePostgres && !facts.tlsDefaulted && facts.tls == TlsLevel::Encrypted)
                || (dialect == Dialect::LibPqGo && facts.tlsDefaulted) || dialect == Dialect::Prisma
                || (dialect == Dialect::Npgsql && trusting))
                note = UrlPolicyText::tlsNote(dialect);
            if (facts.tls == TlsLevel::Off || facts.tls == TlsLevel::Opportunistic)
                issues.append(make(QStringLiteral("PB520"), QStringLiteral("sslmode"),
                                   UrlPolicyText::tlsMissing(setting) + note, span));
            else if (facts.tls == TlsLevel::Encrypted || facts.tls == TlsLevel::VerifyCa)
                issues.append(make(QStringLiteral("PB520"), QStringLiteral("sslmode"),
                                   UrlPolicyText::tlsUnverified(setting) + note, span, QStringLiteral("sslmode"),
                                   Severity::Warning));
        }
        // TLS the pooler refuses
        if (context.pooler && via.viaPooler && facts.tls >= TlsLevel::Encrypted
            && (context.pooler->clientTlsSslmode.isEmpty() || context.pooler->clientTlsSslmode == u"disable")) {
            issues.append(make(QStringLiteral("PB527"), QStringLiteral("sslmode"),
                               UrlPolicyText::tlsRefused(context.pooler->path), facts.tlsSetting.span));
        }
        // Local hosts in production
        if (isProduction(context)) {
            for (const ConnectionEndpoint &endpoint : facts.endpoints) {
                if (!endpoint.host.fromReference && isLocalHost(endpoint.host.value)
                    && !(analysis.dialect() == Dialect::Npgsql && !endpoint.host.present)) {
                    issues.append(make(QStringLiteral("PB521"), QStringLiteral("host"),
                                       UrlPolicyText::localHost(endpoint.host.value), endpoint.host.span));
                    break;
                }
            }
        }
    }

    // Credentials
    if (isProductionLike(context) && facts.password == PasswordState::Literal) {
        issues.append(make(QStringLiteral("PB522"), QStringLiteral("password"),
                           UrlPolicyText::literalPassword(context.environment), facts.passwordSpan,
                           QStringLiteral("password"),
                           context.kind == EnvironmentKind::Production ? Severity::Error : Severity::Warning));
    }
    if (isProductionLike(context)) {
        if (facts.user.known() && facts.user.value == u"postgres")
            issues.append(
                make(QStringLiteral("PB523"), QStringLiteral("user"), UrlPolicyText::superuser(), facts.user.span));
        if (facts.weakPassword)
            issues.append(make(QStringLiteral("PB523"), QStringLiteral("password"), UrlPolicyText::weakPassword(),
                               facts.passwordSpan));
        if (context.role == UrlRole::Application && facts.dbname.known()
            && (facts.dbname.value == u"postgres" || facts.dbname.value == u"template1"
                || facts.dbname.value == u"template0")) {
            issues.append(make(QStringLiteral("PB526"), QStringLiteral("dbname"),
                               UrlPolicyText::maintenanceDatabase(facts.dbname.value), facts.dbname.span));
        }
    }

    // Timeouts and names in production
    if (isProduction(context) && context.role != UrlRole::PoolerConfig) {
        const QString name = timeoutName(analysis.dialect());
        if (!facts.connectTimeout.present && !facts.driverHasConnectTimeout) {
            issues.append(
                make(QStringLiteral("PB524"), QStringLiteral("connect_timeout"), UrlPolicyText::noTimeout(name), {}));
        } else if (facts.connectTimeout.known()) {
            int seconds = 0;
            if (parseLibpqInt(facts.connectTimeout.value, &seconds) && seconds == 0)
                issues.append(make(QStringLiteral("PB524"), QStringLiteral("connect_timeout"),
                                   UrlPolicyText::zeroTimeout(name), facts.connectTimeout.span));
            else if (parseLibpqInt(facts.connectTimeout.value, &seconds) && seconds == 1
                     && readsWithLibpq(analysis.dialect()))
                issues.append(make(QStringLiteral("PB524"), QStringLiteral("connect_timeout"),
                                   UrlPolicyText::shortTimeout(name), facts.connectTimeout.span,
                                   QStringLiteral("connect_timeout"), Severity::Info));
        }
        if (context.role == UrlRole::Application && !facts.applicationName.present) {
            issues.append(make(QStringLiteral("PB525"), QStringLiteral("application_name"),
                               UrlPolicyText::noApplicationName(applicationNameName(analysis.dialect())), {}));
        }
    }

    // Driver settings against the pooler profile
    if (context.role == UrlRole::Application)
        checkDriverFlags(analysis, context, profile, via.viaPooler, &issues);
    if (context.role != UrlRole::PoolerConfig && via.viaPooler)
        checkStartupParameters(analysis, context, profile, &issues);
    return issues;
}

} // namespace poolproof
