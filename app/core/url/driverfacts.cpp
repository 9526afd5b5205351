// Facts from the two grammars that are not libpq's: pgjdbc URLs and Npgsql keyword strings.
#include "urlanalysis_p.h"

#include "masking.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace poolproof::detail {

namespace {

class DriverFactsText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::DriverFacts)
public:
    static QString jdbcPrefix()
    {
        return tr("pgjdbc only takes URLs that start with \"jdbc:postgresql:\" (DriverManager answers \"No suitable "
                  "driver\")");
    }
    static QString jdbcSlash()
    {
        return tr("pgjdbc needs a \"/\" after the host and port (jdbc:postgresql://host:5432/database); without it the "
                  "URL is not recognised (\"No suitable driver\")");
    }
    static QString jdbcSlashes() { return tr("pgjdbc does not accept more than one \"/\" after the host and port"); }
    static QString jdbcUserinfo()
    {
        return tr("pgjdbc URLs have no user:password@ part: pgjdbc takes it as part of the host name. Pass user and "
                  "password as parameters (?user=...&password=...) or as connection properties");
    }
    static QString jdbcUserinfoFix()
    {
        return tr("Move the user name and password into the user and password parameters.");
    }
    static QString npgsqlUnknown(const QString &keyword)
    {
        return tr("Npgsql does not know the keyword \"%1\" and refuses the connection string (Keyword not supported)")
            .arg(keyword);
    }
    static QString npgsqlUnknownFix() { return tr("Remove the keyword or correct its spelling."); }
};

UrlIssue driverIssue(const QString &subject, const QString &message, const TextSpan &span, const QString &fix = {})
{
    UrlIssue issue;
    issue.ruleId = QStringLiteral("PB505");
    issue.subject = subject;
    issue.keyword = subject;
    issue.message = message;
    issue.fix = fix;
    issue.span = span;
    return issue;
}

FactValue fact(const QString &value, const TextSpan &span, const QString &keyword, const PlaceholderText &work)
{
    FactValue result;
    result.value = value;
    result.span = work.originalSpan(span);
    result.keyword = keyword;
    result.present = true;
    result.fromReference = PlaceholderText::isPlaceholder(value);
    return result;
}

// java.net.URLDecoder: "+" is a blank, %XX a byte.
QString urlDecode(QStringView text)
{
    QString plus = text.toString();
    plus.replace(u'+', u' ');
    QString decoded;
    return percentDecode(plus, &decoded) ? decoded : plus;
}

TlsLevel tlsFromMode(const QString &mode)
{
    const QString lower = mode.toLower();
    if (lower == u"disable")
        return TlsLevel::Off;
    if (lower == u"require")
        return TlsLevel::Encrypted;
    if (lower == u"verify-ca" || lower == u"verifyca")
        return TlsLevel::VerifyCa;
    if (lower == u"verify-full" || lower == u"verifyfull")
        return TlsLevel::VerifyFull;
    return TlsLevel::Opportunistic;
}

void setPassword(ConnectionFacts &facts, const QString &clear, const TextSpan &span, const PlaceholderText &work)
{
    facts.passwordSpan = work.originalSpan(span);
    if (clear.isEmpty())
        facts.password = PasswordState::Empty;
    else if (PlaceholderText::isPlaceholder(clear))
        facts.password = PasswordState::Reference;
    else
        facts.password = PasswordState::Literal;
    facts.passwordReference = work.referenceNameIn(clear);
    facts.weakPassword = facts.password == PasswordState::Literal && isWeakPassword(clear);
}

} // namespace

ConnectionFacts factsFromJdbc(QStringView text, Dialect dialect, const PlaceholderText &work,
                              QList<UrlIssue> *driverIssues)
{
    Q_UNUSED(dialect)
    ConnectionFacts facts;
    facts.driverHasConnectTimeout = true; // connectTimeout defaults to 10 seconds
    const qsizetype start = text.indexOf(u':', text.indexOf(u':') + 1) + 1;
    if (!text.trimmed().startsWith(u"jdbc:postgresql:")) {
        driverIssues->append(
            driverIssue(QStringLiteral("scheme"), DriverFactsText::jdbcPrefix(), {0, qMax(qsizetype(0), start)}));
        return facts;
    }
    qsizetype query = text.indexOf(u'?', start);
    if (query < 0)
        query = text.size();
    const QStringView server = text.mid(start, query - start);
    if (server.startsWith(u"//")) {
        const qsizetype authority = start + 2;
        const qsizetype slash = text.indexOf(u'/', authority);
        if (slash < 0 || slash > query) {
            driverIssues->append(driverIssue(QStringLiteral("dbname"), DriverFactsText::jdbcSlash(),
                                             TextSpan::between(authority, query)));
        }
        const qsizetype hostEnd = slash < 0 || slash > query ? query : slash;
        if (slash >= 0 && slash < query) {
            const TextSpan dbSpan = TextSpan::between(slash + 1, query);
            const QString dbname = urlDecode(text.mid(dbSpan.offset, dbSpan.length));
            if (dbname.contains(u'/'))
                driverIssues->append(driverIssue(QStringLiteral("dbname"), DriverFactsText::jdbcSlashes(), dbSpan));
            if (!dbname.isEmpty())
                facts.dbname = fact(dbname, dbSpan, QStringLiteral("dbname"), work);
        }
        qsizetype p = authority;
        while (p <= hostEnd) {
            qsizetype comma = text.indexOf(u',', p);
            if (comma < 0 || comma > hostEnd)
                comma = hostEnd;
            const QStringView address = text.mid(p, comma - p);
            ConnectionEndpoint endpoint;
            const qsizetype colon = address.lastIndexOf(u':');
            if (colon >= 0 && address.lastIndexOf(u']') < colon) {
                endpoint.host = fact(address.left(colon).toString(), {p, colon}, QStringLiteral("host"), work);
                endpoint.port = fact(address.mid(colon + 1).toString(), TextSpan::between(p + colon + 1, comma),
                                     QStringLiteral("port"), work);
            } else {
                endpoint.host = fact(address.toString(), TextSpan::between(p, comma), QStringLiteral("host"), work);
                endpoint.host.present = !address.isEmpty();
            }
            if (endpoint.host.value.contains(u'@')) {
                driverIssues->append(driverIssue(QStringLiteral("user"), DriverFactsText::jdbcUserinfo(),
                                                 TextSpan::between(p, p + address.indexOf(u'@') + 1),
                                                 DriverFactsText::jdbcUserinfoFix()));
            }
            facts.endpoints.append(endpoint);
            p = comma + 1;
        }
    } else {
        // jdbc:postgresql:database, host and port left to their defaults (localhost:5432)
        ConnectionEndpoint endpoint;
        endpoint.host.keyword = QStringLiteral("host");
        facts.endpoints.append(endpoint);
        if (!server.isEmpty() && server != u"/")
            facts.dbname = fact(urlDecode(server), TextSpan::between(start, query), QStringLiteral("dbname"), work);
    }

    qsizetype p = query + 1;
    while (p <= text.size() && query < text.size()) {
        qsizetype amp = text.indexOf(u'&', p);
        if (amp < 0)
            amp = text.size();
        const QStringView token = text.mid(p, amp - p);
        if (!token.isEmpty()) {
            const qsizetype equals = token.indexOf(u'=');
            const QString key = (equals < 0 ? token : token.left(equals)).toString();
            const QString value = equals < 0 ? QString() : urlDecode(token.mid(equals + 1));
            const TextSpan keySpan {p, equals < 0 ? token.size() : equals};
            const TextSpan valueSpan = equals < 0 ? TextSpan {} : TextSpan::between(p + equals + 1, amp);
            ConnectionParameter parameter;
            parameter.name = shownName(key, text, keySpan);
            parameter.value = isSecretKeyword(key) && !value.isEmpty() ? passwordMask.toString() : value;
            parameter.nameSpan = work.originalSpan(keySpan);
            parameter.valueSpan = work.originalSpan(valueSpan);
            parameter.fromReference = PlaceholderText::isPlaceholder(value);
            facts.parameters.append(parameter);
            if (key == u"user")
                facts.user = fact(value, valueSpan, QStringLiteral("user"), work);
            else if (key == u"password")
                setPassword(facts, value, valueSpan, work);
            else if (key == u"connectTimeout")
                facts.connectTimeout = fact(value, valueSpan, QStringLiteral("connect_timeout"), work);
            else if (key == u"ApplicationName")
                facts.applicationName = fact(value, valueSpan, QStringLiteral("application_name"), work);
        }
        p = amp + 1;
    }
    if (const ConnectionParameter *mode = facts.parameter(u"sslmode")) {
        facts.tls = tlsFromMode(mode->value);
        facts.tlsDefaulted = false;
        facts.tlsSetting = FactValue {u"sslmode="_s + mode->value, mode->valueSpan, QStringLiteral("sslmode"), true,
                                      mode->fromReference};
    } else if (const ConnectionParameter *ssl = facts.parameter(u"ssl"); ssl && ssl->value != u"false") {
        // ssl=true alone: encrypted; how far it verifies depends on the pgjdbc version, so
        // PoolProof asks for an explicit sslmode.
        facts.tls = TlsLevel::Encrypted;
        facts.tlsDefaulted = false;
        facts.tlsSetting
            = FactValue {u"ssl="_s + ssl->value, ssl->valueSpan, QStringLiteral("sslmode"), true, ssl->fromReference};
    }
    return facts;
}

ConnectionFacts factsFromNpgsql(QStringView text, const PlaceholderText &work, QList<UrlIssue> *driverIssues)
{
    static const QStringList known {
        u"host"_s,
        u"server"_s,
        u"port"_s,
        u"database"_s,
        u"db"_s,
        u"username"_s,
        u"userid"_s,
        u"user"_s,
        u"password"_s,
        u"psw"_s,
        u"pwd"_s,
        u"passfile"_s,
        u"applicationname"_s,
        u"enlist"_s,
        u"searchpath"_s,
        u"clientencoding"_s,
        u"encoding"_s,
        u"timezone"_s,
        u"sslmode"_s,
        u"trustservercertificate"_s,
        u"sslcertificate"_s,
        u"sslkey"_s,
        u"sslpassword"_s,
        u"rootcertificate"_s,
        u"checkcertificaterevocation"_s,
        u"sslnegotiation"_s,
        u"channelbinding"_s,
        u"integratedsecurity"_s,
        u"kerberosservicename"_s,
        u"krbsrvname"_s,
        u"includerealm"_s,
        u"persistsecurityinfo"_s,
        u"logparameters"_s,
        u"includeerrordetail"_s,
        u"includefailedbatchedcommand"_s,
        u"pooling"_s,
        u"minimumpoolsize"_s,
        u"minpoolsize"_s,
        u"maximumpoolsize"_s,
        u"maxpoolsize"_s,
        u"connectionidlelifetime"_s,
        u"connectionpruninginterval"_s,
        u"connectionlifetime"_s,
        u"loadbalancehosts"_s,
        u"hostrecheckseconds"_s,
        u"targetsessionattributes"_s,
        u"timeout"_s,
        u"commandtimeout"_s,
        u"cancellationtimeout"_s,
        u"keepalive"_s,
        u"tcpkeepalive"_s,
        u"tcpkeepalivetime"_s,
        u"tcpkeepaliveinterval"_s,
        u"readbuffersize"_s,
        u"writebuffersize"_s,
        u"socketreceivebuffersize"_s,
        u"socketsendbuffersize"_s,
        u"maxautoprepare"_s,
        u"autoprepareminusages"_s,
        u"noresetonclose"_s,
        u"options"_s,
        u"arraynullabilitymode"_s,
        u"multiplexing"_s,
        u"writecoalescingbufferthresholdbytes"_s,
        u"loadtablecomposites"_s,
        u"servercompatibilitymode"_s,
        u"internalcommandtimeout"_s,
        u"gssencryptionmode"_s,
        u"requireauth"_s,
        u"sslcert"_s,
        u"sslrootcert"_s,
    };
    ConnectionFacts facts;
    facts.driverHasConnectTimeout = true; // Timeout defaults to 15 seconds
    QString sslMode;
    FactValue sslSetting;
    bool trustServerCertificate = false;
    struct HostEntry {
        FactValue host;
        FactValue port; // a port written in Host= applies to that host only
    };
    QList<HostEntry> hosts;
    FactValue port;
    qsizetype p = 0;
    while (p < text.size()) {
        const qsizetype equals = text.indexOf(u'=', p);
        if (equals < 0)
            break;
        const QStringView rawKey = text.mid(p, equals - p);
        const qsizetype keyLead = rawKey.size() - rawKey.trimmed().size() == 0 ? 0 : rawKey.indexOf(rawKey.trimmed());
        const TextSpan keySpan {p + keyLead, rawKey.trimmed().size()};
        QString key = rawKey.trimmed().toString().toLower();
        key.remove(u' ');
        qsizetype valueStart = equals + 1;
        while (valueStart < text.size() && text[valueStart] == u' ')
            ++valueStart;
        QString value;
        TextSpan valueSpan;
        qsizetype next;
        if (valueStart < text.size() && (text[valueStart] == u'"' || text[valueStart] == u'\'')) {
            const QChar quote = text[valueStart];
            qsizetype q = valueStart + 1;
            while (q < text.size()) {
                if (text[q] == quote) {
                    if (q + 1 < text.size() && text[q + 1] == quote) {
                        value += quote;
                        q += 2;
                        continue;
                    }
                    break;
                }
                value += text[q++];
            }
            valueSpan = TextSpan::between(valueStart + 1, q);
            next = text.indexOf(u';', q);
        } else {
            next = text.indexOf(u';', valueStart);
            const qsizetype end = next < 0 ? text.size() : next;
            value = text.mid(valueStart, end - valueStart).trimmed().toString();
            valueSpan = TextSpan {valueStart, value.size()};
        }
        p = next < 0 ? text.size() : next + 1;
        if (key.isEmpty())
            continue;

        ConnectionParameter parameter;
        parameter.name = shownName(rawKey.trimmed().toString(), text, keySpan);
        parameter.value = isSecretKeyword(key) && !value.isEmpty() ? passwordMask.toString() : value;
        parameter.nameSpan = work.originalSpan(keySpan);
        parameter.valueSpan = work.originalSpan(valueSpan);
        parameter.fromReference = PlaceholderText::isPlaceholder(value);
        facts.parameters.append(parameter);

        if (!known.contains(key)) {
            driverIssues->append(driverIssue(parameter.name, DriverFactsText::npgsqlUnknown(parameter.name), keySpan,
                                             DriverFactsText::npgsqlUnknownFix()));
            continue;
        }
        if (key == u"host" || key == u"server") {
            hosts.clear();
            qsizetype from = 0;
            for (const QString &entry : value.split(u',')) {
                const qsizetype at = value.indexOf(entry, from);
                from = at + entry.size();
                const TextSpan entrySpan {valueSpan.offset + at, entry.size()};
                const qsizetype colon = entry.lastIndexOf(u':');
                HostEntry hostEntry;
                if (colon > 0 && entry.count(u':') == 1) {
                    hostEntry.host
                        = fact(entry.left(colon).trimmed(), {entrySpan.offset, colon}, QStringLiteral("host"), work);
                    hostEntry.port
                        = fact(entry.mid(colon + 1), TextSpan::between(entrySpan.offset + colon + 1, entrySpan.end()),
                               QStringLiteral("port"), work);
                } else {
                    hostEntry.host = fact(entry.trimmed(), entrySpan, QStringLiteral("host"), work);
                }
                hosts.append(hostEntry);
            }
        } else if (key == u"port") {
            port = fact(value, valueSpan, QStringLiteral("port"), work);
        } else if (key == u"database" || key == u"db") {
            facts.dbname = fact(value, valueSpan, QStringLiteral("dbname"), work);
        } else if (key == u"username" || key == u"userid" || key == u"user") {
            facts.user = fact(value, valueSpan, QStringLiteral("user"), work);
        } else if (key == u"password" || key == u"psw" || key == u"pwd") {
            setPassword(facts, value, valueSpan, work);
        } else if (key == u"sslmode") {
            sslMode = value;
            sslSetting = FactValue {parameter.name + u'=' + value, parameter.valueSpan, QStringLiteral("sslmode"), true,
                                    parameter.fromReference};
        } else if (key == u"trustservercertificate") {
            trustServerCertificate = value.compare(u"true", Qt::CaseInsensitive) == 0;
        } else if (key == u"timeout") {
            facts.connectTimeout = fact(value, valueSpan, QStringLiteral("connect_timeout"), work);
        } else if (key == u"applicationname") {
            facts.applicationName = fact(value, valueSpan, QStringLiteral("application_name"), work);
        }
    }
    for (const HostEntry &entry : std::as_const(hosts)) {
        ConnectionEndpoint endpoint;
        endpoint.host = entry.host;
        endpoint.port = entry.port.present ? entry.port : port;
        facts.endpoints.append(endpoint);
    }
    if (facts.endpoints.isEmpty()) {
        ConnectionEndpoint endpoint;
        endpoint.host.keyword = QStringLiteral("host");
        endpoint.port = port;
        facts.endpoints.append(endpoint);
    }
    if (!sslMode.isEmpty()) {
        facts.tls = tlsFromMode(sslMode);
        facts.tlsDefaulted = false;
        facts.tlsSetting = sslSetting;
    }
    // Trust Server Certificate=true skips every certificate check.
    if (trustServerCertificate && facts.tls > TlsLevel::Encrypted)
        facts.tls = TlsLevel::Encrypted;
    return facts;
}

} // namespace poolproof::detail
