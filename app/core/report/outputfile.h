#pragma once

#include <QByteArray>
#include <QString>

namespace poolproof {

// Writes a report file. A regular file (or a new one) is replaced atomically, so that a failed
// write never leaves half a report; anything else (/dev/null, /dev/stdout, a FIFO) is written to
// directly, never replaced. Returns false with a message naming the cause.
bool writeOutputFile(const QString &path, const QByteArray &bytes, QString *error);

} // namespace poolproof
