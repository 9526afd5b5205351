#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace poolproof {

class ConnectionString;

// A check libpq makes only when it starts to connect (fe-connect.c: pqConnectOptions2,
// PQconnectPoll, pqConnectDBComplete), in libpq's own words.
struct LibpqCheckFailure {
    QString keyword; // the option at fault, e.g. "port" or "sslmode"
    QString message; // libpq's message, e.g. invalid port number: "65536"
    int element = -1; // for comma lists: which element (0-based), -1 for the whole value
};

// Runs the connect-time checks in libpq's order; libpq itself reports the first failure.
// Values for which isPlaceholder() is true stand for a reference the application expands
// later and are not judged.
QList<LibpqCheckFailure> checkLikeLibpqConnect(const ConnectionString &connection,
                                               const std::function<bool(QStringView)> &isPlaceholder = {});

// The libpq major version that first understood a connection keyword (connection-strings
// table 1.3): 0 for keywords every supported libpq knows, -1 for keywords libpq does not have.
int libpqKeywordSince(QStringView keyword);

// The libpq major version a value needs, when newer than its keyword: target_session_attrs
// "read-only"/"primary"/"standby"/"prefer-standby" (14), sslrootcert "system" (16), 0 otherwise.
int libpqValueSince(QStringView keyword, QStringView value);

// Every keyword the table knows, sorted.
QStringList libpqKeywords();

// pqParseIntParam: strtol with blanks allowed around the number, the result must fit an int.
bool parseLibpqInt(QStringView text, int *value);

} // namespace poolproof
