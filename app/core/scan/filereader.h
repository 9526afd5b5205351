#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace poolproof {

// Reads whole files for a scan worker: one open, a size query unless the caller knows the size,
// and as few reads as the size needs, into a buffer kept from file to file, so that the hot loop neither allocates per file nor
// copies the bytes again. One reader per thread.
class FileReader
{
public:
    enum class Status { Empty, Ok, Unreadable, TooLarge };

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
    QByteArray m_buffer;
    qsizetype m_size = 0;
    Status m_status = Status::Empty;
    QString m_error;
};

} // namespace poolproof
