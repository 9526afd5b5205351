#pragma once

#include <QByteArray>
#include <QMutex>

#include <atomic>
#include <thread>

// A PostgreSQL server as far as the start of a connection: it refuses TLS ('N'), then asks for a
// clear-text password and records every byte a client sends. Silent: it accepts connections and
// never answers, to prove that timeouts hold.
class FakePgServer
{
public:
    enum class Behaviour { AskForPassword, Silent };

    explicit FakePgServer(Behaviour behaviour);
    ~FakePgServer();
    FakePgServer(const FakePgServer &) = delete;
    FakePgServer &operator=(const FakePgServer &) = delete;

    bool isListening() const { return m_listener >= 0; }
    int port() const { return m_port; }
    // Everything clients have sent so far, all connections in order.
    QByteArray received() const;
    int connections() const { return m_connections.load(); }

private:
    void serve();
    void talk(int client);

    Behaviour m_behaviour;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_connections {0};
    mutable QMutex m_mutex;
    QByteArray m_received;
    std::thread m_thread;
};
