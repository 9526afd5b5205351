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

void FileReader::clear()
{
    m_size = 0;
    m_status = Status::Empty;
    m_error.clear();
}

FileReader::Status FileReader::read(const QString &absolutePath, qint64 maxSize)
{
    clear();
#ifdef Q_OS_UNIX
    const QByteArray name = QFile::encodeName(absolutePath);
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        m_error = systemError(errno);
        return m_status = Status::Unreadable;
    }
    struct stat info {};
    qint64 expected = 0;
    if (::fstat(fd, &info) == 0)
        expected = qint64(info.st_size);
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
        // The size fstat gave is the end: no second read() just to see it return 0.
        if (expected > 0 && total == expected)
            break;
    }
    ::close(fd);
#else
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
