// Facts from libpq-grammar strings (URIs and keyword/value), for every driver that shares it.
#include "urlanalysis_p.h"

#include "masking.h"

#include <QHash>

namespace poolproof::detail {

namespace {

QString decoded(QStringView text, const TextSpan &span)
{
    const QStringView raw = text.mid(span.offset, span.length);
    QString value;
    if (!percentDecode(raw, &value))
        value = raw.toString();
    return value;
}

FactValue makeFact(const QString &value, const TextSpan &spanInWork, const QString &keyword,
                   const PlaceholderText &work)
{
    FactValue fact;
    fact.value = value;
    fact.span = work.originalSpan(spanInWork);
    fact.keyword = keyword;
    fact.present = true;
    fact.fromReference = PlaceholderText::isPlaceholder(value);
    return fact;
}

TlsLevel tlsFromSslmode(const QString &mode)
{
    if (mode == u"disable")
        return TlsLevel::Off;
    if (mode == u"require")
        return TlsLevel::Encrypted;
    if (mode == u"verify-ca")
        return TlsLevel::VerifyCa;
    if (mode == u"verify-full")
        return TlsLevel::VerifyFull;
    return TlsLevel::Opportunistic;
}

// Where the password came from, in clear: stays in this file.
struct PasswordSource {
    bool present = false;
    QString clear;
    TextSpan span;
};

struct Collected {
    ConnectionFacts facts;
    PasswordSource password;
    QList<FactValue> hosts;
    QList<FactValue> ports;
};

void applyParameters(Collected &c, const QList<RawParameter> &all, Dialect dialect, const PlaceholderText &work)
{
    // libpq keeps the last occurrence of a parameter; pgx and lib/pq (Go's net/url) the first.
    const bool firstWins = dialect == Dialect::Pgx || dialect == Dialect::LibPqGo;
    QList<RawParameter> effective;
    QHash<QString, qsizetype> index;
    for (const RawParameter &parameter : all) {
        const auto it = index.constFind(parameter.key);
        if (it == index.constEnd()) {
            index.insert(parameter.key, effective.size());
            effective.append(parameter);
        } else if (!firstWins) {
            effective[*it] = parameter;
        }
    }
    const auto split = [&](const RawParameter &parameter, const QString &keyword) {
        QList<FactValue> list;
        for (const QString &item : parameter.value.split(u','))
            list.append(makeFact(item, parameter.valueSpan, keyword, work));
        return list;
    };
    for (const RawParameter &parameter : std::as_const(effective)) {
        const QString &key = parameter.key;
        if (key == u"host") {
            c.hosts = split(parameter, QStringLiteral("host"));
        } else if (key == u"port") {
            c.ports = split(parameter, QStringLiteral("port"));
        } else if (key == u"dbname" || (key == u"database" && dialect != Dialect::Libpq)) {
            c.facts.dbname = makeFact(parameter.value, parameter.valueSpan, QStringLiteral("dbname"), work);
        } else if (key == u"user" || (key == u"username" && dialect != Dialect::Libpq)) {
            c.facts.user = makeFact(parameter.value, parameter.valueSpan, QStringLiteral("user"), work);
        } else if (key == u"password") {
            c.password = {true, parameter.value, work.originalSpan(parameter.valueSpan)};
        }
        ConnectionParameter visible;
        visible.name = shownName(key, work.text(), parameter.keySpan);
        visible.value = isSecretKeyword(key) && !parameter.value.isEmpty() ? passwordMask.toString() : parameter.value;
        visible.nameSpan = work.originalSpan(parameter.keySpan);
        visible.valueSpan = work.originalSpan(parameter.valueSpan);
        visible.fromReference = PlaceholderText::isPlaceholder(parameter.value);
        c.facts.parameters.append(visible);
    }
    if (c.hosts.isEmpty()) {
        // Only hostaddr: libpq connects to those addresses.
        for (const RawParameter &parameter : std::as_const(effective)) {
            if (parameter.key == u"hostaddr")
                c.hosts = split(parameter, QStringLiteral("hostaddr"));
        }
    }
}

void applyTls(ConnectionFacts &facts, Dialect dialect)
{
    const ConnectionParameter *sslmode = facts.parameter(u"sslmode");
    const ConnectionParameter *ssl = facts.parameter(u"ssl");
    const ConnectionParameter *requiressl = facts.parameter(u"requiressl");
    const auto decide = [&](const ConnectionParameter *from, TlsLevel level) {
        facts.tls = level;
        facts.tlsDefaulted = from == nullptr;
        if (from) {
            facts.tlsSetting.value = from->name + u'=' + from->value;
            facts.tlsSetting.span = from->valueSpan;
            facts.tlsSetting.keyword = QStringLiteral("sslmode");
            facts.tlsSetting.present = true;
            facts.tlsSetting.fromReference = from->fromReference;
        }
    };
    switch (dialect) {
    case Dialect::NodePostgres:
        // pg reads sslmode=prefer/require/verify-ca as verify-full today but will read them as
        // libpq does; no-verify is encrypted only; without any setting pg does not use TLS.
        if (sslmode) {
            const QString mode = sslmode->value;
            decide(sslmode,
                   mode == u"disable"           ? TlsLevel::Off
                       : mode == u"verify-full" ? TlsLevel::VerifyFull
                                                : TlsLevel::Encrypted);
        } else if (ssl) {
            const bool on = ssl->value == u"true" || ssl->value == u"1";
            decide(ssl, on ? TlsLevel::VerifyFull : TlsLevel::Off);
        } else {
            decide(nullptr, TlsLevel::Off);
        }
        return;
    case Dialect::PostgresJs: {
        const ConnectionParameter *from = sslmode ? sslmode : ssl;
        if (!from) {
            decide(nullptr, TlsLevel::Off);
            return;
        }
        const QString mode = from->value;
        if (mode == u"false" || mode == u"disable")
            decide(from, TlsLevel::Off);
        else if (mode == u"true" || mode == u"require")
            decide(from, TlsLevel::Encrypted);
        else
            decide(from, tlsFromSslmode(mode));
        return;
    }
    case Dialect::Prisma: {
        if (!sslmode) {
            decide(nullptr, TlsLevel::Opportunistic);
            return;
        }
        // Prisma has no verify modes: require checks the certificate only with sslaccept=strict.
        const bool strict = facts.parameterValue(u"sslaccept") == u"strict";
        if (sslmode->value == u"require")
            decide(sslmode, strict ? TlsLevel::VerifyFull : TlsLevel::Encrypted);
        else
            decide(sslmode, tlsFromSslmode(sslmode->value));
        return;
    }
    case Dialect::SqlAlchemyAsyncpg:
        if (ssl) {
            const QString mode = ssl->value;
            decide(ssl, mode == u"true" ? TlsLevel::Encrypted : tlsFromSslmode(mode));
            return;
        }
        break;
    default: break;
    }
    if (sslmode) {
        decide(sslmode, tlsFromSslmode(sslmode->value));
    } else if (ssl && ssl->value == u"true") {
        decide(ssl, TlsLevel::Encrypted); // libpq rewrites ssl=true to sslmode=require
    } else if (requiressl) {
        decide(requiressl, requiressl->value.startsWith(u'1') ? TlsLevel::Encrypted : TlsLevel::Opportunistic);
    } else if (facts.parameterValue(u"sslrootcert") == u"system") {
        decide(facts.parameter(u"sslrootcert"), TlsLevel::VerifyFull);
    } else {
        // lib/pq defaults to require (up to v1.12); everyone else to prefer.
        decide(nullptr, dialect == Dialect::LibPqGo ? TlsLevel::Encrypted : TlsLevel::Opportunistic);
    }
}

void finish(Collected &c, Dialect dialect, const PlaceholderText &work)
{
    ConnectionFacts &facts = c.facts;
    // Endpoints: one port applies to every host; otherwise they pair up.
    if (c.hosts.isEmpty())
        c.hosts.append(FactValue {{}, {}, QStringLiteral("host"), false, false});
    for (qsizetype i = 0; i < c.hosts.size(); ++i) {
        ConnectionEndpoint endpoint;
        endpoint.host = c.hosts.at(i);
        if (c.ports.size() == 1)
            endpoint.port = c.ports.first();
        else if (i < c.ports.size())
            endpoint.port = c.ports.at(i);
        facts.endpoints.append(endpoint);
    }

    if (!c.password.present)
        facts.password = PasswordState::Absent;
    else if (c.password.clear.isEmpty())
        facts.password = PasswordState::Empty;
    else if (PlaceholderText::isPlaceholder(c.password.clear))
        facts.password = PasswordState::Reference;
    else
        facts.password = PasswordState::Literal;
    facts.passwordSpan = c.password.span;
    facts.passwordReference = work.referenceNameIn(c.password.clear);
    facts.weakPassword = facts.password == PasswordState::Literal && isWeakPassword(c.password.clear);

    applyTls(facts, dialect);

    if (const ConnectionParameter *timeout = facts.parameter(u"connect_timeout")) {
        facts.connectTimeout = FactValue {timeout->value, timeout->valueSpan, QStringLiteral("connect_timeout"), true,
                                          timeout->fromReference};
    }
    facts.driverHasConnectTimeout = dialect == Dialect::Prisma || dialect == Dialect::PostgresJs
        || dialect == Dialect::Asyncpg || dialect == Dialect::SqlAlchemyAsyncpg;
    const ConnectionParameter *name = facts.parameter(u"application_name");
    if (!name && dialect == Dialect::Libpq)
        name = facts.parameter(u"fallback_application_name");
    if (name)
        facts.applicationName
            = FactValue {name->value, name->valueSpan, QStringLiteral("application_name"), true, name->fromReference};
}

} // namespace

QList<RawParameter> uriParameters(QStringView text, const UriLayout &layout)
{
    QList<RawParameter> list;
    for (const UriParam &param : layout.params) {
        if (!param.value.isValid())
            continue;
        list.append({decoded(text, param.key), decoded(text, param.value), param.key, param.value});
    }
    return list;
}

ConnectionFacts factsFromUri(QStringView text, const UriLayout &layout, Dialect dialect, const PlaceholderText &work)
{
    Collected c;
    if (layout.user.isValid() && layout.user.length > 0)
        c.facts.user = makeFact(decoded(text, layout.user), layout.user, QStringLiteral("user"), work);
    if (layout.password.isValid())
        c.password = {true, decoded(text, layout.password), work.originalSpan(layout.password)};
    // Host entries as libpq collects them: the host list is decoded as a whole, so an encoded
    // comma (%2C) splits a host in two, while the port list keeps one slot per entry.
    bool anyPort = false;
    for (const UriHost &entry : layout.hosts)
        anyPort = anyPort || entry.port.isValid();
    const bool noHost = layout.hosts.size() == 1 && layout.hosts.first().host.length == 0;
    for (const UriHost &entry : layout.hosts) {
        if (!noHost) {
            for (const QString &part : decoded(text, entry.host).split(u','))
                c.hosts.append(makeFact(part, entry.host, QStringLiteral("host"), work));
        }
        if (anyPort) {
            c.ports.append(entry.port.isValid()
                               ? makeFact(decoded(text, entry.port), entry.port, QStringLiteral("port"), work)
                               : FactValue {{}, {}, QStringLiteral("port"), false, false});
        }
    }
    if (layout.dbname.isValid() && layout.dbname.length > 0)
        c.facts.dbname = makeFact(decoded(text, layout.dbname), layout.dbname, QStringLiteral("dbname"), work);
    applyParameters(c, uriParameters(text, layout), dialect, work);
    finish(c, dialect, work);
    return c.facts;
}

ConnectionFacts factsFromKeywordValue(QStringView text, const KeywordValueLayout &layout, Dialect dialect,
                                      const PlaceholderText &work)
{
    QList<RawParameter> parameters;
    for (const KeywordValuePair &pair : layout.pairs) {
        if (!pair.value.isValid())
            continue;
        // Backslash escapes, in quoted and unquoted values alike.
        QString value;
        const QStringView raw = text.mid(pair.value.offset, pair.value.length);
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] == u'\\' && i + 1 < raw.size())
                ++i;
            value += raw[i];
        }
        parameters.append(
            {text.mid(pair.keyword.offset, pair.keyword.length).toString(), value, pair.keyword, pair.value});
    }
    Collected c;
    applyParameters(c, parameters, dialect, work);
    finish(c, dialect, work);
    return c.facts;
}

TextSpan uriKeySpan(QStringView text, const UriLayout &layout, QStringView keyword)
{
    TextSpan span;
    for (const UriParam &param : layout.params) {
        if (decoded(text, param.key) == keyword)
            span = param.key;
    }
    return span;
}

TextSpan uriValueSpan(QStringView text, const UriLayout &layout, QStringView keyword, int element)
{
    // A query parameter wins over the URL part, as in libpq.
    TextSpan fromQuery;
    for (const UriParam &param : layout.params) {
        QString key = decoded(text, param.key);
        if (key == u"ssl" || key == u"requiressl")
            key = QStringLiteral("sslmode");
        if (key == keyword)
            fromQuery = param.value.isValid() ? param.value : param.whole;
    }
    if (fromQuery.isValid())
        return fromQuery;
    if (keyword == u"user")
        return layout.user;
    if (keyword == u"password")
        return layout.password;
    if (keyword == u"dbname")
        return layout.dbname;
    if (keyword == u"host") {
        if (element >= 0 && element < layout.hosts.size())
            return layout.hosts.at(element).host;
        return layout.hostList();
    }
    if (keyword == u"port") {
        if (element >= 0) {
            // The n-th element of libpq's port list is the port of the n-th host entry.
            if (element < layout.hosts.size() && layout.hosts.at(element).port.isValid())
                return layout.hosts.at(element).port;
        }
        return layout.portList();
    }
    return {};
}

TextSpan keywordKeySpan(QStringView text, const KeywordValueLayout &layout, QStringView keyword)
{
    TextSpan span;
    for (const KeywordValuePair &pair : layout.pairs) {
        if (text.mid(pair.keyword.offset, pair.keyword.length) == keyword)
            span = pair.keyword;
    }
    return span;
}

TextSpan keywordValueSpan(QStringView text, const KeywordValueLayout &layout, QStringView keyword, int element)
{
    TextSpan span;
    for (const KeywordValuePair &pair : layout.pairs) {
        if (text.mid(pair.keyword.offset, pair.keyword.length) == keyword)
            span = pair.value.isValid() ? pair.value : pair.keyword;
    }
    if (element < 0 || !span.isValid())
        return span;
    // The n-th element of a comma list.
    const QStringView value = text.mid(span.offset, span.length);
    qsizetype start = 0;
    for (int i = 0; i < element; ++i) {
        const qsizetype comma = value.indexOf(u',', start);
        if (comma < 0)
            return span;
        start = comma + 1;
    }
    qsizetype end = value.indexOf(u',', start);
    if (end < 0)
        end = value.size();
    return TextSpan::between(span.offset + start, span.offset + end);
}

} // namespace poolproof::detail
