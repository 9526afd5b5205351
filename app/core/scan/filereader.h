#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace poolproof {

// Reads whole files for a scan worker: one open, a size query unless the caller knows the size,
// and as few reads as the size needs, into a buffer kept from file to file, so that the hot loop neither allocates per
// file nor copies the bytes again. One reader per thread.
class FileReader
{
public:
    enum class Status { Empty, Ok, Unreadable, TooLarge };

    FileReader() = default;
    ~FileReader();
    FileReader(const FileReader &) = delete;
    FileReader &operator=(const FileReader &) = delete;

    // Reads at most maxSize bytes of the file; TooLarge when it holds more. knownSize: the size
    // the walk saw, which saves asking again; a file that changed since is still read whole.
    Status read(const QString &absolutePath, qint64 maxSize, qint64 knownSize = -1);
    void clear();

    Status status() const { return m_status; }
    // Valid until the next read() or clear().
    QByteArrayView bytes() const { return QByteArrayView(m_buffer.constData(), m_size); }
    // Why the last read failed (Unreadable), in the system's words.
    const QString &errorString() const { return m_error; }

private:
    // Opens name (a local path), by its last part inside the folder kept open when it is there.
    int openFile(const QByteArray &name, int flags);

    QByteArray m_buffer;
    // The folder of the last file, open: a scan reads a folder's files one after another, and
    // opening each by its own name there spares the kernel the walk down the whole path.
    QByteArray m_folder;
    int m_folderFd = -1;
    qsizetype m_size = 0;
    Status m_status = Status::Empty;
    QString m_error;
};

} // namespace poolproof
