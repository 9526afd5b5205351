// PB501 and PB503: why libpq rejects a string, in plain words, pointing at the part at fault.
// The diagnosis repeats libpq's own walk over the string (so it also works when libpq's messages
// are translated); libpq's message itself is quoted as it is.
#include "urlanalysis_p.h"

#include "connectionstring.h"
#include "masking.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace poolproof::detail {

namespace {

class LibpqExplainText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LibpqExplain)
public:
    static QString rejects(const QString &why, const QString &libpq)
    {
        return libpq.isEmpty() ? tr("libpq rejects this string: %1").arg(why)
                               : tr("libpq rejects this string: %1 (libpq: %2)").arg(why, libpq);
    }
    static QString unterminatedBracket() { return tr("the IPv6 address opened with \"[\" has no closing \"]\""); }
    static QString emptyBracket() { return tr("the brackets \"[]\" hold no IPv6 address"); }
    static QString afterBracket(QChar c)
    {
        return tr("\"%1\" follows the IPv6 address; only \":port\", \"/\", \"?\" or \",\" may follow \"]\"").arg(c);
    }
    static QString missingSeparator(const QString &key)
    {
        return key.isEmpty() ? tr("the parameter list has an empty entry (\"&&\", or \"&\" right after \"?\")")
                             : tr("the parameter \"%1\" has no \"=\" and no value").arg(key);
    }
    static QString extraSeparator(const QString &key)
    {
        return tr("the value of \"%1\" contains a raw \"=\"; write it as %3D").arg(key);
    }
    static QString badPercent(const QString &token)
    {
        return tr("\"%1\" is not a valid percent-escape: \"%\" must be followed by two hex digits; write a literal "
                  "\"%\" as %25")
            .arg(token);
    }
    static QString nulByte() { return tr("%00 (a NUL byte) is not allowed anywhere in the string"); }
    static QString unknownParameter(const QString &key) { return tr("libpq has no parameter \"%1\"").arg(key); }
    static QString unknownKeyword(const QString &key) { return tr("libpq has no keyword \"%1\"").arg(key); }
    static QString belongsTo(const QString &driver) { return tr("it is a %1 parameter").arg(driver); }
    static QString newerLibpq(int since, int linked)
    {
        return tr("libpq has it from version %1 on; PoolProof is linked with libpq %2").arg(since).arg(linked);
    }
    static QString sslFalse()
    {
        return tr("libpq only understands ssl=true (as sslmode=require); use sslmode=disable instead");
    }
    static QString missingEquals(const QString &word)
    {
        return tr("the word \"%1\" is not followed by \"=\"").arg(word);
    }
    static QString unterminatedQuote() { return tr("a value opened with \"'\" is never closed"); }
    static QString wrongScheme(const QString &scheme)
    {
        return tr("libpq reads a URI only when it starts with \"postgresql://\" or \"postgres://\" (lower case); "
                  "this string starts with \"%1\", so libpq reads it as keyword=value pairs")
            .arg(scheme);
    }
    static QString generic() { return tr("the string does not follow libpq's connection string syntax"); }

    static QString hostCount() { return tr("host and hostaddr list different numbers of entries"); }
    static QString portCount() { return tr("give one port for all hosts, or exactly one port per host"); }
    static QString portNotNumber(const QString &port) { return tr("the port \"%1\" is not a number").arg(port); }
    static QString portRange(const QString &port) { return tr("the port %1 is outside 1-65535").arg(port); }
    static QString notInteger(const QString &keyword) { return tr("%1 must be a whole number").arg(keyword); }
    static QString oneOf(const QString &keyword, const QString &values)
    {
        return tr("%1 must be one of: %2").arg(keyword, values);
    }
    static QString weakWithDirect()
    {
        return tr("sslnegotiation=direct needs sslmode require, verify-ca or verify-full");
    }
    static QString weakWithSystem() { return tr("sslrootcert=system needs sslmode=verify-full"); }
    static QString tlsRange()
    {
        return tr("ssl_max_protocol_version is lower than ssl_min_protocol_version (default TLSv1.2)");
    }
    static QString requireAuth()
    {
        return tr("require_auth takes a comma list of password, md5, gss, sspi, scram-sha-256 and none, "
                  "either all negated with \"!\" or none negated, each method once");
    }
    static QString replication() { return tr("replication must be true, on, yes, 1, database, false, off, no or 0"); }

    static QString versionKeyword(int target, const QString &keyword, int since)
    {
        return tr("libpq %1 does not know \"%2\" and rejects the whole string; the keyword needs libpq %3 or later")
            .arg(target)
            .arg(keyword)
            .arg(since);
    }
    static QString versionValue(int target, const QString &keyword, const QString &value, int since)
    {
        return tr("libpq %1 does not accept %2=%3; that value needs libpq %4 or later")
            .arg(target)
            .arg(keyword, value)
            .arg(since);
    }
    static QString versionSystem(int target)
    {
        return tr("libpq %1 reads sslrootcert=system as a file named \"system\"; the system certificate store needs "
                  "libpq 16 or later")
            .arg(target);
    }
    static QString versionFix(int since)
    {
        return tr("Upgrade the client's libpq to %1 or later, or drop the setting.").arg(since);
    }
};

// Parameters of other drivers, to say whose parameter libpq tripped over.
QString ownerOf(const QString &key)
{
    static const QList<std::pair<Dialect, QStringList>> owners {
        {Dialect::Prisma,
         {u"pgbouncer"_s, u"connection_limit"_s, u"pool_timeout"_s, u"schema"_s, u"sslaccept"_s, u"sslidentity"_s,
          u"socket_timeout"_s, u"statement_cache_size"_s}},
        {Dialect::Pgx,
         {u"pool_max_conns"_s, u"pool_min_conns"_s, u"pool_min_idle_conns"_s, u"pool_max_conn_lifetime"_s,
          u"pool_max_conn_idle_time"_s, u"pool_health_check_period"_s, u"pool_max_conn_lifetime_jitter"_s,
          u"default_query_exec_mode"_s, u"statement_cache_capacity"_s, u"description_cache_capacity"_s}},
        {Dialect::Jdbc,
         {u"prepareThreshold"_s, u"preferQueryMode"_s, u"ApplicationName"_s, u"currentSchema"_s, u"connectTimeout"_s,
          u"socketTimeout"_s, u"targetServerType"_s, u"loadBalanceHosts"_s}},
        {Dialect::SqlAlchemyAsyncpg, {u"prepared_statement_cache_size"_s}},
        {Dialect::PostgresJs, {u"prepare"_s, u"fetch_types"_s, u"idle_timeout"_s, u"max_lifetime"_s}},
        {Dialect::LibPqGo, {u"binary_parameters"_s}},
        {Dialect::NodePostgres, {u"uselibpqcompat"_s}},
    };
    for (const auto &[dialect, keys] : owners) {
        if (keys.contains(key))
            return dialectName(dialect);
    }
    return {};
}

bool isKnownToLinkedLibpq(const QString &key)
{
    return ConnectionString::libpqKnownKeywords().contains(key) || key == u"requiressl";
}

UrlIssue issue(const QString &subject, const QString &why, const QString &libpq, const TextSpan &span)
{
    UrlIssue result;
    result.ruleId = QStringLiteral("PB501");
    result.subject = subject;
    result.keyword = subject;
    result.message = LibpqExplainText::rejects(why, libpq);
    result.span = span;
    return result;
}

QString unknownWhy(const QString &key, bool inUri, int linked)
{
    QString why = inUri ? LibpqExplainText::unknownParameter(key) : LibpqExplainText::unknownKeyword(key);
    const int since = libpqKeywordSince(key);
    if (since > linked)
        why += u"; "_s + LibpqExplainText::newerLibpq(since, linked);
    else if (key == u"ssl")
        why += u"; "_s + LibpqExplainText::sslFalse();
    else if (const QString owner = ownerOf(key); !owner.isEmpty())
        why += u"; "_s + LibpqExplainText::belongsTo(owner);
    return why;
}

// The first malformed percent-escape in a component, as libpq finds it.
bool badEscape(QStringView text, const TextSpan &span, TextSpan *where, QString *why)
{
    if (!span.isValid())
        return false;
    qsizetype bad = -1;
    if (percentDecode(text.mid(span.offset, span.length), nullptr, &bad))
        return false;
    const qsizetype at = span.offset + bad;
    const QStringView token = text.mid(at, 3);
    *where = TextSpan {at, qMin(qsizetype(3), span.end() - at)};
    *why = token.startsWith(u"%00") ? LibpqExplainText::nulByte()
                                    : LibpqExplainText::badPercent(maskedExcerpt(text, *where));
    return true;
}

UrlIssue explainUri(QStringView text, const QString &libpq, int linked)
{
    const UriLayout layout = layoutUri(text);
    TextSpan where;
    QString why;
    // libpq's order: user and password are decoded before the hosts are even scanned.
    if (badEscape(text, layout.user, &where, &why))
        return issue(QStringLiteral("user"), why, libpq, where);
    if (badEscape(text, layout.password, &where, &why))
        return issue(QStringLiteral("password"), why, libpq, where);
    switch (layout.error) {
    case LayoutError::UnterminatedBracket:
        return issue(QStringLiteral("host"), LibpqExplainText::unterminatedBracket(), libpq, {layout.errorAt, 1});
    case LayoutError::EmptyBracket:
        return issue(QStringLiteral("host"), LibpqExplainText::emptyBracket(), libpq, {layout.errorAt, 2});
    case LayoutError::UnexpectedAfterBracket:
        return issue(QStringLiteral("host"), LibpqExplainText::afterBracket(text[layout.errorAt]), libpq,
                     {layout.errorAt, 1});
    default: break;
    }
    for (const UriHost &host : layout.hosts) {
        if (badEscape(text, host.host, &where, &why))
            return issue(QStringLiteral("host"), why, libpq, where);
    }
    for (const UriHost &host : layout.hosts) {
        if (badEscape(text, host.port, &where, &why))
            return issue(QStringLiteral("port"), why, libpq, where);
    }
    if (badEscape(text, layout.dbname, &where, &why))
        return issue(QStringLiteral("dbname"), why, libpq, where);
    for (qsizetype i = 0; i < layout.params.size(); ++i) {
        const UriParam &param = layout.params.at(i);
        const bool last = i == layout.params.size() - 1;
        QString key;
        percentDecode(text.mid(param.key.offset, param.key.length), &key);
        // A parameter name can be a piece of a password whose "/" ended the host part early.
        const QString shownKey = maskedExcerpt(text, param.key) == text.mid(param.key.offset, param.key.length)
            ? key
            : maskedExcerpt(text, param.key);
        if (last && layout.error == LayoutError::MissingSeparator)
            return issue(shownKey, LibpqExplainText::missingSeparator(maskedExcerpt(text, param.key)), libpq,
                         param.whole.length > 0 ? param.whole : TextSpan {param.whole.offset - 1, 1});
        if (last && layout.error == LayoutError::ExtraSeparator)
            return issue(shownKey, LibpqExplainText::extraSeparator(maskedExcerpt(text, param.key)), libpq,
                         {layout.errorAt, 1});
        if (badEscape(text, param.key, &where, &why) || badEscape(text, param.value, &where, &why))
            return issue(shownKey, why, libpq, where);
        QString value;
        percentDecode(text.mid(param.value.offset, param.value.length), &value);
        if (key == u"ssl" && value == u"true")
            continue;
        if (!isKnownToLinkedLibpq(key))
            return issue(shownKey, unknownWhy(shownKey, true, linked), libpq, param.key);
    }
    return issue(QString(), LibpqExplainText::generic(), libpq, {});
}

UrlIssue explainKeywordValue(QStringView text, const QString &libpq, int linked)
{
    // A URI with a scheme libpq does not take is read as keyword/value pairs and fails there.
    static const QRegularExpression scheme(u"^\\s*([A-Za-z][A-Za-z0-9+.\\-]*:(?://|[A-Za-z]+:(?://)?)?)"_s);
    const QRegularExpressionMatch match = scheme.matchView(text);
    if (match.hasMatch() && (match.captured(1).endsWith(u"//") || match.captured(1).count(u':') > 1)) {
        return issue(QStringLiteral("scheme"), LibpqExplainText::wrongScheme(match.captured(1)), libpq,
                     TextSpan::between(match.capturedStart(1), match.capturedEnd(1)));
    }
    const KeywordValueLayout layout = layoutKeywordValue(text);
    for (qsizetype i = 0; i < layout.pairs.size(); ++i) {
        const KeywordValuePair &pair = layout.pairs.at(i);
        const QString keyword = maskedExcerpt(text, pair.keyword);
        const bool last = i == layout.pairs.size() - 1;
        if (last && layout.error == LayoutError::MissingEquals)
            return issue(keyword, LibpqExplainText::missingEquals(keyword), libpq, pair.keyword);
        if (last && layout.error == LayoutError::UnterminatedQuote)
            return issue(keyword, LibpqExplainText::unterminatedQuote(), libpq, {layout.errorAt, 1});
        if (!isKnownToLinkedLibpq(keyword))
            return issue(keyword, unknownWhy(keyword, false, linked), libpq, pair.keyword);
    }
    return issue(QString(), LibpqExplainText::generic(), libpq, {});
}

} // namespace

UrlIssue explainParseError(QStringView text, const QString &libpqMessage, int linkedMajor, int targetMajor)
{
    Q_UNUSED(targetMajor)
    if (text.contains(QChar(0)))
        return issue(QString(), libpqMessage, QString(), {text.indexOf(QChar(0)), 1});
    if (uriPrefixLength(text) > 0)
        return explainUri(text, libpqMessage, linkedMajor);
    return explainKeywordValue(text, libpqMessage, linkedMajor);
}

UrlIssue explainConnectFailure(QStringView text, const LibpqCheckFailure &failure, const QString &maskedMessage)
{
    const bool uri = uriPrefixLength(text) > 0;
    const UriLayout layout = uri ? layoutUri(text) : UriLayout();
    const KeywordValueLayout pairs = uri ? KeywordValueLayout() : layoutKeywordValue(text);
    const auto span = [&](const QString &keyword, int element) {
        return uri ? uriValueSpan(text, layout, keyword, element) : keywordValueSpan(text, pairs, keyword, element);
    };
    const QString &keyword = failure.keyword;
    TextSpan where = span(keyword, failure.element);
    QString why;
    const bool invalidInteger = failure.message.startsWith(u"invalid integer value");
    if (keyword == u"host") {
        why = LibpqExplainText::hostCount();
    } else if (keyword == u"port") {
        if (failure.element < 0) {
            why = LibpqExplainText::portCount();
        } else {
            const QString port = maskedExcerpt(text, where);
            why = invalidInteger ? LibpqExplainText::portNotNumber(port) : LibpqExplainText::portRange(port);
        }
    } else if (invalidInteger) {
        why = LibpqExplainText::notInteger(keyword);
    } else if (keyword == u"require_auth") {
        why = LibpqExplainText::requireAuth();
    } else if (keyword == u"sslnegotiation" && failure.message.startsWith(u"weak")) {
        why = LibpqExplainText::weakWithDirect();
    } else if (keyword == u"sslrootcert") {
        why = LibpqExplainText::weakWithSystem();
        where = span(QStringLiteral("sslmode"), -1).isValid() ? span(QStringLiteral("sslmode"), -1) : where;
    } else if (failure.message == u"invalid SSL protocol version range") {
        why = LibpqExplainText::tlsRange();
    } else if (keyword == u"replication") {
        why = LibpqExplainText::replication();
    } else {
        static const QList<std::pair<QString, QString>> values {
            {u"sslmode"_s, u"disable, allow, prefer, require, verify-ca, verify-full"_s},
            {u"channel_binding"_s, u"disable, prefer, require"_s},
            {u"gssencmode"_s, u"disable, prefer, require"_s},
            {u"sslcertmode"_s, u"disable, allow, require"_s},
            {u"sslnegotiation"_s, u"postgres, direct"_s},
            {u"target_session_attrs"_s, u"any, read-write, read-only, primary, standby, prefer-standby"_s},
            {u"load_balance_hosts"_s, u"disable, random"_s},
            {u"ssl_min_protocol_version"_s, u"TLSv1, TLSv1.1, TLSv1.2, TLSv1.3"_s},
            {u"ssl_max_protocol_version"_s, u"TLSv1, TLSv1.1, TLSv1.2, TLSv1.3"_s},
        };
        for (const auto &[name, list] : values) {
            if (name == keyword)
                why = LibpqExplainText::oneOf(keyword, list);
        }
        if (why.isEmpty())
            why = LibpqExplainText::generic();
    }
    return issue(keyword, why, maskedMessage, where);
}

namespace {

// keyword, value and keyword span of every setting, in the order libpq reads them.
QList<std::tuple<QString, QString, TextSpan>> settingsOf(QStringView text)
{
    QList<std::tuple<QString, QString, TextSpan>> settings;
    if (uriPrefixLength(text) > 0) {
        const UriLayout layout = layoutUri(text);
        for (const RawParameter &parameter : uriParameters(text, layout))
            settings.append({parameter.key, parameter.value, parameter.keySpan});
    } else {
        const KeywordValueLayout layout = layoutKeywordValue(text);
        for (const KeywordValuePair &pair : layout.pairs) {
            if (pair.value.isValid()) {
                settings.append({text.mid(pair.keyword.offset, pair.keyword.length).toString(),
                                 text.mid(pair.value.offset, pair.value.length).toString(), pair.keyword});
            }
        }
    }
    return settings;
}

} // namespace

QString targetLibpqMessage(QStringView text, int targetMajor)
{
    const bool uri = uriPrefixLength(text) > 0;
    for (const auto &[keyword, value, span] : settingsOf(text)) {
        Q_UNUSED(span)
        if (libpqKeywordSince(keyword) > targetMajor)
            return uri ? u"invalid URI query parameter: \""_s + keyword + u'"'
                       : u"invalid connection option \""_s + keyword + u'"';
        if (keyword != u"sslrootcert" && libpqValueSince(keyword, value) > targetMajor)
            return u"invalid "_s + keyword + u" value: \""_s + value + u'"';
    }
    return {};
}

QList<UrlIssue> checkLibpqVersion(QStringView text, int targetMajor)
{
    QList<UrlIssue> issues;
    for (const auto &[keyword, value, span] : settingsOf(text)) {
        UrlIssue found;
        found.ruleId = QStringLiteral("PB503");
        found.subject = keyword;
        found.keyword = keyword;
        found.span = span;
        const int since = libpqKeywordSince(keyword);
        const int valueSince = libpqValueSince(keyword, value);
        if (since > targetMajor) {
            found.message = LibpqExplainText::versionKeyword(targetMajor, keyword, since);
            found.fix = LibpqExplainText::versionFix(since);
        } else if (valueSince > targetMajor) {
            found.message = keyword == u"sslrootcert"
                ? LibpqExplainText::versionSystem(targetMajor)
                : LibpqExplainText::versionValue(targetMajor, keyword, value, valueSince);
            found.fix = LibpqExplainText::versionFix(valueSince);
            if (keyword == u"sslrootcert")
                found.cap = Severity::Warning;
        } else {
            continue;
        }
        issues.append(found);
    }
    return issues;
}

} // namespace poolproof::detail
