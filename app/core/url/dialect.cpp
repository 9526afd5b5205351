#include "dialect.h"

#include "urilayout.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class DialectText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::Dialect)
public:
    static QString prefix(const QString &prefix) { return tr("the string starts with \"%1\"").arg(prefix); }
    static QString semicolons() { return tr("the string is a list of Key=Value pairs separated by \";\""); }
    static QString parameter(const QString &name, const QString &driver)
    {
        return tr("the parameter \"%1\" exists only in %2").arg(name, driver);
    }
    static QString fallback() { return tr("nothing points at another driver"); }
};

struct DialectInfo {
    Dialect dialect;
    QStringView id;
    QStringView name;
};

constexpr std::array dialects {
    DialectInfo {Dialect::Libpq, u"libpq", u"libpq"},
    DialectInfo {Dialect::Jdbc, u"jdbc", u"pgjdbc"},
    DialectInfo {Dialect::SqlAlchemyPsycopg2, u"sqlalchemy+psycopg2", u"SQLAlchemy with psycopg2"},
    DialectInfo {Dialect::SqlAlchemyPsycopg, u"sqlalchemy+psycopg", u"SQLAlchemy with psycopg"},
    DialectInfo {Dialect::SqlAlchemyAsyncpg, u"sqlalchemy+asyncpg", u"SQLAlchemy with asyncpg"},
    DialectInfo {Dialect::Prisma, u"prisma", u"Prisma"},
    DialectInfo {Dialect::Pgx, u"pgx", u"pgx"},
    DialectInfo {Dialect::LibPqGo, u"lib-pq", u"lib/pq"},
    DialectInfo {Dialect::NodePostgres, u"node-postgres", u"node-postgres"},
    DialectInfo {Dialect::PostgresJs, u"postgres-js", u"postgres.js"},
    DialectInfo {Dialect::Asyncpg, u"asyncpg", u"asyncpg"},
    DialectInfo {Dialect::Npgsql, u"npgsql", u"Npgsql"},
};

struct Signature {
    Dialect dialect;
    QStringList keys;
};

// Query parameters that only one driver understands.
const QList<Signature> &signatures()
{
    static const QList<Signature> list {
        {Dialect::Prisma,
         {u"pgbouncer"_s, u"connection_limit"_s, u"pool_timeout"_s, u"schema"_s, u"sslaccept"_s, u"sslidentity"_s,
          u"socket_timeout"_s, u"statement_cache_size"_s}},
        {Dialect::Pgx,
         {u"pool_max_conns"_s, u"pool_min_conns"_s, u"pool_min_idle_conns"_s, u"pool_max_conn_lifetime"_s,
          u"pool_max_conn_idle_time"_s, u"pool_health_check_period"_s, u"pool_max_conn_lifetime_jitter"_s,
          u"default_query_exec_mode"_s, u"statement_cache_capacity"_s, u"description_cache_capacity"_s}},
        {Dialect::NodePostgres, {u"uselibpqcompat"_s}},
        {Dialect::LibPqGo, {u"binary_parameters"_s, u"disable_prepared_binary_result"_s}},
        {Dialect::PostgresJs,
         {u"prepare"_s, u"fetch_types"_s, u"idle_timeout"_s, u"max_lifetime"_s, u"max_pipeline"_s, u"publications"_s}},
    };
    return list;
}

QStringList queryKeys(QStringView text)
{
    QStringList keys;
    const qsizetype query = text.indexOf(u'?');
    if (query < 0)
        return keys;
    const QStringView params = text.mid(query + 1);
    for (QStringView pair : params.split(u'&')) {
        const qsizetype equals = pair.indexOf(u'=');
        QString key;
        if (!percentDecode(pair.left(equals < 0 ? pair.size() : equals), &key))
            continue;
        keys << key.trimmed();
    }
    return keys;
}

} // namespace

QString dialectId(Dialect dialect)
{
    for (const DialectInfo &info : dialects) {
        if (info.dialect == dialect)
            return info.id.toString();
    }
    return {};
}

QString dialectName(Dialect dialect)
{
    for (const DialectInfo &info : dialects) {
        if (info.dialect == dialect)
            return info.name.toString();
    }
    return {};
}

std::optional<Dialect> dialectFromId(QStringView id)
{
    for (const DialectInfo &info : dialects) {
        if (info.id == id)
            return info.dialect;
    }
    return std::nullopt;
}

DialectGuess detectDialect(QStringView text, const DialectContext &context)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.startsWith(u"jdbc:", Qt::CaseInsensitive))
        return {Dialect::Jdbc, DialectText::prefix(trimmed.left(5).toString())};
    static const QRegularExpression sqlalchemy(u"^(postgres(?:ql)?)\\+([A-Za-z0-9_]+)://"_s);
    const QRegularExpressionMatch driver = sqlalchemy.matchView(trimmed);
    if (driver.hasMatch()) {
        const QString name = driver.captured(2).toLower();
        const QString prefix = driver.captured(0);
        if (name == u"asyncpg")
            return {Dialect::SqlAlchemyAsyncpg, DialectText::prefix(prefix)};
        if (name == u"psycopg")
            return {Dialect::SqlAlchemyPsycopg, DialectText::prefix(prefix)};
        return {Dialect::SqlAlchemyPsycopg2, DialectText::prefix(prefix)};
    }
    static const QRegularExpression semicolonPairs(u"^[A-Za-z][A-Za-z ]*=[^;=]*;"_s);
    if (semicolonPairs.matchView(trimmed).hasMatch())
        return {Dialect::Npgsql, DialectText::semicolons()};

    if (context.dialect && context.strong)
        return {*context.dialect, context.reason};
    if (uriPrefixLength(trimmed) > 0) {
        const QStringList keys = queryKeys(trimmed);
        for (const Signature &signature : signatures()) {
            for (const QString &key : keys) {
                if (signature.keys.contains(key))
                    return {signature.dialect, DialectText::parameter(key, dialectName(signature.dialect))};
            }
        }
        static const QRegularExpression noVerify(u"[?&]sslmode=no-verify(&|$)"_s);
        if (noVerify.matchView(trimmed).hasMatch())
            return {Dialect::NodePostgres,
                    DialectText::parameter(u"sslmode=no-verify"_s, dialectName(Dialect::NodePostgres))};
    }
    if (context.dialect)
        return {*context.dialect, context.reason};
    return {Dialect::Libpq, DialectText::fallback()};
}

} // namespace poolproof
