#include "connectionplan.h"

#include "url/masking.h"
#include "url/urlanalysis.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class LiveText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

QString sslmodeFor(TlsLevel level)
{
    switch (level) {
    case TlsLevel::Off: return u"disable"_s;
    case TlsLevel::Opportunistic: return u"prefer"_s;
    case TlsLevel::Encrypted: return u"require"_s;
    case TlsLevel::VerifyCa: return u"verify-ca"_s;
    case TlsLevel::VerifyFull: return u"verify-full"_s;
    }
    return u"prefer"_s;
}

bool sslmodeRequiresTls(QStringView mode)
{
    return mode == u"require" || mode == u"verify-ca" || mode == u"verify-full";
}

// Keywords the check sets itself, or that only make sense to the application.
bool planOwnsKeyword(QStringView keyword)
{
    return keyword == u"password" || keyword == u"connect_timeout";
}

} // namespace

LiveFailure classifyConnectionError(const QString &message, bool *reachable)
{
    *reachable = true;
    if (message.contains(u"server does not support SSL"_s) || message.contains(u"SSL was required"_s))
        return LiveFailure::TlsNotOffered;
    if (message.contains(u"password authentication failed"_s) || message.contains(u"no password supplied"_s)
        || message.contains(u"SCRAM authentication"_s) || message.contains(u"authentication failed"_s)
        || message.contains(u"not allowed"_s) || message.contains(u"no such user"_s))
        return LiveFailure::Authentication;
    *reachable = false;
    if (message.contains(u"timeout expired"_s))
        return LiveFailure::Timeout;
    if (message.contains(u"Connection refused"_s))
        return LiveFailure::Refused;
    if (message.contains(u"could not translate host name"_s))
        return LiveFailure::HostUnknown;
    // Anything the server itself said (FATAL, ERROR) means something answered.
    *reachable = message.contains(u"FATAL"_s) || message.contains(u"ERROR"_s);
    return LiveFailure::Other;
}

QString ConnectionPlan::value(QStringView keyword) const
{
    for (const ConnectionOption &option : options) {
        if (option.keyword == keyword)
            return option.value;
    }
    return {};
}

void ConnectionPlan::set(const QString &keyword, const QString &value)
{
    for (ConnectionOption &option : options) {
        if (option.keyword == keyword) {
            option.value = value;
            return;
        }
    }
    options.append({keyword, value});
}

ConnectionPlan planConnection(const QString &url, const QString &passwordOverride, int timeoutSeconds)
{
    ConnectionPlan plan;
    const UrlAnalysis analysis = UrlAnalysis::analyze(url);
    plan.maskedUrl = analysis.masked();
    if (url.trimmed().isEmpty()) {
        plan.error = LiveText::tr("no connection string given");
        return plan;
    }
    if (analysis.isWholeReference()) {
        plan.error
            = LiveText::tr("the connection string is only a reference (%1): pass the value itself").arg(plan.maskedUrl);
        return plan;
    }
    if (!analysis.isReadable()) {
        plan.error = LiveText::tr("the connection string cannot be read: %1").arg(analysis.driverMessage());
        return plan;
    }
    // The check connects only with what the application's own driver would accept.
    if (analysis.dialect() == Dialect::Libpq && !analysis.libpqAccepts()) {
        plan.error = LiveText::tr("libpq rejects the connection string: %1").arg(analysis.libpqMessage());
        return plan;
    }
    if (analysis.dialect() != Dialect::Libpq && !analysis.driverAccepts()) {
        plan.error = LiveText::tr("%1 rejects the connection string: %2")
                         .arg(dialectName(analysis.dialect()), analysis.driverMessage());
        return plan;
    }
    const ConnectionFacts &facts = analysis.facts();
    const auto unresolved = [](const FactValue &value) { return value.present && value.fromReference; };
    bool references = unresolved(facts.dbname) || unresolved(facts.user);
    for (const ConnectionEndpoint &endpoint : facts.endpoints)
        references = references || unresolved(endpoint.host) || unresolved(endpoint.port);
    if (references) {
        plan.error = LiveText::tr("the connection string holds references that only the application expands (%1): "
                                  "pass the expanded value")
                         .arg(plan.maskedUrl);
        return plan;
    }

    const ConnectionString &view = analysis.libpqView();
    if (view.isAccepted() && analysis.dialect() == Dialect::Libpq) {
        // libpq reads the string itself: every keyword as libpq parsed it.
        for (const ConnectionOption &option : view.options()) {
            if (!planOwnsKeyword(option.keyword))
                plan.options.append({option.keyword, view.revealedValue(option.keyword)});
        }
        if (facts.password == PasswordState::Literal)
            plan.password = view.revealedValue(u"password");
    } else {
        // Another driver reads it: what it means, in libpq's words.
        QStringList hosts;
        QStringList ports;
        for (const ConnectionEndpoint &endpoint : facts.endpoints) {
            hosts << endpoint.host.value;
            ports << endpoint.port.value;
        }
        if (!hosts.join(QString()).isEmpty())
            plan.set(u"host"_s, hosts.join(u','));
        if (!ports.join(QString()).isEmpty())
            plan.set(u"port"_s, ports.join(u','));
        if (facts.dbname.present)
            plan.set(u"dbname"_s, facts.dbname.value);
        if (facts.user.present)
            plan.set(u"user"_s, facts.user.value);
        if (!facts.tlsDefaulted)
            plan.set(u"sslmode"_s, sslmodeFor(facts.tls));
        if (facts.applicationName.present)
            plan.set(u"application_name"_s, facts.applicationName.value);
        if (facts.password == PasswordState::Literal && facts.passwordSpan.isValid()) {
            const QString raw
                = analysis.revealedForConnection().mid(facts.passwordSpan.offset, facts.passwordSpan.length);
            plan.password = analysis.dialect() == Dialect::Npgsql ? raw : QUrl::fromPercentEncoding(raw.toUtf8());
        }
        plan.notes << LiveText::tr("read as %1 reads it; connected with Qt's PostgreSQL driver")
                          .arg(dialectName(analysis.dialect()));
    }
    if (!passwordOverride.isEmpty())
        plan.password = passwordOverride;

    // TLS the URL requires is required here too, whatever keyword said so.
    plan.tlsRequired = facts.tls >= TlsLevel::Encrypted || sslmodeRequiresTls(plan.value(u"sslmode"));
    if (plan.tlsRequired && !sslmodeRequiresTls(plan.value(u"sslmode")))
        plan.set(u"sslmode"_s, sslmodeFor(facts.tls));
    // libpq treats timeouts below 2 s as 2 s.
    plan.set(u"connect_timeout"_s, QString::number(std::max(2, timeoutSeconds)));

    QStringList hosts = view.isAccepted() && analysis.dialect() == Dialect::Libpq ? view.hosts() : QStringList();
    plan.host = hosts.isEmpty() ? plan.value(u"host") : hosts.join(u',');
    if (plan.host.isEmpty())
        plan.host = plan.value(u"hostaddr");
    plan.port = plan.value(u"port").isEmpty() ? u"5432"_s : plan.value(u"port");
    plan.database = plan.value(u"dbname");
    plan.user = plan.value(u"user");
    if (plan.database.isEmpty())
        plan.database = plan.user;
    return plan;
}

} // namespace poolproof
