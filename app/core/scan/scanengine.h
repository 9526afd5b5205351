#pragma once

#include "repositorywalker.h"
#include "scanresult.h"

#include <atomic>
#include <functional>

namespace poolproof {

struct ScanOptions {
    QString root;
    QString profileId; // empty: the catalog's default profile
    int jobs = 0; // worker threads; 0: one per core
    WalkOptions walk;
};

struct ScanProgress {
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
};

// Callbacks of a running scan. They are called from worker threads, one at a time.
struct ScanObserver {
    std::function<void(const ScanProgress &)> progress;
    std::function<void(const QList<Finding> &)> findings; // batches, as they are found
    std::function<void(const QList<ScanNote> &)> notes;
};

// Runs a whole scan: lists the files, checks them in parallel, and collects the result. Blocks
// the calling thread; the GUI runs it on a worker thread. Setting cancel stops it soon.
ScanResult runScan(const ScanOptions &options, const ScanObserver &observer = {},
                   const std::atomic<bool> *cancel = nullptr);

} // namespace poolproof
