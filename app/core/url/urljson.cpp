#include "urljson.h"

#include "urlanalysis.h"
#include "urlpolicy.h"

#include <QJsonValue>

namespace poolproof {

namespace {

QString passwordStateId(PasswordState state)
{
    switch (state) {
    case PasswordState::Absent: return QStringLiteral("absent");
    case PasswordState::Empty: return QStringLiteral("empty");
    case PasswordState::Reference: return QStringLiteral("reference");
    case PasswordState::Literal: return QStringLiteral("literal");
    }
    return {};
}

} // namespace

QJsonObject urlAnalysisToJson(const UrlAnalysis &analysis, const PoolerHint &pooler)
{
    QJsonObject object;
    object.insert(QStringLiteral("masked"), analysis.masked());
    object.insert(QStringLiteral("dialect"), dialectId(analysis.dialect()));
    object.insert(QStringLiteral("dialectReason"), analysis.dialectReason());
    object.insert(QStringLiteral("definedElsewhere"), analysis.isWholeReference());
    if (analysis.isWholeReference()) {
        object.insert(QStringLiteral("libpqAccepts"), QJsonValue());
        return object;
    }
    object.insert(QStringLiteral("libpqVersion"), analysis.libpqVerdictVersion());
    object.insert(QStringLiteral("libpqAccepts"), analysis.libpqAccepts());
    if (!analysis.libpqAccepts())
        object.insert(QStringLiteral("libpqMessage"), analysis.libpqMessage());
    object.insert(QStringLiteral("driverAccepts"), analysis.driverAccepts());
    if (!analysis.driverAccepts() && !analysis.driverMessage().isEmpty())
        object.insert(QStringLiteral("driverMessage"), analysis.driverMessage());
    object.insert(QStringLiteral("containsReferences"), analysis.hasReferences());
    object.insert(QStringLiteral("viaPooler"), pooler.viaPooler);
    if (pooler.viaPooler)
        object.insert(QStringLiteral("poolerReason"), pooler.reason);

    const ConnectionFacts &facts = analysis.facts();
    QJsonArray endpoints;
    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        endpoints.append(QJsonObject {{QStringLiteral("host"), analysis.displayValue(endpoint.host)},
                                      {QStringLiteral("port"), analysis.displayValue(endpoint.port)}});
    }
    object.insert(QStringLiteral("endpoints"), endpoints);
    object.insert(QStringLiteral("dbname"), analysis.displayValue(facts.dbname));
    object.insert(QStringLiteral("user"), analysis.displayValue(facts.user));
    object.insert(QStringLiteral("password"), passwordStateId(facts.password));
    object.insert(QStringLiteral("tls"), tlsLevelId(facts.tls));
    QJsonArray parameters;
    for (const ConnectionParameter &parameter : facts.parameters) {
        parameters.append(
            QJsonObject {{QStringLiteral("name"), analysis.displayText(parameter.name, parameter.nameSpan)},
                         {QStringLiteral("value"), analysis.displayText(parameter.value, parameter.valueSpan)}});
    }
    object.insert(QStringLiteral("parameters"), parameters);
    return object;
}

QJsonObject urlFindingToJson(const Finding &finding)
{
    QJsonObject object {
        {QStringLiteral("ruleId"), finding.ruleId},
        {QStringLiteral("severity"), severityId(finding.severity)},
        {QStringLiteral("confidence"), confidenceId(finding.confidence)},
        {QStringLiteral("path"), finding.location.path},
        {QStringLiteral("line"), finding.location.line},
        {QStringLiteral("column"), finding.location.column},
        {QStringLiteral("subject"), finding.subject},
        {QStringLiteral("message"), finding.message},
        {QStringLiteral("fix"), finding.fix},
        {QStringLiteral("snippet"), finding.snippet},
        {QStringLiteral("fingerprint"), finding.fingerprint},
    };
    if (finding.location.endColumn > 0) {
        object.insert(QStringLiteral("endLine"), finding.location.endLine);
        object.insert(QStringLiteral("endColumn"), finding.location.endColumn);
    }
    if (!finding.environment.isEmpty())
        object.insert(QStringLiteral("environment"), finding.environment);
    return object;
}

QJsonArray urlFindingsToJson(const QList<Finding> &findings)
{
    QJsonArray array;
    for (const Finding &finding : findings)
        array.append(urlFindingToJson(finding));
    return array;
}

QString compilerStyleLine(const Finding &finding)
{
    // Severity words stay English like compilers', so that editors and CI parsers understand them.
    return finding.location.path + u':' + QString::number(finding.location.line) + u':'
        + QString::number(qMax(1, finding.location.column)) + u": " + severityId(finding.severity) + u": "
        + finding.message + u" [" + finding.ruleId + u']';
}

} // namespace poolproof
