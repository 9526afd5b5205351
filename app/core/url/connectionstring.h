#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// One keyword and its value as libpq's PQconninfoParse returned them.
struct ConnectionOption {
    QString keyword;
    QString value;

    friend bool operator==(const ConnectionOption &, const ConnectionOption &) = default;
};

// A connection string as libpq itself reads it: parsed by PQconninfoParse of the libpq this
// program is linked with, so PoolProof and libpq never disagree about what a string means.
// The text itself never leaves this class in clear except through revealedForConnection().
class ConnectionString
{
public:
    enum class Form : quint8 { KeywordValue, Uri };

    ConnectionString() = default;
    static ConnectionString parse(const QString &text);

    Form form() const { return m_form; }
    bool isAccepted() const { return m_accepted; }
    // libpq's own message when it rejects the string, with any password it quotes masked.
    QString libpqError() const { return m_error; }

    // The options the string sets, in libpq's order, password values masked.
    QList<ConnectionOption> options() const;
    bool has(QStringView keyword) const;
    // The value of an option (masked for passwords); empty when unset.
    QString value(QStringView keyword) const;

    // host (or, when only hostaddr is given, hostaddr) and port split at commas, as libpq does
    // before connecting. Empty entries stay: they mean "the default".
    QStringList hosts() const;
    QStringList hostaddrs() const;
    QStringList ports() const;

    QString masked() const;
    QString revealedForConnection() const { return m_raw; }
    QString revealedValue(QStringView keyword) const;

    // The version of the linked libpq as PQlibVersion() reports it, e.g. 170012.
    static int libpqVersion();
    static int libpqMajorVersion() { return libpqVersion() / 10000; }
    // Every keyword the linked libpq knows (PQconndefaults), sorted.
    static QStringList libpqKnownKeywords();

    friend bool operator==(const ConnectionString &, const ConnectionString &) = default;

private:
    QString m_raw;
    Form m_form = Form::KeywordValue;
    bool m_accepted = false;
    QString m_error;
    QList<ConnectionOption> m_options; // clear values
    QStringList m_hidden; // options that are pieces of a password (an unencoded "@" or "/" in it)
};

} // namespace poolproof
