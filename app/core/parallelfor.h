#pragma once

#include <QList>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace poolproof {

// Calls work(index) for every index in [0, count) on every core, and returns when all are done.
// Indexes are handed out in chunks of the given size: per index, handing out would cost more than
// the work (a name lookup, an lstat).
template<typename Work> void parallelForEach(qsizetype count, qsizetype chunk, Work work)
{
    QList<qsizetype> chunkStarts;
    for (qsizetype start = 0; start < count; start += chunk)
        chunkStarts.append(start);
    QtConcurrent::blockingMap(chunkStarts, [&](qsizetype start) {
        for (qsizetype index = start; index < std::min(count, start + chunk); ++index)
            work(index);
    });
}

} // namespace poolproof
