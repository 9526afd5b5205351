#include "sarif.h"

#include "chunkedwrite.h"

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
    if (result.findings.isEmpty())
        return write(QJsonDocument(scanResultToSarif(result, catalog, toolVersion)).toJson(QJsonDocument::Indented));
    // The document around the results, with a marker where they go; the results are rendered
    // one by one, each indented as deep as the marker stands, which is how the whole document
    // written at once indents them.
    QStringList ruleOrder;
    const QJsonArray rules = usedRules(result, catalog, &ruleOrder);
    static const QString marker = QStringLiteral("poolproof-sarif-results-go-here");
    const QByteArray frame
        = QJsonDocument(sarifDocument(result, rules, QJsonArray {marker}, toolVersion)).toJson(QJsonDocument::Indented);
    const qsizetype at = frame.indexOf(QByteArray('"' + marker.toUtf8() + '"'));
    const qsizetype lineStart = frame.lastIndexOf('\n', at) + 1;
    const qsizetype lineEnd = frame.indexOf('\n', at);
    if (at < 0 || lineEnd < 0)
        return write(QJsonDocument(scanResultToSarif(result, catalog, toolVersion)).toJson(QJsonDocument::Indented));
    const QByteArray indent = frame.sliced(lineStart, at - lineStart);
    if (!write(QByteArrayView(frame).first(lineStart)))
        return false;
    const auto render = [&](qsizetype begin, qsizetype end, QByteArray &out) {
        for (qsizetype i = begin; i < end; ++i) {
            if (i > 0)
                out += ",\n";
            const QByteArray object
                = QJsonDocument(sarifResult(result.findings.at(i), ruleOrder)).toJson(QJsonDocument::Indented);
            // Every line of the object, its last newline dropped, moved in by the marker's indent.
            for (qsizetype from = 0; from < object.size();) {
                qsizetype newline = object.indexOf('\n', from);
                if (newline < 0)
                    newline = object.size();
                if (newline > from) {
                    if (from > 0)
                        out += '\n';
                    out += indent;
                    out += QByteArrayView(object).sliced(from, newline - from);
                }
                from = newline + 1;
            }
        }
    };
    if (!writeInChunks(result.findings.size(), 512, render, write))
        return false;
    return write(QByteArrayView(frame).sliced(lineEnd));
}

} // namespace poolproof
