#include "liveprove.h"

#include <QCoreApplication>
#include <QRandomGenerator>

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

} // namespace

ProveResult proveSessionStateLeak(const ConnectionPlan &plan, const std::atomic<bool> *cancel, QStringList *leftBehind)
{
    ProveResult result;
    result.pattern = u"set-search-path"_s;
    result.ruleId = u"PB101"_s;
    LiveConnection clientA(plan, LiveChannel::QtSql, cancel);
    LiveConnection clientB(plan, LiveChannel::QtSql, cancel);
    const bool opened = clientA.open() && clientB.open();
    for (const LiveConnection *client : {&clientA, &clientB}) {
        if (!client->leftBehind().isEmpty() && !leftBehind->contains(client->leftBehind()))
            leftBehind->append(client->leftBehind());
    }
    if (!opened) {
        result.error = ProveText::tr("could not open two client connections: %1")
                           .arg(clientA.error().isEmpty() ? clientB.error() : clientA.error());
        return result;
    }
    const QString marker = u"poolproof_probe_"_s + QString::number(QRandomGenerator::global()->generate(), 16);
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

} // namespace poolproof
