#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace poolproof {

// SHA-256 of data, the 32 bytes of the digest: the same as QCryptographicHash's, computed with the
// processor's SHA instructions where it has them (a scan hashes one key per finding, and Qt's
// portable code costs several times more), and through QCryptographicHash everywhere else.
QByteArray sha256(QByteArrayView data);

} // namespace poolproof
