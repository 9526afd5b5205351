#!/usr/bin/env python3
"""Generates a large, deterministic, mixed-language backend tree for the scan benchmark.

Usage: make-tree.py OUT_DIR [--files N] [--megabytes M] [--seed S]

The tree imitates real backends: TypeScript, JavaScript, Python, Go, Java, Kotlin, Ruby, C#,
Rust, PHP, Elixir and SQL migrations, with SQL in string literals (most of it harmless, a small
share of it session-level), comments that mention the same keywords, and plenty of ordinary code.
"""
import argparse
import os
import random

LANGS = [
    # extension, share, comment, query call template
    ("ts", 0.24, "//", "await pool.query({q});"),
    ("js", 0.08, "//", "await client.query({q});"),
    ("py", 0.16, "#", "cur.execute({q})"),
    ("go", 0.09, "//", "_, err = db.ExecContext(ctx, {q})"),
    ("java", 0.08, "//", "jdbc.execute({q});"),
    ("kt", 0.03, "//", "jdbc.execute({q})"),
    ("rb", 0.07, "#", "conn.exec({q})"),
    ("cs", 0.05, "//", "await conn.ExecuteAsync({q});"),
    ("rs", 0.03, "//", "client.batch_execute({q}).await?;"),
    ("php", 0.04, "//", "$pdo->exec({q});"),
    ("ex", 0.03, "#", "Repo.query!({q})"),
    ("sql", 0.10, "--", None),
]

HARMLESS_SQL = [
    "SELECT id, name, quantity FROM items WHERE shop_id = $1 ORDER BY expires_at",
    "UPDATE items SET quantity = quantity - $1 WHERE id = $2",
    "INSERT INTO stock_movements (item_id, delta, reason) VALUES ($1, $2, $3)",
    "INSERT INTO items (sku, name) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET name = excluded.name",
    "DELETE FROM alerts WHERE resolved_at < now() - interval '30 days'",
    "SELECT pg_notify('inventory_changes', $1)",
    "SELECT count(*) FROM shops s JOIN items i ON i.shop_id = s.id WHERE s.active",
    "SET LOCAL statement_timeout = '5s'",
    "SELECT pg_advisory_xact_lock($1)",
]
SESSION_SQL = [
    "SET search_path TO tenant_42, public",
    "LISTEN inventory_changes",
    "SELECT pg_advisory_lock($1)",
    "PREPARE fetch_items(int) AS SELECT * FROM items WHERE shop_id = $1",
    "DECLARE big_cursor CURSOR WITH HOLD FOR SELECT * FROM items",
]
COMMENTS = [
    "we no longer LISTEN here; see the notifier",
    "SET search_path used to be set per request",
    "pg_advisory_lock was replaced by the transaction-level lock",
    "TODO: cache the prepared statement",
    "keep this in sync with the migration",
]
WORDS = ("item shop stock alert quantity expires batch supplier order invoice customer report cache "
         "queue worker tenant schema index config retry timeout metric span trace").split()


def code_line(rng, lang):
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    n = rng.randint(0, 9999)
    if lang in ("ts", "js"):
        return f"  const {a}{n} = {b}.{c}({n}, '{a}-{b}');"
    if lang == "py":
        return f"    {a}_{n} = {b}.{c}({n}, \"{a}-{b}\")"
    if lang == "go":
        return f"\t{a}{n} := {b}.{c.capitalize()}({n}, \"{a}-{b}\")"
    if lang in ("java", "cs"):
        return f"        var {a}{n} = {b}.{c}({n}, \"{a}-{b}\");"
    if lang == "kt":
        return f"        val {a}{n} = {b}.{c}({n}, \"{a}-{b}\")"
    if lang == "rb":
        return f"    {a}_{n} = {b}.{c}({n}, '{a}-{b}')"
    if lang == "rs":
        return f"    let {a}_{n} = {b}.{c}({n}, \"{a}-{b}\");"
    if lang == "php":
        return f"        ${a}{n} = $this->{b}->{c}({n}, '{a}-{b}');"
    if lang == "ex":
        return f"    {a}_{n} = {b}.{c}({n}, \"{a}-{b}\")"
    return f"SELECT {a}, {b} FROM {c} WHERE id = {n};"


def quote(rng, lang, sql):
    if lang in ("ts", "js") and rng.random() < 0.4:
        return "`" + sql + "`"
    if lang in ("rb", "php"):
        return "'" + sql.replace("'", "\\'") + "'"
    if lang == "rs":
        return 'r#"' + sql + '"#'
    if lang == "go" and rng.random() < 0.5:
        return "`" + sql + "`"
    return '"' + sql.replace('"', '\\"') + '"'


def make_file(rng, lang, comment, call, target):
    lines = []
    size = 0
    while size < target:
        r = rng.random()
        if lang == "sql":
            if r < 0.1:
                line = f"-- {rng.choice(COMMENTS)}"
            elif r < 0.12:
                line = rng.choice(SESSION_SQL) + ";"
            elif r < 0.5:
                line = rng.choice(HARMLESS_SQL).replace("$1", "1").replace("$2", "2").replace("$3", "3") + ";"
            else:
                line = code_line(rng, lang)
        elif r < 0.06:
            line = f"  {comment} {rng.choice(COMMENTS)}"
        elif r < 0.07:
            line = "  " + call.format(q=quote(rng, lang, rng.choice(SESSION_SQL)))
        elif r < 0.16:
            line = "  " + call.format(q=quote(rng, lang, rng.choice(HARMLESS_SQL)))
        else:
            line = code_line(rng, lang)
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=32000)
    parser.add_argument("--megabytes", type=int, default=320)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    average = args.megabytes * 1024 * 1024 // args.files
    weights = [share for _, share, _, _ in LANGS]
    total = 0
    for i in range(args.files):
        lang, _, comment, call = rng.choices(LANGS, weights)[0]
        folder = os.path.join(args.out, f"service{i % 40:02d}", f"module{(i // 40) % 25:02d}")
        os.makedirs(folder, exist_ok=True)
        # Sizes vary like real files: many small, some large.
        target = int(rng.lognormvariate(0, 0.6) * average * 0.84)
        text = make_file(rng, lang, comment, call, max(200, target))
        name = f"file{i:05d}.{lang}"
        if lang == "sql":
            name = f"{i:05d}_migration.sql"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text)
    print(f"{args.files} files, {total / 1024 / 1024:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
