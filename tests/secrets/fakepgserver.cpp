#include "fakepgserver.h"

#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr quint32 sslRequestCode = 80877103;
constexpr quint32 gssEncRequestCode = 80877104;

// Reads exactly size bytes, giving up after timeoutMs of silence or when the peer closes.
bool readExactly(int socket, char *buffer, size_t size, int timeoutMs = 5000)
{
    size_t done = 0;
    while (done < size) {
        pollfd waiting {socket, POLLIN, 0};
        if (::poll(&waiting, 1, timeoutMs) <= 0)
            return false;
        const ssize_t got = ::recv(socket, buffer + done, size - done, 0);
        if (got <= 0)
            return false;
        done += size_t(got);
    }
    return true;
}

void sendAll(int socket, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t sent = ::send(socket, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (sent <= 0)
            return;
        done += sent;
    }
}

QByteArray int32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

} // namespace

FakePgServer::FakePgServer(Behaviour behaviour)
    : m_behaviour(behaviour)
{
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(m_listener, 16) != 0
        || ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        if (m_listener >= 0)
            ::close(m_listener);
        m_listener = -1;
        return;
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

FakePgServer::~FakePgServer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listener >= 0)
        ::close(m_listener);
}

QByteArray FakePgServer::received() const
{
    const QMutexLocker locker(&m_mutex);
    return m_received;
}

void FakePgServer::serve()
{
    while (!m_stop) {
        pollfd waiting {m_listener, POLLIN, 0};
        if (::poll(&waiting, 1, 100) <= 0)
            continue;
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0)
            continue;
        ++m_connections;
        talk(client);
        ::close(client);
    }
}

void FakePgServer::talk(int client)
{
    const auto record = [this](const char *bytes, size_t size) {
        const QMutexLocker locker(&m_mutex);
        m_received.append(bytes, qsizetype(size));
    };
    if (m_behaviour == Behaviour::Silent) {
        // Read and keep whatever comes, answer nothing, until the client gives up.
        char buffer[4096];
        while (!m_stop) {
            pollfd waiting {client, POLLIN, 0};
            if (::poll(&waiting, 1, 100) <= 0)
                continue;
            const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
            if (got <= 0)
                return;
            record(buffer, size_t(got));
        }
        return;
    }

    // Start-up packets: TLS and GSS encryption requests are refused until the start-up message.
    for (;;) {
        char header[8];
        if (!readExactly(client, header, sizeof header))
            return;
        record(header, sizeof header);
        const quint32 length = qFromBigEndian<quint32>(header);
        const quint32 code = qFromBigEndian<quint32>(header + 4);
        if (length < 8 || length > 10000)
            return;
        QByteArray rest(qsizetype(length - 8), '\0');
        if (!readExactly(client, rest.data(), size_t(rest.size())))
            return;
        record(rest.constData(), size_t(rest.size()));
        if (code == sslRequestCode || code == gssEncRequestCode) {
            sendAll(client, "N");
            continue;
        }
        break;
    }
    // AuthenticationCleartextPassword, then whatever the client answers.
    sendAll(client, QByteArray("R") + int32(8) + int32(3));
    char buffer[4096];
    for (;;) {
        pollfd waiting {client, POLLIN, 0};
        if (::poll(&waiting, 1, 2000) <= 0)
            break;
        const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
        if (got <= 0)
            break;
        record(buffer, size_t(got));
    }
    const QByteArray error
        = QByteArray("SFATAL") + '\0' + "C28P01" + '\0' + "Mpassword authentication failed" + '\0' + '\0';
    sendAll(client, QByteArray("E") + int32(quint32(error.size() + 4)) + error);
}
