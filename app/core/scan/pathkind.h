#pragma once

#include <QString>

namespace poolproof {

// What one listed path is on disk, looked at without following a symbolic link.
struct PathKind {
    enum Kind : quint8 { Missing, SymbolicLink, Folder, Regular, Other } kind = Missing;
    qint64 size = 0;
};

// One lstat() of absolutePath.
PathKind pathKind(const QString &absolutePath);

#ifdef Q_OS_UNIX
// The kind a stat() mode stands for.
PathKind::Kind pathKindOf(unsigned mode);
#endif

} // namespace poolproof
