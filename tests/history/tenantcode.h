#pragma once

#include <QByteArray>

// A small TypeScript file with two findings of different rules, a few lines apart: a session SET
// (PB101) and a LISTEN (PB110). The history and baseline tests move it, edit it and fix it.
inline const QByteArray tenantCode = "import { pool } from './db';\n"
                                     "\n"
                                     "export async function tenant(schema: string) {\n"
                                     "  await pool.query(`SET search_path TO ${schema}, public`);\n"
                                     "}\n"
                                     "\n"
                                     "export async function jobs() {\n"
                                     "  const c = await pool.connect();\n"
                                     "  await c.query('LISTEN jobs');\n"
                                     "}\n";
