#include "baselinefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class BaselineFile
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::BaselineFile)
public:
    explicit BaselineFile(const QString &path)
        : m_path(path)
    {
    }
    std::optional<QList<HistoryFinding>> read(QString *error);

private:
    std::optional<QList<HistoryFinding>> fromScan(const QJsonObject &scan);
    std::optional<QList<HistoryFinding>> fromSarif(const QJsonObject &sarif);
    std::nullopt_t fail(const QString &cause);

    QString m_path;
    QString m_error;
};

// Far above any real report; a bigger file is a mistake, not a baseline.
constexpr qint64 maximumSize = qint64(1) << 30;

std::nullopt_t BaselineFile::fail(const QString &cause)
{
    m_error = tr("baseline %1: %2").arg(m_path, cause);
    return std::nullopt;
}

std::optional<QList<HistoryFinding>> BaselineFile::read(QString *error)
{
    const std::optional<QList<HistoryFinding>> findings = [&]() -> std::optional<QList<HistoryFinding>> {
        QFile file(m_path);
        if (!file.exists())
            return fail(tr("the file does not exist"));
        if (!file.open(QIODevice::ReadOnly))
            return fail(file.errorString());
        if (file.size() > maximumSize)
            return fail(tr("the file is too large for a report"));
        const QByteArray bytes = file.readAll();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(tr("not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
        if (!document.isObject())
            return fail(tr("not a PoolProof report: the document is not a JSON object"));
        const QJsonObject root = document.object();
        if (root.value(u"runs").isArray())
            return fromSarif(root);
        if (root.value(u"scan").isObject())
            return fromScan(root.value(u"scan").toObject());
        return fromScan(root);
    }();
    if (!findings && error)
        *error = m_error;
    return findings;
}

std::optional<QList<HistoryFinding>> BaselineFile::fromScan(const QJsonObject &scan)
{
    if (scan.value(u"tool").toObject().value(u"name").toString() != u"PoolProof" || !scan.value(u"findings").isArray())
        return fail(tr("not a PoolProof report: no PoolProof tool entry or no \"findings\" list"));
    const int schema = scan.value(u"schemaVersion").toInt(1);
    if (schema > 1)
        return fail(tr("written by a newer PoolProof (schema version %1)").arg(schema));
    QList<HistoryFinding> findings;
    const QJsonArray list = scan.value(u"findings").toArray();
    findings.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject object = list.at(i).toObject();
        HistoryFinding finding;
        finding.fingerprint = object.value(u"fingerprint").toString();
        if (finding.fingerprint.isEmpty())
            return fail(tr("finding %1 has no fingerprint").arg(i + 1));
        finding.ruleId = object.value(u"ruleId").toString();
        finding.path = object.value(u"path").toString();
        finding.line = object.value(u"line").toInt();
        finding.severity = severityFromId(object.value(u"severity").toString()).value_or(Severity::Warning);
        finding.suppressed = object.value(u"suppressed").toBool();
        findings.append(finding);
    }
    return findings;
}

std::optional<QList<HistoryFinding>> BaselineFile::fromSarif(const QJsonObject &sarif)
{
    QList<HistoryFinding> findings;
    bool ours = false;
    const QJsonArray runs = sarif.value(u"runs").toArray();
    for (const QJsonValue &runValue : runs) {
        const QJsonObject run = runValue.toObject();
        if (run.value(u"tool").toObject().value(u"driver").toObject().value(u"name").toString() != u"PoolProof")
            continue;
        ours = true;
        const QJsonArray results = run.value(u"results").toArray();
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QJsonObject result = results.at(i).toObject();
            HistoryFinding finding;
            finding.fingerprint = result.value(u"partialFingerprints").toObject().value(u"poolproof/v1").toString();
            if (finding.fingerprint.isEmpty())
                return fail(tr("result %1 has no poolproof/v1 fingerprint").arg(i + 1));
            finding.ruleId = result.value(u"ruleId").toString();
            const QJsonObject location
                = result.value(u"locations").toArray().at(0).toObject().value(u"physicalLocation").toObject();
            finding.path = location.value(u"artifactLocation").toObject().value(u"uri").toString();
            finding.line = location.value(u"region").toObject().value(u"startLine").toInt();
            finding.severity = severityFromId(result.value(u"level").toString()).value_or(Severity::Warning);
            finding.suppressed = !result.value(u"suppressions").toArray().isEmpty();
            findings.append(finding);
        }
    }
    if (!ours)
        return fail(tr("not a PoolProof report: the SARIF file has no PoolProof run"));
    return findings;
}

} // namespace

std::optional<QList<HistoryFinding>> readBaselineFile(const QString &path, QString *error)
{
    return BaselineFile(path).read(error);
}

} // namespace poolproof
