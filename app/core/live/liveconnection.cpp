#include "liveconnection.h"

#include "statementwatchdog.h"

#include "url/masking.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class LiveText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

// A value in a libpq connection-info string: single-quoted, backslash and quote escaped.
QString conninfoQuoted(QString value)
{
    value.replace(u'\\', u"\\\\"_s);
    value.replace(u'\'', u"\\'"_s);
    return u'\'' + value + u'\'';
}

// Every Qt Sql connection needs a name of its own, also across threads.
QString nextDatabaseName()
{
    static std::atomic<int> counter {0};
    return u"poolproof-live-"_s + QString::number(++counter);
}

// The settings QPSQL changes when it opens, and the value it gives each. One statement reads
// them and puts back, where the driver's value is in place of the server's default, the
// default: the materialised CTE reads before set_config writes.
QString restoreDriverSettingsSql()
{
    return u"WITH driver(name, value) AS (VALUES ('bytea_output', 'escape'), ('timezone', 'UTC'), "
           "('datestyle', 'ISO')), "
           "seen AS MATERIALIZED (SELECT s.name, s.setting, s.reset_val, s.setting <> s.reset_val "
           "AND split_part(s.setting, ',', 1) = d.value AS changed FROM pg_settings s JOIN driver d "
           "ON lower(s.name) = d.name) "
           "SELECT name, setting, reset_val, CASE WHEN changed THEN set_config(name, reset_val, false) END "
           "AS restored FROM seen"_s;
}

} // namespace

LiveConnection::LiveConnection(const ConnectionPlan &plan, LiveChannel channel, const std::atomic<bool> *cancel)
    : m_plan(plan)
    , m_channel(channel)
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
    if (!m_databaseName.isEmpty()) {
        {
            QSqlDatabase database = QSqlDatabase::database(m_databaseName, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_databaseName);
        m_databaseName.clear();
    } else if (m_connection) {
        PQfinish(static_cast<PGconn *>(m_connection));
    }
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

bool LiveConnection::fail(LiveFailure failure, const QString &message)
{
    close();
    m_failure = failure;
    m_error = message;
    return false;
}

bool LiveConnection::open()
{
    close();
    m_restored.clear();
    m_leftBehind.clear();
    if (m_cancel && m_cancel->load())
        return fail(LiveFailure::Cancelled, LiveText::tr("cancelled"));
    if (!(m_channel == LiveChannel::QtSql ? openThroughQtSql() : openWithLibpq()))
        return false;
    m_reachable = true;
    if (m_plan.tlsRequired && !tlsInUse()) {
        // libpq never lets this happen with sslmode=require or stricter; checked all the same.
        return fail(LiveFailure::TlsNotOffered,
                    LiveText::tr("the connection string requires TLS and the connection is not encrypted"));
    }
    if (m_channel == LiveChannel::QtSql)
        restoreDriverSettings();
    m_failure = LiveFailure::None;
    return true;
}

bool LiveConnection::probe()
{
    LiveConnection probe(m_plan, LiveChannel::Libpq, m_cancel);
    if (!probe.open()) {
        m_reachable = probe.reachable();
        return fail(probe.failure(), probe.error());
    }
    QString error;
    if (!probe.scalar(u"SELECT 1"_s, &error)) {
        m_reachable = true;
        if (!probe.statementTimedOut())
            return fail(LiveFailure::Other, error);
        const bool cancelled = m_cancel && m_cancel->load();
        return fail(cancelled ? LiveFailure::Cancelled : LiveFailure::Timeout,
                    LiveText::tr("logged in, but no server connection answered: %1").arg(error));
    }
    return true;
}

bool LiveConnection::openThroughQtSql()
{
    if (!probe())
        return false;
    // QPSQL takes the keywords as one connection-info string in which it turns every ';' into a
    // space, so a value holding one cannot reach libpq intact.
    QStringList keywords;
    for (const ConnectionOption &option : std::as_const(m_plan.options)) {
        if (option.value.contains(u';'))
            return fail(
                LiveFailure::BadInput,
                LiveText::tr("Qt's PostgreSQL driver cannot pass on a value containing ';' (%1)").arg(option.keyword));
        keywords << option.keyword + u'=' + conninfoQuoted(option.value);
    }
    m_databaseName = nextDatabaseName();
    QElapsedTimer timer;
    timer.start();
    QString message;
    bool opened = false;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QPSQL"_s, m_databaseName);
        if (!database.isValid()) {
            message = LiveText::tr("Qt's PostgreSQL driver (QPSQL) is not installed");
        } else {
            database.setConnectOptions(keywords.join(u' '));
            database.setPassword(m_plan.password);
            opened = database.open();
            m_openMs = double(timer.nsecsElapsed()) / 1e6;
            if (opened) {
                const QVariant handle = database.driver()->handle();
                // QPSQL hands its PGconn * out; the type's name is the struct's, pg_conn.
                const char *type = handle.typeName();
                if (handle.isValid() && (qstrcmp(type, "pg_conn*") == 0 || qstrcmp(type, "PGconn*") == 0))
                    m_connection = *static_cast<PGconn *const *>(handle.constData());
                opened = m_connection != nullptr;
            } else {
                message = scrubbed(database.lastError().databaseText());
                if (message.isEmpty())
                    message = scrubbed(database.lastError().text());
            }
            database.setPassword(QString());
        }
    }
    if (opened)
        return true;
    if (message.isEmpty()) // a driver without a libpq handle: not the QPSQL this check knows
        message = LiveText::tr("Qt's PostgreSQL driver gave no connection handle");
    bool reachable = false;
    const LiveFailure failure = classifyConnectionError(message, &reachable);
    m_reachable = reachable;
    return fail(failure, message);
}

bool LiveConnection::openWithLibpq()
{
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
        bool reachable = false;
        const LiveFailure failure = classifyConnectionError(message, &reachable);
        m_reachable = reachable;
        return fail(failure, message);
    }
    // Notices (the console's "SET ignored" and the like) are not the check's output.
    PQsetNoticeProcessor(connection, [](void *, const char *) { }, nullptr);
    m_connection = connection;
    return true;
}

void LiveConnection::restoreDriverSettings()
{
    QString error;
    const std::optional<QList<PoolerRow>> rows = query(restoreDriverSettingsSql(), &error);
    if (!rows) {
        m_leftBehind = LiveText::tr("the session settings Qt's PostgreSQL driver sets on connecting (bytea_output, "
                                    "DateStyle, TimeZone) could not be read back: %1")
                           .arg(error);
        return;
    }
    for (const PoolerRow &row : *rows) {
        const QString name = row.value(u"name"_s);
        if (!row.value(u"restored"_s).isEmpty()) {
            m_restored << name;
        } else if (name == u"bytea_output" && row.value(u"reset_val"_s) != u"escape") {
            // The driver set it on some server connection; this statement ran on another one.
            m_leftBehind = LiveText::tr("Qt's PostgreSQL driver set bytea_output = escape on a server connection "
                                        "that another client took before the check could put it back; it keeps "
                                        "that setting until the pooler closes it");
        }
    }
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
    m_statementTimedOut = false;
    const auto failed = [&](const QString &message) -> std::optional<QList<PoolerRow>> {
        m_statementTimedOut = watchdog.fired();
        if (m_statementTimedOut)
            *error = m_cancel && m_cancel->load()
                ? LiveText::tr("cancelled")
                : LiveText::tr("no answer within %n second(s)", nullptr, m_timeoutSeconds);
        else
            *error = scrubbed(message);
        return std::nullopt;
    };
    QList<PoolerRow> rows;
    if (m_channel == LiveChannel::QtSql) {
        // QSqlQuery::exec with a text: the simple query protocol. prepare() would send PREPARE.
        QSqlQuery statement(QSqlDatabase::database(m_databaseName, false));
        statement.setForwardOnly(true);
        if (!statement.exec(sql))
            return failed(statement.lastError().databaseText());
        const QSqlRecord record = statement.record();
        while (statement.next()) {
            PoolerRow values;
            for (int column = 0; column < record.count(); ++column)
                values.insert(record.fieldName(column), statement.value(column).toString());
            rows.append(values);
        }
        return rows;
    }
    PGresult *result = PQexec(static_cast<PGconn *>(m_connection), sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const QString message = QString::fromUtf8(PQresultErrorMessage(result));
        PQclear(result);
        return failed(message);
    }
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

QStringList LiveConnection::takeNotifications()
{
    QStringList channels;
    if (!m_connection)
        return channels;
    auto *connection = static_cast<PGconn *>(m_connection);
    PQconsumeInput(connection);
    while (PGnotify *notify = PQnotifies(connection)) {
        channels << QString::fromUtf8(notify->relname);
        PQfreemem(notify);
    }
    return channels;
}

} // namespace poolproof
