#pragma once

#include "scannote.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

struct WalkOptions {
    qint64 maxFileSize = 32 * 1024 * 1024;
    QStringList excludes; // user globs, matched against the relative path and each of its parts
    bool useDefaultExcludes = true; // node_modules, vendor, dist, build, minified bundles, ...
    bool honourIgnoreFiles = true; // .gitignore, .git/info/exclude, core.excludesFile (through git)
    QString gitExecutable = QStringLiteral("git");
};

struct SourceFile {
    QString relativePath; // '/' separated
    QString absolutePath;
    qint64 size = 0;
};

struct WalkResult {
    QString root; // canonical absolute path
    QList<SourceFile> files;
    QList<ScanNote> notes;
    QString error; // set when the root itself cannot be scanned
};

// Lists the files of a repository the way git sees them: tracked files plus untracked files that
// are not ignored. Outside a git work tree, the same ignore rules are applied through an empty
// repository whose work tree is the folder. Symbolic links are never followed.
WalkResult walkRepository(const QString &root, const WalkOptions &options = {});

// The default excludes, as path parts and file-name globs.
QStringList defaultExcludes();

} // namespace poolproof
