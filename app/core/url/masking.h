#pragma once

#include "textspan.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace poolproof {

// What every display shows instead of a password.
inline constexpr QStringView passwordMask = u"****";

// The one masking function: the connection string with every password replaced by "****".
// Handles libpq URIs and keyword/value strings, other drivers' URLs (jdbc:, postgresql+asyncpg:
// ...), Npgsql "Password=" strings and password query parameters. Masking errs on the side of
// hiding too much: with an unencoded "@" or "/" in the password, everything up to the last "@"
// of the authority counts as password, because that is what the writer meant.
QString maskConnectionString(QStringView text);

// The ranges of text that maskConnectionString() hides.
QList<TextSpan> secretSpans(QStringView text);

// text with each non-empty span replaced by "****".
QString maskSpans(QStringView text, QList<TextSpan> spans);

// Masks whatever a message (libpq's own error text, mostly) quotes from the secret parts of
// source: libpq quotes components and whole URIs in its errors, and those can hold the password.
QString scrubSecrets(const QString &message, QStringView source);

// The part span of text for quoting in a message, with whatever of it belongs to a password
// masked: with an unencoded "@" or "/" in a password, host, port or parameter names can be
// pieces of the password.
QString maskedExcerpt(QStringView text, const TextSpan &span);
// name, the way a display shows the part span of text: as it is, unless that part overlaps a
// secret (a garbled string whose "keyword" runs through a password); then maskedExcerpt().
QString shownName(const QString &name, QStringView text, const TextSpan &span);

// password, sslpassword and the other keywords whose values are secrets (case-insensitive,
// spaces ignored so that Npgsql's "SSL Password" matches too).
bool isSecretKeyword(QStringView keyword);

// A configuration value that may hold a password. Its clear form leaves only through
// revealedForConnection(), for handing it to a driver.
class SecretValue
{
public:
    enum class Kind : quint8 { ConnectionString, Password };

    SecretValue() = default;
    SecretValue(const QString &clear, Kind kind)
        : m_clear(clear)
        , m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }
    bool isEmpty() const { return m_clear.isEmpty(); }
    QString masked() const;
    QString revealedForConnection() const { return m_clear; }

    friend bool operator==(const SecretValue &, const SecretValue &) = default;

private:
    QString m_clear;
    Kind m_kind = Kind::ConnectionString;
};

} // namespace poolproof
