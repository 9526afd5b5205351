#include "hostiletree.h"

#include <QDir>
#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        *error = path + u": "_s + file.errorString();
        return false;
    }
    return true;
}

bool makeLink(const QString &target, const QString &link, QString *error)
{
    if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) != 0) {
        *error = u"symlink "_s + link;
        return false;
    }
    return true;
}

} // namespace

bool HostileTree::write(const QString &rootPath, QString *error)
{
    const QDir root(rootPath);

    // Breadth: many small files, one in a hundred with SQL so that the scan has work to do.
    const QByteArray plain = "import os\n\nVALUE = os.environ.get('VALUE', 'x')\n";
    const QByteArray withSql = "def load(cursor):\n    cursor.execute(\"SET search_path TO tenant\")\n";
    for (int folder = 0; folder < wideFolders; ++folder) {
        const QString dir = u"wide/d%1"_s.arg(folder, 3, 10, QLatin1Char('0'));
        if (!root.mkpath(dir)) {
            *error = u"mkpath "_s + dir;
            return false;
        }
        for (int file = 0; file < filesPerFolder; ++file) {
            const QString path = root.filePath(dir + u"/f%1.py"_s.arg(file, 4, 10, QLatin1Char('0')));
            if (!writeFile(path, file % 100 == 0 ? withSql : plain, error))
                return false;
        }
    }

    // Depth: 1,000 nested folders, a SQL file at the bottom.
    QString deep = u"deep"_s;
    for (int level = 1; level < depth; ++level)
        deep += u"/n"_s;
    if (!root.mkpath(deep)) {
        *error = u"mkpath of the deep folder"_s;
        return false;
    }
    deepFile = deep + u"/bottom.sql"_s;
    if (!writeFile(root.filePath(deepFile), "LISTEN deep_channel;\n", error))
        return false;

    // Links: two links pointing at each other, a link to its own folder, to the parent, to the
    // file system's root, and a chain that ends nowhere.
    root.mkpath(u"loops/inner"_s);
    const std::pair<QString, QString> links[] = {
        {u"b"_s, u"loops/a"_s},
        {u"a"_s, u"loops/b"_s},
        {u"."_s, u"loops/self"_s},
        {u".."_s, u"loops/inner/up"_s},
        {u"/"_s, u"loops/everything"_s},
        {u"nowhere/at/all"_s, u"loops/dangling"_s},
        {u"../loops"_s, u"loops/inner/back"_s},
    };
    for (const auto &[target, link] : links) {
        if (!makeLink(target, root.filePath(link), error))
            return false;
        symbolicLinks << link;
    }

    // Size: one 200 MB line, written in pieces, never held in memory here.
    root.mkpath(u"huge"_s);
    hugeFile = u"huge/app.js"_s;
    {
        QFile file(root.filePath(hugeFile));
        if (!file.open(QIODevice::WriteOnly)) {
            *error = hugeFile + u": "_s + file.errorString();
            return false;
        }
        QByteArray chunk;
        while (chunk.size() < 1024 * 1024)
            chunk += "var a=db.query(\"SET search_path TO x\");function b(c){return c+1};";
        chunk.truncate(1024 * 1024);
        for (qint64 written = 0; written < hugeFileBytes; written += chunk.size()) {
            if (file.write(chunk) != chunk.size()) {
                *error = hugeFile + u": "_s + file.errorString();
                return false;
            }
        }
    }

    // Binary files that look like SQL to anything that ignores the NUL bytes.
    root.mkpath(u"binary"_s);
    QByteArray dump("PGDMP\0\0\x01", 8);
    dump += "SET search_path TO evil;\0LISTEN trap;\0"_ba;
    dump += QByteArray(4096, '\0');
    binaryFiles << u"binary/dump.sql"_s << u"binary/blob.py"_s;
    if (!writeFile(root.filePath(binaryFiles[0]), dump, error))
        return false;
    QByteArray blob;
    for (int i = 0; i < 65536; ++i)
        blob += char((i * 131 + 7) % 256);
    blob.insert(1000, "cursor.execute(\"LISTEN trap\")");
    if (!writeFile(root.filePath(binaryFiles[1]), blob, error))
        return false;

    // Invalid UTF-8 around real SQL: read as bytes, still checked.
    root.mkpath(u"text"_s);
    invalidUtf8File = u"text/latin1.py"_s;
    if (!writeFile(root.filePath(invalidUtf8File), "# caf\xe9 \xff\xfe\ncursor.execute(\"LISTEN latin\")\n", error))
        return false;

    // Permissions: a file and a folder nobody but root may read.
    root.mkpath(u"locked/sealed"_s);
    unreadableFile = u"locked/secret.py"_s;
    unreadableFolder = u"locked/sealed"_s;
    if (!writeFile(root.filePath(unreadableFile), "cursor.execute(\"LISTEN hidden\")\n", error)
        || !writeFile(root.filePath(unreadableFolder + u"/inside.py"_s), "cursor.execute(\"LISTEN hidden\")\n", error))
        return false;
    ::chmod(QFile::encodeName(root.filePath(unreadableFile)).constData(), 0);
    ::chmod(QFile::encodeName(root.filePath(unreadableFolder)).constData(), 0);

    // Names: a new line, a tab, and non-ASCII letters in several scripts.
    root.mkpath(u"names"_s);
    strangeNames << u"names/line\nbreak.sql"_s << u"names/tab\tname.sql"_s << u"names/grüße – 数据 – данные.sql"_s;
    for (const QString &name : std::as_const(strangeNames)) {
        if (!writeFile(root.filePath(name), "LISTEN named_channel;\n", error))
            return false;
    }

    // A folder a scan loses while it runs.
    vanishingFolder = u"vanishing"_s;
    root.mkpath(vanishingFolder);
    for (int i = 0; i < 200; ++i) {
        if (!writeFile(root.filePath(vanishingFolder + u"/v%1.py"_s.arg(i)), withSql, error))
            return false;
    }
    return true;
}

void HostileTree::restorePermissions(const QString &rootPath) const
{
    const QDir root(rootPath);
    ::chmod(QFile::encodeName(root.filePath(unreadableFile)).constData(), 0644);
    ::chmod(QFile::encodeName(root.filePath(unreadableFolder)).constData(), 0755);
}
