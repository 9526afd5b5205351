#pragma once

#include "pathkind.h"

#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace poolproof {

// What is on disk below a folder, gathered on a thread of its own while git lists the folder: the
// walk then looks most listed paths up instead of asking the file system a second time. Only a
// cache: a path it did not reach is looked at as before. Symbolic links are not followed.
class StatPrefetch
{
public:
    // skippedNames: folders not to descend into (those the walk excludes by name anyway).
    StatPrefetch(const QString &root, const QStringList &skippedNames);
    ~StatPrefetch(); // stops and waits
    StatPrefetch(const StatPrefetch &) = delete;
    StatPrefetch &operator=(const StatPrefetch &) = delete;

    void start();
    // Asks the thread to finish early and waits for it; what it found stays.
    void stop();
    // Waits for the thread to look at the whole tree.
    void waitForDone();

    // After stop(): what relativePath ('/' separated) was when the thread looked, if it did.
    // Safe to call from several threads at once.
    std::optional<PathKind> find(QStringView relativePath) const;
    qsizetype size() const;

private:
    struct Data;
    void run();

    std::unique_ptr<Data> m_data;
    std::atomic<bool> m_stop {false};
};

} // namespace poolproof
