#include "auditjson.h"

#include "report/sarif.h"
#include "report/scanjson.h"
#include "report/streamedjson.h"
#include "rules/rulecatalog.h"
#include "url/urljson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

QString valueStateId(ValueState state)
{
    switch (state) {
    case ValueState::Written: return u"written"_s;
    case ValueState::DefinedElsewhere: return u"defined-elsewhere"_s;
    case ValueState::Empty: return u"empty"_s;
    }
    return {};
}

QJsonObject environmentToJson(const AuditedEnvironment &environment)
{
    QJsonArray urls;
    for (const EnvironmentUrl &url : environment.urls) {
        QJsonObject object {
            {u"key"_s, url.url.key},
            {u"role"_s, urlRoleId(url.url.role)},
            {u"source"_s, url.url.sourceKind},
            {u"path"_s, url.url.location.path},
            {u"line"_s, url.url.location.line},
            {u"state"_s, valueStateId(url.url.state)},
            {u"masked"_s, url.url.state == ValueState::Written ? url.url.masked() : QString()},
            {u"checked"_s, url.checked},
        };
        if (url.url.state == ValueState::DefinedElsewhere)
            object.insert(u"reference"_s, url.url.reference);
        if (url.checked)
            object.insert(u"analysis"_s, urlAnalysisToJson(url.check.analysis, url.check.pooler));
        urls.append(object);
    }
    QJsonArray findings;
    for (const Finding &finding : environment.findings)
        findings.append(findingToJson(finding));
    return QJsonObject {
        {u"name"_s, environment.name},
        {u"kind"_s, environmentKindId(environment.kind)},
        {u"verdict"_s, severityId(environment.verdict())},
        {u"poolerExpected"_s, environment.poolerExpected},
        {u"instances"_s, environment.instances},
        {u"urls"_s, urls},
        {u"findings"_s, findings},
    };
}

// The audit document with findings standing in for the scan's own list.
QJsonObject auditDocument(const AuditResult &audit, const QJsonArray &findings)
{
    QJsonObject root {
        {u"tool"_s, QJsonObject {{u"name"_s, u"PoolProof"_s}, {u"version"_s, audit.toolVersion}}},
        {u"schemaVersion"_s, 1},
        {u"project"_s, audit.projectName},
        {u"date"_s, audit.date.toUTC().toString(Qt::ISODate)},
        {u"pooler"_s, audit.profileId},
        {u"status"_s, auditStatusId(audit.status())},
        {u"scan"_s, scanResultToJson(audit.scan, audit.toolVersion, findings)},
    };
    QJsonArray environments;
    if (audit.environments) {
        for (const AuditedEnvironment &environment : audit.environments->environments)
            environments.append(environmentToJson(environment));
    }
    root.insert(u"environments"_s, environments);
    if (!audit.environmentsError.isEmpty())
        root.insert(u"environmentsError"_s, audit.environmentsError);
    return root;
}

ScanResult combinedFindings(const AuditResult &audit)
{
    ScanResult combined = audit.scan;
    if (audit.environments)
        combined.findings += audit.environments->findings();
    finalizeFindings(combined.findings);
    return combined;
}

} // namespace

QJsonObject auditToJson(const AuditResult &audit)
{
    QJsonArray findings;
    for (const Finding &finding : audit.scan.findings)
        findings.append(findingToJson(finding));
    return auditDocument(audit, findings);
}

bool writeAuditJson(const AuditResult &audit, const std::function<bool(QByteArrayView)> &write)
{
    static const QString marker = QStringLiteral("poolproof-audit-findings-go-here");
    return writeIndentedJson(
        auditDocument(audit, QJsonArray {marker}), marker, audit.scan.findings.size(),
        [&audit](qsizetype i) { return QJsonValue(findingToJson(audit.scan.findings.at(i))); }, write);
}

QJsonObject auditToSarif(const AuditResult &audit)
{
    return scanResultToSarif(combinedFindings(audit), RuleCatalog::builtin(), audit.toolVersion);
}

bool writeAuditSarif(const AuditResult &audit, const std::function<bool(QByteArrayView)> &write)
{
    return writeScanResultSarif(combinedFindings(audit), RuleCatalog::builtin(), audit.toolVersion, write);
}

} // namespace poolproof
