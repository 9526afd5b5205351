#include "libpqrules.h"

#include "connectionstring.h"
#include "urilayout.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class LibpqRulesText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LibpqRules)
public:
    static QString replication(const QString &value)
    {
        return tr("invalid replication value: \"%1\" (the server accepts true, on, yes, 1, database, false, off, no, "
                  "0)")
            .arg(value);
    }
};

struct KeywordSince {
    QStringView keyword;
    int since;
};

// libpq's PQconninfoOptions[] and the release that added each keyword.
constexpr std::array keywordTable {
    KeywordSince {u"application_name", 0},
    KeywordSince {u"channel_binding", 13},
    KeywordSince {u"client_encoding", 0},
    KeywordSince {u"connect_timeout", 0},
    KeywordSince {u"dbname", 0},
    KeywordSince {u"fallback_application_name", 0},
    KeywordSince {u"gssdelegation", 16},
    KeywordSince {u"gssencmode", 12},
    KeywordSince {u"gsslib", 0},
    KeywordSince {u"host", 0},
    KeywordSince {u"hostaddr", 0},
    KeywordSince {u"keepalives", 0},
    KeywordSince {u"keepalives_count", 0},
    KeywordSince {u"keepalives_idle", 0},
    KeywordSince {u"keepalives_interval", 0},
    KeywordSince {u"krbsrvname", 0},
    KeywordSince {u"load_balance_hosts", 16},
    KeywordSince {u"max_protocol_version", 18},
    KeywordSince {u"min_protocol_version", 18},
    KeywordSince {u"oauth_client_id", 18},
    KeywordSince {u"oauth_client_secret", 18},
    KeywordSince {u"oauth_issuer", 18},
    KeywordSince {u"oauth_scope", 18},
    KeywordSince {u"options", 0},
    KeywordSince {u"passfile", 10},
    KeywordSince {u"password", 0},
    KeywordSince {u"port", 0},
    KeywordSince {u"replication", 0},
    KeywordSince {u"require_auth", 16},
    KeywordSince {u"requirepeer", 0},
    KeywordSince {u"scram_client_key", 18},
    KeywordSince {u"scram_server_key", 18},
    KeywordSince {u"service", 0},
    KeywordSince {u"servicefile", 18},
    KeywordSince {u"ssl_max_protocol_version", 13},
    KeywordSince {u"ssl_min_protocol_version", 13},
    KeywordSince {u"sslcert", 0},
    KeywordSince {u"sslcertmode", 16},
    KeywordSince {u"sslcompression", 0},
    KeywordSince {u"sslcrl", 0},
    KeywordSince {u"sslcrldir", 14},
    KeywordSince {u"sslkey", 0},
    KeywordSince {u"sslkeylogfile", 18},
    KeywordSince {u"sslmode", 0},
    KeywordSince {u"sslnegotiation", 17},
    KeywordSince {u"sslpassword", 13},
    KeywordSince {u"sslrootcert", 0},
    KeywordSince {u"sslsni", 14},
    KeywordSince {u"target_session_attrs", 10},
    KeywordSince {u"tcp_user_timeout", 12},
    KeywordSince {u"user", 0},
};

QString quoted(const QString &value)
{
    return u'"' + value + u'"';
}

QString invalidValue(const QString &keyword, const QString &value)
{
    // libpq: "invalid %s value: \"%s\"" (kept in English: it is libpq's text, users search for it)
    return u"invalid "_s + keyword + u" value: "_s + quoted(value);
}

QString invalidInteger(const QString &keyword, const QString &value)
{
    return u"invalid integer value "_s + quoted(value) + u" for connection option "_s + quoted(keyword);
}

int countElements(const QString &list)
{
    return int(list.count(u',')) + 1;
}

bool isOneOf(const QString &value, std::initializer_list<QStringView> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](QStringView candidate) { return value == candidate; });
}

bool isTlsVersion(const QString &value)
{
    // sslVerifyProtocolVersion: empty means "no bound"; names compare case-insensitively.
    if (value.isEmpty())
        return true;
    const QString lower = value.toLower();
    return lower == u"tlsv1" || lower == u"tlsv1.1" || lower == u"tlsv1.2" || lower == u"tlsv1.3";
}

// require_auth: a comma list, either all negated ("!md5") or none; no method twice.
std::optional<QString> checkRequireAuth(const QString &value)
{
    const QStringList parts = value.split(u',');
    bool negated = false;
    QStringList seen;
    bool noneAllowed = false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QString method = parts.at(i);
        const QString part = method;
        if (method.startsWith(u'!')) {
            if (i > 0 && !negated)
                return u"negative require_auth method "_s + quoted(method)
                    + u" cannot be mixed with non-negative methods"_s;
            negated = true;
            method.remove(0, 1);
        } else if (negated) {
            return u"require_auth method "_s + quoted(method) + u" cannot be mixed with negative methods"_s;
        }
        if (!isOneOf(method, {u"password", u"md5", u"gss", u"sspi", u"scram-sha-256", u"none"}))
            return invalidValue(QStringLiteral("require_auth"), method);
        if (method == u"none") {
            if (noneAllowed)
                return u"require_auth method "_s + quoted(part) + u" is specified more than once"_s;
            noneAllowed = true;
            continue;
        }
        if (seen.contains(method))
            return u"require_auth method "_s + quoted(part) + u" is specified more than once"_s;
        seen << method;
    }
    return std::nullopt;
}

} // namespace

bool parseLibpqInt(QStringView text, int *value)
{
    qsizetype p = 0;
    while (p < text.size() && isConninfoSpace(text[p]))
        ++p;
    qsizetype end = text.size();
    while (end > p && isConninfoSpace(text[end - 1]))
        --end;
    const QStringView number = text.mid(p, end - p);
    if (number.isEmpty())
        return false;
    bool ok = false;
    const qlonglong parsed = number.toLongLong(&ok, 10);
    // strtol also accepts a leading "+"; QStringView::toLongLong does as well.
    if (!ok || parsed < std::numeric_limits<int>::min() || parsed > std::numeric_limits<int>::max())
        return false;
    if (value)
        *value = int(parsed);
    return true;
}

QList<LibpqCheckFailure> checkLikeLibpqConnect(const ConnectionString &connection,
                                               const std::function<bool(QStringView)> &isPlaceholder)
{
    QList<LibpqCheckFailure> failures;
    const auto judged
        = [&](const QString &value) { return !value.isEmpty() && !(isPlaceholder && isPlaceholder(value)); };
    const auto value = [&](QStringView keyword) { return connection.revealedValue(keyword); };

    // Hosts and ports: parallel comma lists; one port applies to every host.
    const QString host = value(u"host");
    const QString hostaddr = value(u"hostaddr");
    int hostCount = 1;
    if (!hostaddr.isEmpty())
        hostCount = countElements(hostaddr);
    else if (!host.isEmpty())
        hostCount = countElements(host);
    if (!hostaddr.isEmpty() && !host.isEmpty() && countElements(host) != hostCount) {
        failures.append(
            {QStringLiteral("host"),
             u"could not match %1 host names to %2 hostaddr values"_s.arg(countElements(host)).arg(hostCount)});
    }
    const QString port = value(u"port");
    if (!port.isEmpty()) {
        const int portCount = countElements(port);
        if (portCount != 1 && portCount != hostCount) {
            failures.append({QStringLiteral("port"),
                             u"could not match %1 port numbers to %2 hosts"_s.arg(portCount).arg(hostCount)});
        }
    }

    const QString requireAuth = value(u"require_auth");
    if (judged(requireAuth)) {
        if (const std::optional<QString> problem = checkRequireAuth(requireAuth))
            failures.append({QStringLiteral("require_auth"), *problem});
    }
    const auto checkEnum = [&](const QString &keyword, std::initializer_list<QStringView> allowed) {
        const QString v = value(keyword);
        if (connection.has(keyword) && !(isPlaceholder && isPlaceholder(v)) && !isOneOf(v, allowed))
            failures.append({keyword, invalidValue(keyword, v)});
    };
    checkEnum(QStringLiteral("channel_binding"), {u"disable", u"prefer", u"require"});
    checkEnum(QStringLiteral("sslmode"), {u"disable", u"allow", u"prefer", u"require", u"verify-ca", u"verify-full"});
    const QString sslrootcert = value(u"sslrootcert");
    QString sslmode = value(u"sslmode");
    if (!connection.has(u"sslmode"))
        sslmode = sslrootcert == u"system" ? QStringLiteral("verify-full") : QStringLiteral("prefer");
    checkEnum(QStringLiteral("sslnegotiation"), {u"postgres", u"direct"});
    if (value(u"sslnegotiation") == u"direct" && judged(sslmode) && !sslmode.startsWith(u'r')
        && !sslmode.startsWith(u'v')) {
        failures.append(
            {QStringLiteral("sslnegotiation"),
             u"weak sslmode "_s + quoted(sslmode)
                 + u" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")"_s});
    }
    if (sslrootcert == u"system" && judged(sslmode) && sslmode != u"verify-full") {
        failures.append({QStringLiteral("sslrootcert"),
                         u"weak sslmode "_s + quoted(sslmode)
                             + u" may not be used with sslrootcert=system (use \"verify-full\")"_s});
    }
    const QString minTls = value(u"ssl_min_protocol_version");
    const QString maxTls = value(u"ssl_max_protocol_version");
    bool tlsNamesValid = true;
    for (const auto &[keyword, tls] : {std::pair {QStringLiteral("ssl_min_protocol_version"), minTls},
                                       std::pair {QStringLiteral("ssl_max_protocol_version"), maxTls}}) {
        if (judged(tls) && !isTlsVersion(tls)) {
            failures.append({keyword, u"invalid \""_s + keyword + u"\" value: "_s + quoted(tls)});
            tlsNamesValid = false;
        }
    }
    if (tlsNamesValid && judged(maxTls)) {
        // The minimum defaults to TLSv1.2; the names sort in version order.
        const QString effectiveMin = connection.has(u"ssl_min_protocol_version") ? minTls : QStringLiteral("TLSv1.2");
        if (!effectiveMin.isEmpty() && effectiveMin.compare(maxTls, Qt::CaseInsensitive) > 0)
            failures.append(
                {QStringLiteral("ssl_max_protocol_version"), QStringLiteral("invalid SSL protocol version range")});
    }
    checkEnum(QStringLiteral("sslcertmode"), {u"disable", u"allow", u"require"});
    checkEnum(QStringLiteral("gssencmode"), {u"disable", u"prefer", u"require"});
    checkEnum(QStringLiteral("target_session_attrs"),
              {u"any", u"read-write", u"read-only", u"primary", u"standby", u"prefer-standby"});
    checkEnum(QStringLiteral("load_balance_hosts"), {u"disable", u"random"});

    // Checked while connecting: each port, then the timeouts.
    if (!port.isEmpty()) {
        const QStringList ports = port.split(u',');
        for (qsizetype i = 0; i < ports.size(); ++i) {
            const QString &one = ports.at(i);
            if (!judged(one))
                continue;
            int number = 0;
            if (!parseLibpqInt(one, &number))
                failures.append({QStringLiteral("port"), invalidInteger(QStringLiteral("port"), one), int(i)});
            else if (number < 1 || number > 65535)
                failures.append({QStringLiteral("port"), u"invalid port number: "_s + quoted(one), int(i)});
        }
    }
    for (const QString &keyword : {QStringLiteral("connect_timeout"), QStringLiteral("keepalives"),
                                   QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
                                   QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout")}) {
        const QString v = value(keyword);
        if (judged(v) && !parseLibpqInt(v, nullptr))
            failures.append({keyword, invalidInteger(keyword, v)});
    }
    // The server, not libpq, judges replication; a bad value fails the connection all the same.
    const QString replication = value(u"replication");
    if (judged(replication)
        && !isOneOf(replication.toLower(),
                    {u"true", u"on", u"yes", u"1", u"database", u"false", u"off", u"no", u"0"})) {
        failures.append({QStringLiteral("replication"), LibpqRulesText::replication(replication)});
    }
    return failures;
}

int libpqKeywordSince(QStringView keyword)
{
    for (const KeywordSince &entry : keywordTable) {
        if (entry.keyword == keyword)
            return entry.since;
    }
    // Legacy spellings libpq rewrites while parsing.
    if (keyword == u"requiressl" || keyword == u"ssl")
        return 0;
    return -1;
}

int libpqValueSince(QStringView keyword, QStringView value)
{
    if (keyword == u"target_session_attrs"
        && (value == u"read-only" || value == u"primary" || value == u"standby" || value == u"prefer-standby"))
        return 14;
    if (keyword == u"sslrootcert" && value == u"system")
        return 16;
    return 0;
}

QStringList libpqKeywords()
{
    QStringList list;
    for (const KeywordSince &entry : keywordTable)
        list << entry.keyword.toString();
    return list;
}

} // namespace poolproof
