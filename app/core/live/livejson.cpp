#include "livecheck.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

QJsonArray rowsToJson(const QList<PoolerRow> &rows)
{
    QJsonArray array;
    for (const PoolerRow &row : rows) {
        QJsonObject object;
        for (auto it = row.constBegin(); it != row.constEnd(); ++it)
            object.insert(it.key(), it.value());
        array.append(object);
    }
    return array;
}

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject object {
        {u"ruleId"_s, finding.ruleId},           {u"severity"_s, severityId(finding.severity)},
        {u"subject"_s, finding.subject},         {u"detail"_s, finding.snippet},
        {u"message"_s, finding.message},         {u"fix"_s, finding.fix},
        {u"fingerprint"_s, finding.fingerprint},
    };
    if (!finding.environment.isEmpty())
        object.insert(u"environment"_s, finding.environment);
    if (finding.location.line > 0) {
        object.insert(u"path"_s, finding.location.path);
        object.insert(u"line"_s, finding.location.line);
    }
    return object;
}

QJsonObject poolerToJson(const PoolerInfo &pooler)
{
    QJsonObject config;
    for (auto it = pooler.config.constBegin(); it != pooler.config.constEnd(); ++it)
        config.insert(it.key(), it.value());
    QJsonObject object {
        {u"software"_s, pooler.software},
        {u"adminAccess"_s, pooler.adminAccess},
        {u"detectedBy"_s, pooler.detectedBy},
    };
    if (!pooler.versionText.isEmpty()) {
        object.insert(u"versionText"_s, pooler.versionText);
        object.insert(u"version"_s, pooler.version.toString());
    }
    if (pooler.adminAccess) {
        object.insert(u"config"_s, config);
        object.insert(u"databases"_s, rowsToJson(pooler.databases));
        object.insert(u"pools"_s, rowsToJson(pooler.pools));
    }
    return object;
}

QJsonObject proveToJson(const ProveResult &prove)
{
    QJsonArray steps;
    for (const ProveStep &step : prove.steps) {
        QJsonObject object {{u"client"_s, step.client}, {u"sql"_s, step.sql}, {u"result"_s, step.result}};
        if (step.backendPid > 0)
            object.insert(u"backendPid"_s, step.backendPid);
        steps.append(object);
    }
    QJsonObject object {
        {u"pattern"_s, prove.pattern},       {u"ruleId"_s, prove.ruleId}, {u"demonstrated"_s, prove.demonstrated},
        {u"conclusion"_s, prove.conclusion}, {u"steps"_s, steps},
    };
    if (!prove.error.isEmpty())
        object.insert(u"error"_s, prove.error);
    return object;
}

} // namespace

QJsonObject liveCheckToJson(const LiveCheckResult &result)
{
    QJsonObject object {
        {u"url"_s, result.maskedUrl},
        {u"host"_s, result.host},
        {u"port"_s, result.port},
        {u"database"_s, result.database},
        {u"user"_s, result.user},
        {u"reachable"_s, result.reachable},
        {u"connected"_s, result.connected},
        {u"failure"_s, liveFailureId(result.failure)},
        {u"tls"_s, result.tls},
        {u"tlsRequired"_s, result.tlsRequired},
        {u"verdict"_s, severityId(result.verdict())},
        {u"durationMs"_s, result.durationMs},
    };
    if (!result.error.isEmpty())
        object.insert(u"error"_s, result.error);
    if (result.connected) {
        if (!result.tlsProtocol.isEmpty())
            object.insert(u"tlsProtocol"_s, result.tlsProtocol);
        object.insert(u"serverVersion"_s, result.serverVersion);
        if (result.serverPort > 0)
            object.insert(u"serverPort"_s, result.serverPort);
        object.insert(u"connectMs"_s, qRound(result.connectMs * 100) / 100.0);
        object.insert(u"roundTripMs"_s, qRound(result.roundTripMs * 1000) / 1000.0);
    }
    if (result.pooler)
        object.insert(u"pooler"_s, poolerToJson(*result.pooler));
    if (!result.effectiveProfileId.isEmpty())
        object.insert(u"effectiveProfile"_s, result.effectiveProfileId);
    if (!result.effectivePoolMode.isEmpty())
        object.insert(u"effectivePoolMode"_s, result.effectivePoolMode);
    if (result.applicationPoolSize > 0) {
        object.insert(u"applicationPoolSize"_s, result.applicationPoolSize);
        object.insert(u"poolSizeSource"_s, result.poolSizeSource);
    }
    object.insert(u"notChecked"_s, QJsonArray::fromStringList(result.notChecked));
    object.insert(u"leftBehind"_s, QJsonArray::fromStringList(result.leftBehind));
    QJsonArray mismatches;
    for (const Finding &finding : result.mismatches)
        mismatches.append(findingToJson(finding));
    object.insert(u"mismatches"_s, mismatches);
    if (!result.regraded.isEmpty()) {
        QJsonArray regraded;
        for (const RegradedFinding &entry : result.regraded) {
            QJsonObject finding = findingToJson(entry.finding);
            finding.insert(u"staticSeverity"_s, severityId(entry.staticSeverity));
            regraded.append(finding);
        }
        object.insert(u"regradedFindings"_s, regraded);
    }
    if (!result.replays.isEmpty()) {
        QJsonArray replays;
        for (const ProveResult &replay : result.replays)
            replays.append(proveToJson(replay));
        object.insert(u"replays"_s, replays);
    }
    return object;
}

} // namespace poolproof
