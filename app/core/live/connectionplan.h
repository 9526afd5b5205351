#pragma once

#include "livecheck.h"

#include "url/connectionstring.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// How to reach a server: the libpq keywords of a connection string, clear values. The password
// is kept apart and only ever handed to the driver.
struct ConnectionPlan {
    QList<ConnectionOption> options; // without password
    QString password;
    bool tlsRequired = false; // the URL asks for TLS: the password never goes out without it
    QString maskedUrl;
    QString host;
    QString port;
    QString database;
    QString user;
    QStringList notes; // translated: what was changed to run the check
    QString error; // translated; the URL cannot be used for a live check

    QString value(QStringView keyword) const;
    void set(const QString &keyword, const QString &value);
};

// Sorts libpq's message about a failed connection; *reachable tells whether something answered.
LiveFailure classifyConnectionError(const QString &message, bool *reachable);

// Reads a connection string as its driver would (libpq's own parser where it accepts the string,
// the driver dialect's facts otherwise) and turns it into a plan with the given timeout.
ConnectionPlan planConnection(const QString &url, const QString &passwordOverride, int timeoutSeconds);

} // namespace poolproof
