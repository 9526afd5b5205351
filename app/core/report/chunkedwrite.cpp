#include "chunkedwrite.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <deque>
#include <vector>

namespace poolproof {

bool writeInChunks(qsizetype count, qsizetype chunkSize,
                   const std::function<void(qsizetype begin, qsizetype end, QByteArray &out)> &render,
                   const std::function<bool(QByteArrayView)> &write)
{
    const qsizetype chunks = (count + chunkSize - 1) / chunkSize;
    const qsizetype window = std::max(2, 2 * QThreadPool::globalInstance()->maxThreadCount());
    std::vector<QByteArray> buffers(size_t(std::min(window, chunks)));
    std::deque<QFuture<void>> inFlight;
    const auto start = [&](qsizetype index) {
        QByteArray &buffer = buffers[size_t(index % window)];
        inFlight.push_back(QtConcurrent::run([&render, &buffer, index, chunkSize, count] {
            buffer.resize(0); // keeps the memory
            render(index * chunkSize, std::min(count, (index + 1) * chunkSize), buffer);
        }));
    };
    for (qsizetype index = 0; index < std::min(window, chunks); ++index)
        start(index);
    for (qsizetype index = 0; index < chunks; ++index) {
        inFlight.front().waitForFinished();
        inFlight.pop_front();
        if (!write(buffers[size_t(index % window)])) {
            // The chunks still being rendered use the buffers and the caller's data.
            for (QFuture<void> &future : inFlight)
                future.waitForFinished();
            return false;
        }
        if (index + window < chunks)
            start(index + window);
    }
    return true;
}

} // namespace poolproof
