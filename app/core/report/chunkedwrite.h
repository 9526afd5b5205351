#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace poolproof {

// Renders count items in chunks on every core and hands the chunks to write in order, a few
// chunks ahead of the writer: writing the first overlaps rendering the rest. Each chunk is
// rendered into a buffer that serves again once the chunk is written, so memory stays at a few
// chunks however many items there are. render(begin, end, out) appends items [begin, end) to out
// (emptied, its memory kept). Stops at the first chunk write refuses and returns false.
bool writeInChunks(qsizetype count, qsizetype chunkSize,
                   const std::function<void(qsizetype begin, qsizetype end, QByteArray &out)> &render,
                   const std::function<bool(QByteArrayView)> &write);

} // namespace poolproof
