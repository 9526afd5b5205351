#include "baselinereport.h"

#include "scancomparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace poolproof {

BaselineReport applyBaseline(ScanResult &result, const QList<HistoryFinding> &baseline, const QJsonObject &source)
{
    const ScanComparison comparison = compareScans(result.findings, baseline);
    QSet<QString> unchanged;
    for (const Finding &finding : comparison.unchanged)
        unchanged.insert(finding.fingerprint);
    result.findings.removeIf(
        [&](const Finding &finding) { return !finding.suppressed && unchanged.contains(finding.fingerprint); });

    QJsonArray fixed;
    for (const HistoryFinding &finding : comparison.fixed) {
        fixed.append(QJsonObject {{u"ruleId"_s, finding.ruleId},
                                  {u"severity"_s, severityId(finding.severity)},
                                  {u"path"_s, finding.path},
                                  {u"line"_s, finding.line},
                                  {u"fingerprint"_s, finding.fingerprint}});
    }
    BaselineReport report;
    report.added = int(comparison.added.size());
    report.unchanged = int(comparison.unchanged.size());
    report.fixed = int(comparison.fixed.size());
    report.json = source;
    report.json.insert(u"new"_s, report.added);
    report.json.insert(u"unchanged"_s, report.unchanged);
    report.json.insert(u"fixed"_s, report.fixed);
    report.json.insert(u"fixedFindings"_s, fixed);
    return report;
}

QByteArray withBaselineKey(const QByteArray &scanJson, const BaselineReport &report)
{
    // The document is one object written by hand for speed; the key goes right after its opening
    // brace, which is also where it sorts among the header's keys.
    const qsizetype brace = scanJson.indexOf('{');
    if (brace < 0)
        return scanJson;
    QByteArray bytes = scanJson;
    return bytes.insert(brace + 1, "\"baseline\":" + QJsonDocument(report.json).toJson(QJsonDocument::Compact) + ',');
}

void markSarifBaseline(QJsonObject &sarif, const BaselineReport &report)
{
    QJsonArray runs = sarif.value(u"runs").toArray();
    if (runs.isEmpty())
        return;
    QJsonObject run = runs.at(0).toObject();
    QJsonArray results = run.value(u"results").toArray();
    for (qsizetype i = 0; i < results.size(); ++i) {
        QJsonObject result = results.at(i).toObject();
        result.insert(u"baselineState"_s, u"new"_s);
        results.replace(i, result);
    }
    run.insert(u"results"_s, results);
    QJsonObject properties = run.value(u"properties").toObject();
    properties.insert(u"baseline"_s, report.json);
    run.insert(u"properties"_s, properties);
    runs.replace(0, run);
    sarif.insert(u"runs"_s, runs);
}

} // namespace poolproof
