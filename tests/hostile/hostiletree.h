#pragma once

#include <QString>
#include <QStringList>

// A repository built to hurt a scanner, written into an empty folder. Paths are relative to it.
struct HostileTree {
    static constexpr int wideFolders = 100;
    static constexpr int filesPerFolder = 1000; // 100,000 small files in all
    static constexpr int depth = 1000;
    static constexpr qint64 hugeFileBytes = 200 * 1024 * 1024;

    QStringList symbolicLinks; // loops, and links out of the tree
    QString deepFile; // at the bottom of the 1,000 levels; holds a LISTEN
    QString hugeFile; // one 200 MB line of minified JavaScript
    QStringList binaryFiles; // NUL bytes among SQL-looking bytes
    QString invalidUtf8File; // Latin-1 bytes in a Python file that also holds a LISTEN
    QString unreadableFile; // mode 000
    QString unreadableFolder; // mode 000, with a file inside
    QStringList strangeNames; // new lines, tabs and non-ASCII in names; each holds a LISTEN
    QString vanishingFolder; // removed while a scan runs

    // Writes everything below root; false (with *error set) when the file system refuses.
    bool write(const QString &root, QString *error);
    // Gives the owner back the permissions write() took away, so that the tree can be removed.
    void restorePermissions(const QString &root) const;
};
