#pragma once

#include "textspan.h"

#include <QList>
#include <QString>

namespace poolproof {

// One value of a connection string as the reading driver will see it, and where it is written.
struct FactValue {
    QString value; // decoded; never a password
    TextSpan span; // in the original string; invalid when not written there
    QString keyword; // the libpq keyword it corresponds to ("host", "sslmode", ...)
    bool present = false; // written (possibly empty)
    bool fromReference = false; // comes from ${...} and friends: unknown until expanded

    bool known() const { return present && !fromReference; }
};

struct ConnectionEndpoint {
    FactValue host; // empty value: the driver's default (a Unix socket or localhost)
    FactValue port; // empty value: the default port
};

enum class PasswordState : quint8 {
    Absent, // no password in the string (password file, peer or certificate authentication)
    Empty, // written but empty
    Reference, // a reference the application expands: fine in a committed file
    Literal, // a clear-text password
};

// How much the TLS settings protect, whatever the driver calls them.
enum class TlsLevel : quint8 {
    Off, // no TLS at all
    Opportunistic, // allow/prefer, or unset where the default is prefer: falls back to plain text
    Encrypted, // require: encrypted, server identity not checked
    VerifyCa, // the certificate is checked, the host name is not
    VerifyFull, // certificate and host name checked
};

// A parameter as written, for driver-specific checks. Secret values are masked.
struct ConnectionParameter {
    QString name;
    QString value;
    TextSpan nameSpan;
    TextSpan valueSpan;
    bool fromReference = false;
};

// The connection string normalised across drivers: what the policy checks look at.
struct ConnectionFacts {
    QList<ConnectionEndpoint> endpoints;
    FactValue dbname;
    FactValue user;
    PasswordState password = PasswordState::Absent;
    TextSpan passwordSpan;
    QString passwordReference; // the name a password reference points at, e.g. DB_PASSWORD
    bool weakPassword = false; // one of the well-known default passwords

    TlsLevel tls = TlsLevel::Opportunistic;
    FactValue tlsSetting; // the setting that decided tls (sslmode, SSL Mode, ssl ...)
    bool tlsDefaulted = true; // nothing set; tls is the driver's default

    FactValue connectTimeout;
    bool driverHasConnectTimeout = false; // the driver times out on its own by default
    FactValue applicationName;

    QList<ConnectionParameter> parameters; // query parameters / keywords beyond the URL parts

    const ConnectionParameter *parameter(QStringView name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const;
    QString parameterValue(QStringView name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const;
    bool hasParameter(QStringView name, Qt::CaseSensitivity cs = Qt::CaseSensitive) const
    {
        return parameter(name, cs) != nullptr;
    }
};

QString tlsLevelId(TlsLevel level); // "off", "opportunistic", "encrypted", "verify-ca", "verify-full"

// True for localhost, 127.0.0.0/8, ::1, 0.0.0.0, an absolute path (Unix socket) and the empty
// host (libpq's default: the local socket).
bool isLocalHost(QStringView host);

bool isWeakPassword(QStringView password);

} // namespace poolproof
