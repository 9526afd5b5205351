#include "outputfile.h"

#include "systemerror.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QSaveFile>
#endif

namespace poolproof {

namespace {

bool writeDirectly(const QString &path, const QByteArray &bytes, QString *error)
{
    QFile file(path);
    // flush(): QFile buffers, and a device that refuses the bytes (a full disk, /dev/full) says
    // so only then.
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

#ifdef Q_OS_UNIX
bool writeAll(int fd, const QByteArray &bytes)
{
    const char *at = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, at, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        at += written;
        left -= written;
    }
    return true;
}

// A new file beside the target, then rename() over it: readers see the old report or the new
// one, never a part. Unlike QSaveFile this does not wait for the disk (no fsync): a report can
// be made again, and on a large one the wait was most of the time spent writing it.
bool replaceAtomically(const QString &target, const QByteArray &bytes, QString *error)
{
    const QByteArray finalName = QFile::encodeName(target);
    struct stat existing {};
    const bool exists = ::stat(finalName.constData(), &existing) == 0;
    int fd = -1;
    QByteArray tempName;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        tempName = finalName + ".poolproof-" + QByteArray::number(QRandomGenerator::global()->generate(), 36);
        // 0666 with the umask applied, as for any new file; an existing file's mode is kept below.
        fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        *error = systemError(errno);
        return false;
    }
    if (exists) {
        // Keep the report's owner and mode where that is allowed; where not, the defaults do.
        [[maybe_unused]] const int ignored = ::fchown(fd, existing.st_uid, existing.st_gid);
        ::fchmod(fd, existing.st_mode & 07777);
    }
    const bool written = writeAll(fd, bytes);
    const int writeErrno = errno;
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        *error = systemError(written ? errno : writeErrno);
        ::unlink(tempName.constData());
        return false;
    }
    if (::rename(tempName.constData(), finalName.constData()) != 0) {
        *error = systemError(errno);
        ::unlink(tempName.constData());
        return false;
    }
    return true;
}
#endif

} // namespace

bool writeOutputFile(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    // A link to a report: the report it points to is replaced, the link stays.
    const QString target = info.isSymLink() ? info.symLinkTarget() : path;
    const QFileInfo targetInfo(target);
    if (targetInfo.exists() && !targetInfo.isFile()) {
        // A device or a pipe: replacing it with a file would be a disaster.
        return writeDirectly(target, bytes, error);
    }
#ifdef Q_OS_UNIX
    return replaceAtomically(target, bytes, error);
#else
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
#endif
}

} // namespace poolproof
