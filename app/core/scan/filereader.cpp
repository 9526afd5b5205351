#include "filereader.h"

#include "systemerror.h"

#include <QFile>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace poolproof {

FileReader::~FileReader()
{
#ifdef Q_OS_UNIX
    if (m_folderFd >= 0)
        ::close(m_folderFd);
#endif
}

#ifdef Q_OS_UNIX
int FileReader::openFile(const QByteArray &name, int flags)
{
    const qsizetype slash = name.lastIndexOf('/');
    if (slash <= 0)
        return ::open(name.constData(), flags);
    const QByteArrayView folder(name.constData(), slash);
    if (m_folderFd < 0 || folder != m_folder) {
        if (m_folderFd >= 0)
            ::close(m_folderFd);
        m_folder = folder.toByteArray();
#ifdef O_PATH
        m_folderFd = ::open(m_folder.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
#else
        m_folderFd = ::open(m_folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
    }
    if (m_folderFd >= 0) {
        const int fd = ::openat(m_folderFd, name.constData() + slash + 1, flags);
        // A folder removed and made again since it was opened: the path names the new one.
        if (fd >= 0 || errno != ENOENT)
            return fd;
    }
    return ::open(name.constData(), flags);
}
#endif

void FileReader::clear()
{
    m_size = 0;
    m_status = Status::Empty;
    m_error.clear();
}

FileReader::Status FileReader::read(const QString &absolutePath, qint64 maxSize, qint64 knownSize)
{
    clear();
#ifdef Q_OS_UNIX
    const QByteArray name = QFile::encodeName(absolutePath);
    // Non-blocking: a file replaced by a FIFO since the walk must not hang the worker.
    const int fd = openFile(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        m_error = systemError(errno);
        return m_status = Status::Unreadable;
    }
    qint64 expected = knownSize;
    struct stat info {};
    if (expected < 0)
        expected = ::fstat(fd, &info) == 0 ? qint64(info.st_size) : 0;
    // One byte more than the limit allows is enough to tell a file over it.
    const qint64 capacity = std::min(maxSize, expected) + 1;
    if (m_buffer.size() < capacity)
        m_buffer.resize(qsizetype(capacity));
    qint64 total = 0;
    for (;;) {
        if (total == qint64(m_buffer.size())) {
            if (total > maxSize)
                break; // over the limit: no need to read further
            m_buffer.resize(qsizetype(std::min(maxSize + 1, std::max<qint64>(total * 2, 4096))));
        }
        const ssize_t count = ::read(fd, m_buffer.data() + total, size_t(m_buffer.size() - total));
        if (count < 0) {
            if (errno == EINTR)
                continue;
            m_error = systemError(errno);
            ::close(fd);
            return m_status = Status::Unreadable;
        }
        if (count == 0)
            break;
        total += count;
        // A short read at the expected size is the end: no second read() just to see it return 0.
        // A file that grew fills the buffer's spare byte instead, and the loop goes on.
        if (expected > 0 && total == expected)
            break;
    }
    ::close(fd);
#else
    Q_UNUSED(knownSize);
    QFile input(absolutePath);
    if (!input.open(QIODevice::ReadOnly)) {
        m_error = input.errorString();
        return m_status = Status::Unreadable;
    }
    const qint64 capacity = std::min(maxSize, input.size()) + 1;
    if (m_buffer.size() < capacity)
        m_buffer.resize(qsizetype(capacity));
    qint64 total = 0;
    for (;;) {
        if (total == qint64(m_buffer.size())) {
            if (total > maxSize)
                break;
            m_buffer.resize(qsizetype(std::min(maxSize + 1, std::max<qint64>(total * 2, 4096))));
        }
        const qint64 count = input.read(m_buffer.data() + total, m_buffer.size() - total);
        if (count < 0) {
            m_error = input.errorString();
            return m_status = Status::Unreadable;
        }
        if (count == 0)
            break;
        total += count;
    }
#endif
    if (total > maxSize)
        return m_status = Status::TooLarge;
    m_size = qsizetype(total);
    return m_status = Status::Ok;
}

} // namespace poolproof
