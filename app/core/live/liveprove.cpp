#include "liveprove.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QThread>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class ProveText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

// Reads the setting and the server process, then restores the setting, in one statement: the
// materialised CTE is evaluated before set_config runs.
QString readAndRestoreSql()
{
    return u"WITH seen AS MATERIALIZED (SELECT current_setting('search_path') AS path, pg_backend_pid() AS pid) "
           "SELECT path, pid, set_config('search_path', (SELECT reset_val FROM pg_settings WHERE name = "
           "'search_path'), false) "
           "AS restored FROM seen"_s;
}

QString probeName()
{
    return u"poolproof_probe_"_s + QString::number(QRandomGenerator::global()->generate(), 16);
}

// Opens the two clients of a replay; what their own set-up left behind goes to *leftBehind.
bool openClients(LiveConnection &clientA, LiveConnection &clientB, QStringList *leftBehind, ProveResult *result)
{
    const bool opened = clientA.open() && clientB.open();
    for (const LiveConnection *client : {&clientA, &clientB}) {
        if (!client->leftBehind().isEmpty() && !leftBehind->contains(client->leftBehind()))
            leftBehind->append(client->leftBehind());
    }
    if (!opened)
        result->error = ProveText::tr("could not open two client connections: %1")
                            .arg(clientA.error().isEmpty() ? clientB.error() : clientA.error());
    return opened;
}

} // namespace

ProveResult proveSessionStateLeak(const ConnectionPlan &plan, const std::atomic<bool> *cancel, QStringList *leftBehind)
{
    ProveResult result;
    result.pattern = u"set-search-path"_s;
    result.ruleId = u"PB101"_s;
    LiveConnection clientA(plan, LiveChannel::QtSql, cancel);
    LiveConnection clientB(plan, LiveChannel::QtSql, cancel);
    if (!openClients(clientA, clientB, leftBehind, &result))
        return result;
    const QString marker = probeName();
    QString error;

    const QString set = u"SET search_path TO "_s + marker;
    const std::optional<QList<PoolerRow>> setRows = clientA.query(set, &error);
    result.steps.append({u"A"_s, set, setRows ? u"SET"_s : error, 0});
    if (!setRows) {
        result.error = error;
        return result;
    }
    const QString pidSql = u"SELECT pg_backend_pid()"_s;
    const std::optional<QString> pidA = clientA.scalar(pidSql, &error);
    result.steps.append({u"A"_s, pidSql, pidA.value_or(error), pidA ? pidA->toInt() : 0});

    const QString readSql = readAndRestoreSql();
    const std::optional<QList<PoolerRow>> seen = clientB.query(readSql, &error);
    if (!seen || seen->isEmpty()) {
        result.steps.append({u"B"_s, readSql, error, 0});
        result.error = error;
        return result;
    }
    const QString path = seen->first().value(u"path"_s);
    const int pidB = seen->first().value(u"pid"_s).toInt();
    result.steps.append({u"B"_s, readSql, u"search_path = "_s + path, pidB});
    result.demonstrated = path.contains(marker);
    if (!result.demonstrated) {
        // A's server connection still carries the setting; put it back from A's side.
        const std::optional<QList<PoolerRow>> restored = clientA.query(readSql, &error);
        result.steps.append(
            {u"A"_s, readSql,
             restored && !restored->isEmpty() ? u"search_path = "_s + restored->first().value(u"path"_s) : error,
             restored && !restored->isEmpty() ? restored->first().value(u"pid"_s).toInt() : 0});
    }
    result.conclusion = result.demonstrated
        ? ProveText::tr("client B saw search_path = %1, set by client A on server process %2: session state "
                        "leaks between clients")
              .arg(path)
              .arg(pidB)
        : ProveText::tr("client B did not see client A's search_path (B ran on server process %1, A on %2): "
                        "no leak observed in this run")
              .arg(pidB)
              .arg(pidA.value_or(u"?"_s));
    return result;
}

ProveResult proveNotificationsLost(const ConnectionPlan &plan, const std::atomic<bool> *cancel, QStringList *leftBehind)
{
    ProveResult result;
    result.pattern = u"listen"_s;
    result.ruleId = u"PB110"_s;
    LiveConnection clientA(plan, LiveChannel::QtSql, cancel);
    LiveConnection clientB(plan, LiveChannel::QtSql, cancel);
    if (!openClients(clientA, clientB, leftBehind, &result))
        return result;
    const QString channel = probeName();
    QString error;
    const auto run = [&](LiveConnection &client, const QString &name, const QString &sql, const QString &done) {
        const std::optional<QList<PoolerRow>> rows = client.query(sql, &error);
        result.steps.append({name, sql, rows ? done : error, 0});
        return rows.has_value();
    };
    const QString pidSql = u"SELECT pg_backend_pid()"_s;
    if (!run(clientA, u"A"_s, u"LISTEN "_s + channel, u"LISTEN"_s)) {
        result.error = error;
        return result;
    }
    const std::optional<QString> pidA = clientA.scalar(pidSql, &error);
    result.steps.append({u"A"_s, pidSql, pidA.value_or(error), pidA ? pidA->toInt() : 0});
    if (!run(clientB, u"B"_s, u"NOTIFY "_s + channel, u"NOTIFY"_s)) {
        result.error = error;
        return result;
    }
    const std::optional<QString> pidB = clientB.scalar(pidSql, &error);
    result.steps.append({u"B"_s, pidSql, pidB.value_or(error), pidB ? pidB->toInt() : 0});

    // A notification is sent when the notifying transaction commits; give it a moment, then let
    // A read what arrived while it runs a statement.
    constexpr int waitMs = 300;
    QThread::msleep(waitMs);
    const QString poll = u"SELECT 1"_s;
    clientA.scalar(poll, &error);
    const QStringList receivedByA = clientA.takeNotifications();
    const QStringList receivedByB = clientB.takeNotifications();
    const auto describe = [&](const QStringList &channels) {
        return channels.isEmpty() ? ProveText::tr("no notification")
                                  : ProveText::tr("notification on %1").arg(channels.join(u", "_s));
    };
    result.steps.append({u"A"_s, poll, describe(receivedByA), 0});
    result.demonstrated = !receivedByA.contains(channel);

    // Stop listening: behind the pooler this lands on the server connection A used last.
    run(clientA, u"A"_s, u"UNLISTEN "_s + channel, u"UNLISTEN"_s);

    if (!result.demonstrated)
        result.conclusion = ProveText::tr("client A received the notification client B sent on %1: no loss observed "
                                          "in this run")
                                .arg(channel);
    else if (receivedByB.contains(channel))
        result.conclusion = ProveText::tr("client A listened on %1 and received nothing; client B received its own "
                                          "NOTIFY on server process %2, where A's LISTEN had stayed: notifications "
                                          "are lost behind the pooler")
                                .arg(channel, pidB.value_or(u"?"_s));
    else
        result.conclusion = ProveText::tr("client A listened on %1 and received nothing within %2 ms of client B's "
                                          "NOTIFY: notifications are lost behind the pooler")
                                .arg(channel)
                                .arg(waitMs);
    return result;
}

} // namespace poolproof
