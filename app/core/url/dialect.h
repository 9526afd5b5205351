#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace poolproof {

// Who reads a connection string. Each driver has its own grammar and its own idea of what an
// unknown parameter means, so the same text can be fine for one and fatal for another.
enum class Dialect : quint8 {
    Libpq, // libpq itself: psql, psycopg, the pg gem (Rails), Django, most migration tools
    Jdbc, // pgjdbc: jdbc:postgresql://
    SqlAlchemyPsycopg2, // postgresql+psycopg2:// (parameters reach libpq)
    SqlAlchemyPsycopg, // postgresql+psycopg:// (parameters reach libpq)
    SqlAlchemyAsyncpg, // postgresql+asyncpg:// (parameters become asyncpg.connect() arguments)
    Prisma, // Prisma's query engine
    Pgx, // Go, jackc/pgx v5 and pgxpool
    LibPqGo, // Go, lib/pq
    NodePostgres, // Node, pg (node-postgres) via pg-connection-string
    PostgresJs, // Node, postgres.js
    Asyncpg, // Python, asyncpg
    Npgsql, // .NET, Npgsql keyword strings
};

QString dialectId(Dialect dialect); // "libpq", "jdbc", "sqlalchemy+asyncpg", "node-postgres", ...
QString dialectName(Dialect dialect); // "libpq", "pgjdbc", "SQLAlchemy with asyncpg", ...
std::optional<Dialect> dialectFromId(QStringView id);

// What is known about the setting a string came from: which program reads it, and how sure.
struct DialectContext {
    std::optional<Dialect> dialect;
    bool strong = false; // e.g. schema.prisma reads this variable; weak: the project depends on pg
    QString reason; // translated, e.g. "schema.prisma reads DATABASE_URL"
};

struct DialectGuess {
    Dialect dialect = Dialect::Libpq;
    QString reason; // translated: why this dialect
};

// The string's own form decides first (jdbc:, +driver, Npgsql's "Key=Value;"), then a strong
// context, then parameters only one driver knows, then a weak context; libpq otherwise.
DialectGuess detectDialect(QStringView text, const DialectContext &context = {});

} // namespace poolproof
