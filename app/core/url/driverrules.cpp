// PB505: what the driver that reads a string refuses, beyond libpq's rules.
#include "urlanalysis_p.h"

#include "masking.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace poolproof::detail {

namespace {

class DriverRulesText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::DriverRules)
public:
    static QString badPort(const QString &driver, const QString &port)
    {
        return tr("%1 cannot use the port \"%2\": a port is a whole number from 1 to 65535").arg(driver, port);
    }
    static QString nodeIgnores(const QString &key)
    {
        return tr("node-postgres ignores the parameter \"%1\" without a word: it has no such setting").arg(key);
    }
    static QString nodeIgnoresFix()
    {
        return tr("Remove the parameter, or set it where node-postgres reads it (the Pool options).");
    }
    static QString nodeMultiHost()
    {
        return tr("node-postgres reads the URL with the WHATWG URL parser, which throws \"Invalid URL\" on a host list "
                  "with ports (h1:5432,h2); node-postgres connects to one host only");
    }
    static QString nodeMultiHostFix()
    {
        return tr("Give node-postgres a single host, or put a load balancer or pooler in front.");
    }
    static QString nodePassword(QChar c)
    {
        return tr("node-postgres throws \"Invalid URL\" on an unencoded \"%1\" in the password").arg(c);
    }
    static QString nodePasswordFix() { return tr("Percent-encode the character (# as %23, / as %2F, ` as %60)."); }
    static QString asyncpgSslmode()
    {
        return tr("SQLAlchemy hands the parameters of a postgresql+asyncpg URL to asyncpg.connect() as keyword "
                  "arguments, and asyncpg.connect() has no sslmode argument: the engine fails with \"connect() got an "
                  "unexpected keyword argument 'sslmode'\"");
    }
    static QString asyncpgSslmodeFix() { return tr("Use ssl=verify-full (or ssl=require) instead of sslmode."); }
    static QString asyncpgUnknown(const QString &key)
    {
        return tr("SQLAlchemy hands \"%1\" to asyncpg.connect() as a keyword argument, which asyncpg does not have "
                  "(\"connect() got an unexpected keyword argument\")")
            .arg(key);
    }
    static QString asyncpgUnknownFix()
    {
        return tr("Remove the parameter, or pass it to create_async_engine() in connect_args (server settings go in "
                  "connect_args={\"server_settings\": {...}}).");
    }
    static QString asyncpgBadSslmode(const QString &value)
    {
        return tr("asyncpg rejects sslmode \"%1\": it must be one of disable, allow, prefer, require, verify-ca, "
                  "verify-full")
            .arg(value);
    }
    static QString prismaVerify(const QString &value)
    {
        return tr("Prisma knows only sslmode prefer, disable and require, not \"%1\"; it checks the server certificate "
                  "with sslaccept=strict and the CA file in sslcert")
            .arg(value);
    }
    static QString prismaVerifyFix()
    {
        return tr("Write sslmode=require&sslaccept=strict (and sslcert=<CA file> for a private CA).");
    }
    static QString pgxExecMode(const QString &value)
    {
        return tr("pgx does not know default_query_exec_mode \"%1\" (cache_statement, cache_describe, describe_exec, "
                  "exec, simple_protocol)")
            .arg(value);
    }
};

UrlIssue make(const QString &subject, const QString &message, const TextSpan &span, const QString &fix = {},
              Severity cap = Severity::Error)
{
    UrlIssue issue;
    issue.ruleId = QStringLiteral("PB505");
    issue.subject = subject;
    issue.keyword = subject;
    issue.message = message;
    issue.fix = fix;
    issue.span = span;
    issue.cap = cap;
    return issue;
}

} // namespace

bool readByLibpq(Dialect dialect)
{
    return dialect == Dialect::Libpq || dialect == Dialect::SqlAlchemyPsycopg2 || dialect == Dialect::SqlAlchemyPsycopg;
}

QList<UrlIssue> checkDriverRules(QStringView text, const ConnectionFacts &facts, Dialect dialect)
{
    QList<UrlIssue> issues;
    if (readByLibpq(dialect))
        return issues;
    const QString driver = dialectName(dialect);

    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        if (!endpoint.port.known() || endpoint.port.value.isEmpty())
            continue;
        int number = 0;
        if (!parseLibpqInt(endpoint.port.value, &number) || number < 1 || number > 65535)
            issues.append(make(QStringLiteral("port"),
                               DriverRulesText::badPort(driver, maskedExcerpt(text, endpoint.port.span)),
                               endpoint.port.span));
    }

    switch (dialect) {
    case Dialect::NodePostgres: {
        bool anyPort = false;
        for (const ConnectionEndpoint &endpoint : facts.endpoints)
            anyPort = anyPort || endpoint.port.present;
        if (facts.endpoints.size() > 1 && anyPort) {
            issues.append(make(QStringLiteral("host"), DriverRulesText::nodeMultiHost(),
                               facts.endpoints.first().host.span, DriverRulesText::nodeMultiHostFix()));
        }
        // pg reads a fixed set of fields from the URL and drops the rest silently.
        static const QStringList known {u"host"_s,
                                        u"port"_s,
                                        u"user"_s,
                                        u"password"_s,
                                        u"database"_s,
                                        u"dbname"_s,
                                        u"ssl"_s,
                                        u"sslmode"_s,
                                        u"sslcert"_s,
                                        u"sslkey"_s,
                                        u"sslrootcert"_s,
                                        u"uselibpqcompat"_s,
                                        u"sslnegotiation"_s,
                                        u"options"_s,
                                        u"application_name"_s,
                                        u"fallback_application_name"_s,
                                        u"client_encoding"_s,
                                        u"replication"_s,
                                        u"statement_timeout"_s,
                                        u"lock_timeout"_s,
                                        u"idle_in_transaction_session_timeout"_s,
                                        u"query_timeout"_s,
                                        u"connect_timeout"_s,
                                        u"keepalives"_s,
                                        u"keepalives_idle"_s};
        for (const ConnectionParameter &parameter : facts.parameters) {
            if (!known.contains(parameter.name))
                issues.append(make(parameter.name, DriverRulesText::nodeIgnores(parameter.name), parameter.nameSpan,
                                   DriverRulesText::nodeIgnoresFix(), Severity::Info));
        }
        // The password as the writer meant it (up to the last "@"), not as libpq splits it.
        const QList<TextSpan> secrets = secretSpans(text);
        if (!secrets.isEmpty()) {
            const TextSpan password = secrets.first();
            const QStringView clear = text.mid(password.offset, password.length);
            for (const QChar c : {QChar(u'#'), QChar(u'/'), QChar(u'`')}) {
                if (clear.contains(c)) {
                    issues.append(make(QStringLiteral("password"), DriverRulesText::nodePassword(c), password,
                                       DriverRulesText::nodePasswordFix()));
                    break;
                }
            }
        }
        break;
    }
    case Dialect::SqlAlchemyAsyncpg: {
        static const QStringList accepted {u"host"_s,
                                           u"port"_s,
                                           u"user"_s,
                                           u"password"_s,
                                           u"passfile"_s,
                                           u"database"_s,
                                           u"timeout"_s,
                                           u"statement_cache_size"_s,
                                           u"max_cached_statement_lifetime"_s,
                                           u"max_cacheable_statement_size"_s,
                                           u"command_timeout"_s,
                                           u"ssl"_s,
                                           u"direct_tls"_s,
                                           u"server_settings"_s,
                                           u"target_session_attrs"_s,
                                           u"krbsrvname"_s,
                                           u"gsslib"_s,
                                           u"prepared_statement_cache_size"_s,
                                           u"prepared_statement_name_func"_s,
                                           u"async_fallback"_s};
        for (const ConnectionParameter &parameter : facts.parameters) {
            if (parameter.name == u"sslmode") {
                issues.append(make(parameter.name, DriverRulesText::asyncpgSslmode(), parameter.nameSpan,
                                   DriverRulesText::asyncpgSslmodeFix()));
            } else if (!accepted.contains(parameter.name)) {
                issues.append(make(parameter.name, DriverRulesText::asyncpgUnknown(parameter.name), parameter.nameSpan,
                                   DriverRulesText::asyncpgUnknownFix()));
            }
        }
        break;
    }
    case Dialect::Asyncpg: {
        static const QStringList modes {u"disable"_s, u"allow"_s,     u"prefer"_s,
                                        u"require"_s, u"verify-ca"_s, u"verify-full"_s};
        if (const ConnectionParameter *mode = facts.parameter(u"sslmode");
            mode && !mode->fromReference && !modes.contains(mode->value))
            issues.append(make(mode->name, DriverRulesText::asyncpgBadSslmode(mode->value), mode->valueSpan));
        break;
    }
    case Dialect::Prisma: {
        if (const ConnectionParameter *mode = facts.parameter(u"sslmode");
            mode && (mode->value == u"verify-full" || mode->value == u"verify-ca" || mode->value == u"allow")) {
            issues.append(make(mode->name, DriverRulesText::prismaVerify(mode->value), mode->valueSpan,
                               DriverRulesText::prismaVerifyFix(), Severity::Warning));
        }
        break;
    }
    case Dialect::Pgx: {
        static const QStringList modes {u"cache_statement"_s, u"cache_describe"_s, u"describe_exec"_s, u"exec"_s,
                                        u"simple_protocol"_s};
        if (const ConnectionParameter *mode = facts.parameter(u"default_query_exec_mode");
            mode && !mode->fromReference && !modes.contains(mode->value)) {
            issues.append(make(mode->name, DriverRulesText::pgxExecMode(mode->value), mode->valueSpan));
        }
        break;
    }
    default: break;
    }
    return issues;
}

} // namespace poolproof::detail
