#include "pathkind.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace poolproof {

#ifdef Q_OS_UNIX
PathKind::Kind pathKindOf(unsigned mode)
{
    if (S_ISLNK(mode))
        return PathKind::SymbolicLink;
    if (S_ISDIR(mode))
        return PathKind::Folder;
    if (S_ISREG(mode))
        return PathKind::Regular;
    return PathKind::Other;
}
#endif

PathKind pathKind(const QString &absolutePath)
{
    PathKind result;
#ifdef Q_OS_UNIX
    // One lstat() per file; QFileInfo would ask the file system twice (link, then target).
    struct stat info {};
    if (::lstat(QFile::encodeName(absolutePath).constData(), &info) != 0)
        return result;
    result.kind = pathKindOf(info.st_mode);
    result.size = qint64(info.st_size);
#else
    const QFileInfo info(absolutePath);
    if (info.isSymLink())
        result.kind = PathKind::SymbolicLink;
    else if (!info.exists())
        result.kind = PathKind::Missing;
    else if (info.isDir())
        result.kind = PathKind::Folder;
    else if (info.isFile())
        result.kind = PathKind::Regular;
    else
        result.kind = PathKind::Other;
    result.size = info.size();
#endif
    return result;
}

} // namespace poolproof
