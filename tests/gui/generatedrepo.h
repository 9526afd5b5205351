#pragma once

#include <QDir>
#include <QFile>
#include <QString>

// Writes a folder of many small TypeScript files, each with a session-level SET, so that a scan
// of it takes long enough to cancel or to be overtaken by another. Returns false on I/O errors.
inline bool writeGeneratedRepository(const QString &root, int files)
{
    if (!QDir(root).mkpath(QStringLiteral("src")))
        return false;
    for (int i = 0; i < files; ++i) {
        QFile file(QDir(root).filePath(QStringLiteral("src/module%1.ts").arg(i, 4, 10, QChar(u'0'))));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        QByteArray text = "import { pool } from './db';\n\n";
        for (int f = 0; f < 20; ++f) {
            text += "export async function handler" + QByteArray::number(f)
                + "(schema: string) {\n"
                  "  await pool.query(`SET search_path TO ${schema}, public`);\n"
                  "  return pool.query('SELECT id, name FROM items WHERE shop_id = $1', [schema]);\n"
                  "}\n\n";
        }
        if (file.write(text) != text.size())
            return false;
    }
    return true;
}
