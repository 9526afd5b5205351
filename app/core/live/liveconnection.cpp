#include "liveconnection.h"

#include "statementwatchdog.h"

#include "url/masking.h"
#include "url/urlanalysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUrl>

#include <libpq-fe.h>

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
        plan.notes << LiveText::tr("read as %1 reads it; connected with libpq").arg(dialectName(analysis.dialect()));
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

LiveConnection::LiveConnection(const ConnectionPlan &plan, const std::atomic<bool> *cancel)
    : m_plan(plan)
    , m_cancel(cancel)
{
    m_timeoutSeconds = std::max(2, plan.value(u"connect_timeout").toInt());
}

LiveConnection::~LiveConnection()
{
    close();
}

void LiveConnection::close()
{
    if (m_connection)
        PQfinish(static_cast<PGconn *>(m_connection));
    m_connection = nullptr;
}

bool LiveConnection::isOpen() const
{
    return m_connection != nullptr;
}

QString LiveConnection::scrubbed(const QString &message) const
{
    QString text = message.trimmed();
    if (!m_plan.password.isEmpty())
        text.replace(m_plan.password, QString(passwordMask));
    return text;
}

bool LiveConnection::open()
{
    close();
    if (m_cancel && m_cancel->load()) {
        m_failure = LiveFailure::Cancelled;
        m_error = LiveText::tr("cancelled");
        return false;
    }
    // Keywords and values as arrays: nothing is quoted or re-parsed on the way to libpq.
    QList<QByteArray> keywords;
    QList<QByteArray> values;
    for (const ConnectionOption &option : std::as_const(m_plan.options)) {
        keywords << option.keyword.toUtf8();
        values << option.value.toUtf8();
    }
    if (!m_plan.password.isEmpty()) {
        keywords << QByteArrayLiteral("password");
        values << m_plan.password.toUtf8();
    }
    std::vector<const char *> keywordPointers;
    std::vector<const char *> valuePointers;
    for (qsizetype i = 0; i < keywords.size(); ++i) {
        keywordPointers.push_back(keywords.at(i).constData());
        valuePointers.push_back(values.at(i).constData());
    }
    keywordPointers.push_back(nullptr);
    valuePointers.push_back(nullptr);

    QElapsedTimer timer;
    timer.start();
    PGconn *connection = PQconnectdbParams(keywordPointers.data(), valuePointers.data(), 0);
    m_openMs = double(timer.nsecsElapsed()) / 1e6;
    if (PQstatus(connection) != CONNECTION_OK) {
        const QString message = scrubbed(QString::fromUtf8(PQerrorMessage(connection)));
        PQfinish(connection);
        m_failure = classifyConnectionError(message, &m_reachable);
        m_error = message;
        return false;
    }
    // Notices (PgBouncer's "SET ignored" and the like) are not the check's output.
    PQsetNoticeProcessor(connection, [](void *, const char *) { }, nullptr);
    m_connection = connection;
    m_reachable = true;
    if (m_plan.tlsRequired && !tlsInUse()) {
        // libpq never lets this happen with sslmode=require or stricter; checked all the same.
        m_failure = LiveFailure::TlsNotOffered;
        m_error = LiveText::tr("the connection string requires TLS and the connection is not encrypted");
        close();
        return false;
    }
    m_failure = LiveFailure::None;
    return true;
}

bool LiveConnection::tlsInUse() const
{
    return m_connection && PQsslInUse(static_cast<PGconn *>(m_connection)) == 1;
}

QString LiveConnection::tlsAttribute(const char *name) const
{
    if (!tlsInUse())
        return {};
    return QString::fromUtf8(PQsslAttribute(static_cast<PGconn *>(m_connection), name));
}

QString LiveConnection::parameterStatus(const char *name) const
{
    return m_connection ? QString::fromUtf8(PQparameterStatus(static_cast<PGconn *>(m_connection), name)) : QString();
}

std::optional<QList<PoolerRow>> LiveConnection::query(const QString &sql, QString *error)
{
    if (!isOpen()) {
        *error = LiveText::tr("not connected");
        return std::nullopt;
    }
    StatementWatchdog watchdog(m_connection, m_timeoutSeconds * 1000, m_cancel);
    // PQexec: the simple query protocol, no statement is prepared.
    PGresult *result = PQexec(static_cast<PGconn *>(m_connection), sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        if (watchdog.fired()) {
            *error = m_cancel && m_cancel->load()
                ? LiveText::tr("cancelled")
                : LiveText::tr("no answer within %n second(s)", nullptr, m_timeoutSeconds);
        } else {
            *error = scrubbed(QString::fromUtf8(PQresultErrorMessage(result)));
        }
        PQclear(result);
        return std::nullopt;
    }
    QList<PoolerRow> rows;
    const int columns = PQnfields(result);
    for (int row = 0; row < PQntuples(result); ++row) {
        PoolerRow values;
        for (int column = 0; column < columns; ++column)
            values.insert(QString::fromUtf8(PQfname(result, column)),
                          QString::fromUtf8(PQgetvalue(result, row, column)));
        rows.append(values);
    }
    PQclear(result);
    return rows;
}

std::optional<QString> LiveConnection::scalar(const QString &sql, QString *error)
{
    const std::optional<QList<PoolerRow>> rows = query(sql, error);
    if (!rows)
        return std::nullopt;
    if (rows->isEmpty() || rows->first().isEmpty()) {
        *error = LiveText::tr("no result");
        return std::nullopt;
    }
    // A single-column result: its one value.
    return rows->first().first();
}

} // namespace poolproof
