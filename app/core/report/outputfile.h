#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace poolproof {

// Writes a report file. A regular file (or a new one) is replaced atomically, so that a failed
// write never leaves half a report; anything else (/dev/null, /dev/stdout, a FIFO) is written to
// directly, never replaced. Returns false with a message naming the cause.
bool writeOutputFile(const QString &path, const QByteArray &bytes, QString *error);

// Hands each piece of a report to the file as produce() writes it, with the same guarantees.
using PieceWriter = std::function<bool(QByteArrayView)>;
bool writeOutputFile(const QString &path, const std::function<bool(const PieceWriter &)> &produce, QString *error);

// The same, for a report written in pieces as they are made: open(), write() each piece, then
// commit() puts the file in place. Destroyed before commit(), or after a failure, it leaves the
// old report as it was and nothing beside it.
class OutputFile
{
public:
    explicit OutputFile(const QString &path);
    ~OutputFile();
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    bool open();
    bool write(QByteArrayView bytes);
    bool commit();
    // Why the last call failed, in the system's words.
    QString errorString() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace poolproof
