#include "outputfile.h"

#include "systemerror.h"

#include <QFile>
#include <QFileInfo>

#include <utility>

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

#ifdef Q_OS_UNIX
bool writeAll(int fd, QByteArrayView bytes)
{
    const char *at = bytes.data();
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
#endif

} // namespace

struct OutputFile::Private {
    QString target; // the report itself: a link's target, not the link
    bool direct = false; // a device or a pipe: written to, never replaced
    QFile device; // for direct
    QString error;
#ifdef Q_OS_UNIX
    // A new file beside the target, then rename() over it: readers see the old report or the new
    // one, never a part. Unlike QSaveFile this does not wait for the disk (no fsync): a report can
    // be made again, and on a large one the wait was most of the time spent writing it.
    QByteArray finalName;
    QByteArray tempName;
    int fd = -1;
#else
    std::unique_ptr<QSaveFile> saveFile;
#endif
};

OutputFile::OutputFile(const QString &path)
    : d(std::make_unique<Private>())
{
    const QFileInfo info(path);
    // A link to a report: the report it points to is replaced, the link stays.
    d->target = info.isSymLink() ? info.symLinkTarget() : path;
    const QFileInfo targetInfo(d->target);
    // A device or a pipe: replacing it with a file would be a disaster.
    d->direct = targetInfo.exists() && !targetInfo.isFile();
}

OutputFile::~OutputFile()
{
#ifdef Q_OS_UNIX
    if (d->fd >= 0) {
        ::close(d->fd);
        ::unlink(d->tempName.constData());
    }
#endif
}

bool OutputFile::open()
{
    if (d->direct) {
        d->device.setFileName(d->target);
        if (!d->device.open(QIODevice::WriteOnly)) {
            d->error = d->device.errorString();
            return false;
        }
        return true;
    }
#ifdef Q_OS_UNIX
    d->finalName = QFile::encodeName(d->target);
    for (int attempt = 0; attempt < 100 && d->fd < 0; ++attempt) {
        d->tempName = d->finalName + ".poolproof-" + QByteArray::number(QRandomGenerator::global()->generate(), 36);
        // 0666 with the umask applied, as for any new file; an existing file's mode is kept below.
        d->fd = ::open(d->tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (d->fd < 0 && errno != EEXIST)
            break;
    }
    if (d->fd < 0) {
        d->error = systemError(errno);
        return false;
    }
    struct stat existing {};
    if (::stat(d->finalName.constData(), &existing) == 0) {
        // Keep the report's owner and mode where that is allowed; where not, the defaults do.
        [[maybe_unused]] const int ignored = ::fchown(d->fd, existing.st_uid, existing.st_gid);
        ::fchmod(d->fd, existing.st_mode & 07777);
    }
    return true;
#else
    d->saveFile = std::make_unique<QSaveFile>(d->target);
    if (!d->saveFile->open(QIODevice::WriteOnly)) {
        d->error = d->saveFile->errorString();
        return false;
    }
    return true;
#endif
}

bool OutputFile::write(QByteArrayView bytes)
{
    if (d->direct) {
        if (d->device.write(bytes.data(), bytes.size()) != bytes.size()) {
            d->error = d->device.errorString();
            return false;
        }
        return true;
    }
#ifdef Q_OS_UNIX
    if (d->fd < 0 || !writeAll(d->fd, bytes)) {
        d->error = d->fd < 0 ? systemError(EBADF) : systemError(errno);
        return false;
    }
    return true;
#else
    if (!d->saveFile || d->saveFile->write(bytes.data(), bytes.size()) != bytes.size()) {
        d->error = d->saveFile ? d->saveFile->errorString() : QString();
        return false;
    }
    return true;
#endif
}

bool OutputFile::commit()
{
    if (d->direct) {
        // flush(): QFile buffers, and a device that refuses the bytes (a full disk, /dev/full)
        // says so only then.
        if (!d->device.flush()) {
            d->error = d->device.errorString();
            return false;
        }
        d->device.close();
        return true;
    }
#ifdef Q_OS_UNIX
    if (d->fd < 0) {
        d->error = systemError(EBADF);
        return false;
    }
    const int fd = std::exchange(d->fd, -1);
    if (::close(fd) != 0) {
        d->error = systemError(errno);
        ::unlink(d->tempName.constData());
        return false;
    }
    if (::rename(d->tempName.constData(), d->finalName.constData()) != 0) {
        d->error = systemError(errno);
        ::unlink(d->tempName.constData());
        return false;
    }
    return true;
#else
    if (!d->saveFile || !d->saveFile->commit()) {
        d->error = d->saveFile ? d->saveFile->errorString() : QString();
        return false;
    }
    return true;
#endif
}

QString OutputFile::errorString() const
{
    return d->error;
}

bool writeOutputFile(const QString &path, const QByteArray &bytes, QString *error)
{
    return writeOutputFile(path, [&bytes](const PieceWriter &write) { return write(bytes); }, error);
}

bool writeOutputFile(const QString &path, const std::function<bool(const PieceWriter &)> &produce, QString *error)
{
    OutputFile file(path);
    if (file.open() && produce([&file](QByteArrayView part) { return file.write(part); }) && file.commit())
        return true;
    *error = file.errorString();
    return false;
}

} // namespace poolproof
