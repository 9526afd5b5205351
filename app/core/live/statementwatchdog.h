#pragma once

#include <libpq-fe.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace poolproof {

// Cancels the statement running on a connection once the deadline passes or the check is
// cancelled. A cancel request is not always enough: PgBouncer ignores one for a client still
// waiting for a free server connection ("cancel request for idle client") and would hold the
// check for as long as its query_wait_timeout. So when the statement has not ended a second
// after the cancel, the watchdog shuts the connection's socket down, which ends the wait at once.
class StatementWatchdog
{
public:
    // connection: a PGconn *.
    StatementWatchdog(void *connection, int timeoutMs, const std::atomic<bool> *cancel)
    {
        if (!connection)
            return;
        m_cancel = PQgetCancel(static_cast<PGconn *>(connection));
        if (!m_cancel)
            return;
        const int socket = PQsocket(static_cast<PGconn *>(connection));
        m_thread = std::thread([this, timeoutMs, cancel, socket] {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
            std::unique_lock lock(m_mutex);
            while (!m_done) {
                if (std::chrono::steady_clock::now() >= deadline || (cancel && cancel->load())) {
                    m_fired = true;
                    lock.unlock();
                    char message[256];
                    PQcancel(m_cancel, message, int(sizeof message));
                    lock.lock();
                    if (!m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_done; }) && socket >= 0)
                        ::shutdown(socket, SHUT_RDWR);
                    return;
                }
                m_wake.wait_for(lock, std::chrono::milliseconds(50));
            }
        });
    }
    ~StatementWatchdog()
    {
        if (m_thread.joinable()) {
            {
                std::lock_guard lock(m_mutex);
                m_done = true;
            }
            m_wake.notify_all();
            m_thread.join();
        }
        if (m_cancel)
            PQfreeCancel(m_cancel);
    }
    StatementWatchdog(const StatementWatchdog &) = delete;
    StatementWatchdog &operator=(const StatementWatchdog &) = delete;

    bool fired()
    {
        std::lock_guard lock(m_mutex);
        return m_fired;
    }

private:
    PGcancel *m_cancel = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    bool m_fired = false;
};

} // namespace poolproof
