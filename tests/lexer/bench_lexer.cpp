// Lexer throughput: lexes one file over and over and prints MB/s.
//
//   bench_lexer FILE [LANGUAGE] [SECONDS]           measure (language from the file name by default)
//   bench_lexer --generate typescript|python OUT MB  write a synthetic source file of about MB megabytes

#include "lexer/lexer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>
#include <ctime>

using namespace poolproof;

namespace {

// Lines in the style of backend code: calls, SQL in strings and templates, comments, regexes.
const char *const typescriptLines[] = {
    "import { Pool, PoolClient } from 'pg';\n",
    "export async function findUserNNN(pool: Pool, id: number): Promise<User | undefined> {\n",
    "  const result = await pool.query(\"SELECT id, name, email FROM users WHERE id = $1\", [id]);\n",
    "  // Fetch the row and map it to the domain object; see issue NNN for the null handling.\n",
    "  const sql = `SELECT * FROM orders WHERE customer_id = ${customerId} AND status = '${status}'`;\n",
    "  if (!result.rows.length || result.rows[0].deleted_at !== null) return undefined;\n",
    "  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');\n",
    "  await client.query('SET search_path TO ' + schema + ', public');\n",
    "  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0) / count;\n",
    "  /* Retry on serialization failures: the transaction is idempotent. */\n",
    "  logger.info(`processed ${rows.length} rows in ${Date.now() - started} ms`, { batch: NNN });\n",
    "  return { id: row.id, name: row.name, createdAt: new Date(row.created_at), tags: row.tags ?? [] };\n",
    "}\n",
    "\n",
    "const handlers: Record<string, Handler> = { create: onCreate, update: onUpdate, remove: onRemove };\n",
    "    for (const [key, value] of Object.entries(config)) { settings.set(key, String(value)); }\n",
};

const char *const pythonLines[] = {
    "import psycopg\nfrom dataclasses import dataclass\n",
    "def find_user_NNN(conn, user_id: int) -> dict | None:\n",
    "    \"\"\"Return the user row, or None when it does not exist.\"\"\"\n",
    "    cur = conn.execute(\"SELECT id, name, email FROM users WHERE id = %s\", (user_id,))\n",
    "    # Fetch the row and map it to the domain object; see issue NNN for the null handling.\n",
    "    sql = f\"SELECT * FROM orders WHERE customer_id = {customer_id} AND status = '{status}'\"\n",
    "    if row is None or row['deleted_at'] is not None:\n        return None\n",
    "    slug = re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')\n",
    "    conn.execute('SET search_path TO ' + schema + ', public')\n",
    "    total = sum(item.price * item.quantity for item in items) / max(count, 1)\n",
    "    log.info('processed %d rows in %.1f ms', len(rows), (time.monotonic() - started) * 1000)\n",
    "    return {'id': row[0], 'name': row[1], 'created_at': row[2], 'tags': row[3] or []}\n",
    "\n",
    "@dataclass\nclass OrderNNN:\n    id: int\n    customer_id: int\n    status: str = 'new'\n",
    "        for key, value in config.items():\n            settings[key] = str(value)\n",
};

int generate(const QString &kind, const QString &path, double megabytes)
{
    const bool python = kind == u"python";
    if (!python && kind != u"typescript") {
        std::fprintf(stderr, "unknown kind: %s\n", qPrintable(kind));
        return 2;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    QRandomGenerator random(42);
    const qint64 target = qint64(megabytes * 1024 * 1024);
    const auto *lines = python ? pythonLines : typescriptLines;
    const int count = python ? int(std::size(pythonLines)) : int(std::size(typescriptLines));
    QByteArray out;
    while (out.size() < target) {
        QByteArray line(lines[random.bounded(count)]);
        out += line.replace("NNN", QByteArray::number(random.bounded(100000)));
    }
    file.write(out);
    return 0;
}

int measure(const QString &path, const QString &id, double seconds)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray source = file.readAll();
    const LanguageSpec *language = id.isEmpty() ? languageForFileName(path) : languageById(id);
    if (!language) {
        std::fprintf(stderr, "no language for %s\n", qPrintable(id.isEmpty() ? path : id));
        return 2;
    }
    size_t regions = lex(*language, source).regions.size(); // warm-up
    // CPU time as well as wall time: on a busy machine only the former says what one core does.
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    int passes = 0;
    do {
        regions = lex(*language, source).regions.size();
        ++passes;
    } while (timer.nsecsElapsed() < qint64(seconds * 1e9));
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    const double megabytes = double(source.size()) / (1024.0 * 1024.0);
    std::printf("%s: %.1f MB (%s), %zu regions, %d passes in %.2f s wall, %.2f s CPU: %.0f MB/s (%.0f MB/s wall)\n",
                qPrintable(path), megabytes, qPrintable(languageId(*language)), regions, passes, elapsed, cpu,
                megabytes * passes / cpu, megabytes * passes / elapsed);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.size() == 4 && args.at(0) == u"--generate")
        return generate(args.at(1), args.at(2), args.at(3).toDouble());
    if (args.isEmpty() || args.size() > 3 || args.at(0).startsWith(u'-')) {
        std::fprintf(stderr,
                     "usage: bench_lexer FILE [LANGUAGE] [SECONDS]\n"
                     "       bench_lexer --generate typescript|python OUT MEGABYTES\n");
        return 2;
    }
    return measure(args.at(0), args.value(1), args.size() > 2 ? args.at(2).toDouble() : 3.0);
}
