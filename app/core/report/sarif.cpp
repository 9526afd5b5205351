#include "sarif.h"

#include "streamedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

QString sarifLevel(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("note");
    case Severity::Ok: return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

QJsonObject ruleDescriptor(const Rule &rule, const QString &profileId)
{
    QString help = RuleCatalog::translated(rule.explanation) + u"\n\n" + RuleCatalog::translated(rule.fix);
    const QString markdown
        = RuleCatalog::translated(rule.explanation) + u"\n\n**Fix:** "_s + RuleCatalog::translated(rule.fix);
    QJsonObject descriptor {
        {QStringLiteral("id"), rule.id},
        {QStringLiteral("name"), rule.title},
        {QStringLiteral("shortDescription"),
         QJsonObject {{QStringLiteral("text"), RuleCatalog::translated(rule.title)}}},
        {QStringLiteral("fullDescription"),
         QJsonObject {{QStringLiteral("text"), RuleCatalog::translated(rule.summary)}}},
        {QStringLiteral("help"), QJsonObject {{QStringLiteral("text"), help}, {QStringLiteral("markdown"), markdown}}},
        {QStringLiteral("defaultConfiguration"),
         QJsonObject {{QStringLiteral("level"), sarifLevel(rule.severityFor(profileId))}}},
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("category"), rule.category},
                      {QStringLiteral("tags"), QJsonArray {QStringLiteral("pooling"), rule.category}}}},
    };
    if (!rule.references.isEmpty())
        descriptor.insert(QStringLiteral("helpUri"), rule.references.first().url);
    return descriptor;
}

QJsonObject sarifResult(const Finding &finding, const QStringList &ruleOrder)
{
    const QJsonObject region {{QStringLiteral("startLine"), std::max(1, finding.location.line)},
                              {QStringLiteral("startColumn"), std::max(1, finding.location.column)}};
    QJsonObject physical {{QStringLiteral("artifactLocation"),
                           QJsonObject {{QStringLiteral("uri"), finding.location.path},
                                        {QStringLiteral("uriBaseId"), QStringLiteral("SRCROOT")}}},
                          {QStringLiteral("region"), region}};
    QJsonObject object {
        {QStringLiteral("ruleId"), finding.ruleId},
        {QStringLiteral("ruleIndex"), int(ruleOrder.indexOf(finding.ruleId))},
        {QStringLiteral("level"), sarifLevel(finding.severity)},
        {QStringLiteral("message"),
         QJsonObject {{QStringLiteral("text"), QString(finding.message + u". "_s + finding.fix)}}},
        {QStringLiteral("locations"), QJsonArray {QJsonObject {{QStringLiteral("physicalLocation"), physical}}}},
        {QStringLiteral("partialFingerprints"), QJsonObject {{QStringLiteral("poolproof/v1"), finding.fingerprint}}},
        {QStringLiteral("properties"), QJsonObject {{QStringLiteral("confidence"), confidenceId(finding.confidence)}}},
    };
    if (finding.suppressed) {
        object.insert(QStringLiteral("suppressions"),
                      QJsonArray {QJsonObject {{QStringLiteral("kind"), QStringLiteral("inSource")},
                                               {QStringLiteral("justification"), finding.suppressionReason}}});
    }
    return object;
}

// Only the rules that appear, in catalog order, so that ruleIndex stays stable.
QJsonArray usedRules(const ScanResult &result, const RuleCatalog &catalog, QStringList *ruleOrder)
{
    QSet<QString> used;
    for (const Finding &finding : result.findings)
        used.insert(finding.ruleId);
    QJsonArray rules;
    for (const Rule &rule : catalog.rules()) {
        if (used.contains(rule.id)) {
            rules.append(ruleDescriptor(rule, result.profileId));
            *ruleOrder << rule.id;
        }
    }
    return rules;
}

// The document around the results.
QJsonObject sarifDocument(const ScanResult &result, const QJsonArray &rules, const QJsonArray &results,
                          const QString &toolVersion)
{
    const QJsonObject driver {
        {QStringLiteral("name"), QStringLiteral("PoolProof")},
        {QStringLiteral("version"), toolVersion},
        {QStringLiteral("semanticVersion"), toolVersion},
        {QStringLiteral("informationUri"), QStringLiteral("https://poolproof.invalid")},
        {QStringLiteral("rules"), rules},
    };
    const QJsonObject run {
        {QStringLiteral("tool"), QJsonObject {{QStringLiteral("driver"), driver}}},
        {QStringLiteral("results"), results},
        {QStringLiteral("columnKind"), QStringLiteral("unicodeCodePoints")},
        {QStringLiteral("properties"), QJsonObject {{QStringLiteral("pooler"), result.profileId}}},
    };
    return QJsonObject {
        {QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("runs"), QJsonArray {run}},
    };
}

} // namespace

QJsonObject scanResultToSarif(const ScanResult &result, const RuleCatalog &catalog, const QString &toolVersion)
{
    QStringList ruleOrder;
    const QJsonArray rules = usedRules(result, catalog, &ruleOrder);
    QJsonArray results;
    for (const Finding &finding : result.findings)
        results.append(sarifResult(finding, ruleOrder));
    return sarifDocument(result, rules, results, toolVersion);
}

bool writeScanResultSarif(const ScanResult &result, const RuleCatalog &catalog, const QString &toolVersion,
                          const std::function<bool(QByteArrayView)> &write)
{
    QStringList ruleOrder;
    const QJsonArray rules = usedRules(result, catalog, &ruleOrder);
    static const QString marker = QStringLiteral("poolproof-sarif-results-go-here");
    return writeIndentedJson(
        sarifDocument(result, rules, QJsonArray {marker}, toolVersion), marker, result.findings.size(),
        [&](qsizetype i) { return QJsonValue(sarifResult(result.findings.at(i), ruleOrder)); }, write);
}

} // namespace poolproof
