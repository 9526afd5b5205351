#pragma once

// The servers tests/live/test-servers.sh started for this build (a CTest fixture), and small
// loopback helpers for what a real server cannot be made to do on demand.

#include <QFile>
#include <QHash>
#include <QString>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

struct LiveServers {
    QHash<QString, QString> values;
    QString error;

    static LiveServers read()
    {
        LiveServers servers;
        QFile file(QStringLiteral(POOLPROOF_LIVE_SERVERS_ENV));
        if (!file.open(QIODevice::ReadOnly)) {
            servers.error = QStringLiteral("cannot read %1 (the live_servers fixture did not run): %2")
                                .arg(file.fileName(), file.errorString());
            return servers;
        }
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype equals = line.indexOf('=');
            if (equals > 0)
                servers.values.insert(QString::fromUtf8(line.left(equals)), QString::fromUtf8(line.mid(equals + 1)));
        }
        return servers;
    }

    QString value(const char *key) const { return values.value(QString::fromLatin1(key)); }
    QString appPassword() const { return value("APP_PASSWORD"); }
    QString adminPassword() const { return value("ADMIN_PASSWORD"); }

    // A URL for the application user, without the password.
    QString url(const char *portKey, const QString &database = QStringLiteral("app"), const QString &query = {}) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3%4")
            .arg(value("APP_USER"), value(portKey), database, query.isEmpty() ? QString() : u'?' + query);
    }
};

// A loopback socket bound to a port the kernel picks. listening: it accepts TCP connections
// (the kernel completes the handshake) and never answers; otherwise the port is closed again at
// once, so nothing listens there.
class LoopbackPort
{
public:
    explicit LoopbackPort(bool listening)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        ::bind(m_socket, reinterpret_cast<sockaddr *>(&address), sizeof address);
        socklen_t length = sizeof address;
        ::getsockname(m_socket, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
        if (listening) {
            ::listen(m_socket, 8);
        } else {
            ::close(m_socket);
            m_socket = -1;
        }
    }
    ~LoopbackPort()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    LoopbackPort(const LoopbackPort &) = delete;
    LoopbackPort &operator=(const LoopbackPort &) = delete;

    int socket() const { return m_socket; }
    QString port() const { return QString::number(m_port); }

private:
    int m_socket = -1;
    quint16 m_port = 0;
};

// A server that declines TLS the way PostgreSQL and PgBouncer do ('N' to an SSLRequest) and
// records whether the client sent anything after that, such as a startup packet or a password.
class TlsDecliningServer
{
public:
    TlsDecliningServer()
        : m_listener(true)
    {
        m_thread = std::thread([this] {
            const int client = ::accept(m_listener.socket(), nullptr, nullptr);
            if (client < 0)
                return;
            unsigned char request[8] = {};
            ssize_t got = 0;
            while (got < 8) {
                const ssize_t n = ::recv(client, request + got, size_t(8 - got), 0);
                if (n <= 0)
                    break;
                got += n;
            }
            // Length 8, code 80877103: SSLRequest.
            m_sawTlsRequest = got == 8 && request[3] == 8 && request[4] == 0x04 && request[5] == 0xd2
                && request[6] == 0x16 && request[7] == 0x2f;
            if (m_sawTlsRequest) {
                const char no = 'N';
                ::send(client, &no, 1, MSG_NOSIGNAL);
                timeval wait {3, 0};
                ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
                char after[512];
                ssize_t n = 0;
                while ((n = ::recv(client, after, sizeof after, 0)) > 0)
                    m_bytesAfterDecline += int(n);
            }
            ::close(client);
            m_done = true;
        });
    }
    ~TlsDecliningServer()
    {
        ::shutdown(m_listener.socket(), SHUT_RDWR);
        if (m_thread.joinable())
            m_thread.join();
    }
    TlsDecliningServer(const TlsDecliningServer &) = delete;
    TlsDecliningServer &operator=(const TlsDecliningServer &) = delete;

    QString port() const { return m_listener.port(); }
    void waitUntilDone()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    bool sawTlsRequest() const { return m_sawTlsRequest; }
    int bytesAfterDecline() const { return m_bytesAfterDecline; }
    bool done() const { return m_done; }

private:
    LoopbackPort m_listener;
    std::thread m_thread;
    std::atomic<bool> m_sawTlsRequest {false};
    std::atomic<int> m_bytesAfterDecline {0};
    std::atomic<bool> m_done {false};
};
