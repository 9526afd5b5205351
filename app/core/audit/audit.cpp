#include "audit.h"

#include "poolproof/version.h"
#include "rules/rulecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace poolproof {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::Audit)
};

// The project's name: package.json's "name", else the folder's name.
QString projectNameOf(const QString &root)
{
    QFile manifest(QDir(root).filePath(QStringLiteral("package.json")));
    if (manifest.size() < 1024 * 1024 && manifest.open(QIODevice::ReadOnly)) {
        const QString name = QJsonDocument::fromJson(manifest.readAll()).object().value(u"name").toString();
        if (!name.isEmpty())
            return name;
    }
    return QFileInfo(root).fileName();
}

} // namespace

QString auditStatusId(AuditStatus status)
{
    switch (status) {
    case AuditStatus::Compatible: return QStringLiteral("COMPATIBLE");
    case AuditStatus::CompatibleWithWarnings: return QStringLiteral("COMPATIBLE WITH WARNINGS");
    case AuditStatus::Incompatible: return QStringLiteral("INCOMPATIBLE");
    }
    return {};
}

AuditResult::SeverityCounts AuditResult::severityCounts() const
{
    SeverityCounts counts;
    for (const Finding &finding : allFindings()) {
        counts.errors += finding.severity == Severity::Error ? 1 : 0;
        counts.warnings += finding.severity == Severity::Warning ? 1 : 0;
        counts.infos += finding.severity == Severity::Info ? 1 : 0;
    }
    return counts;
}

QList<Finding> AuditResult::allFindings() const
{
    QList<Finding> findings;
    // A driver rule that reads a connection string can say the same as an environment check of
    // that string ("overlaps" in its detect block): at the same place, the driver's more specific
    // finding stands for both.
    QSet<QString> covered;
    const RuleCatalog &catalog = RuleCatalog::builtin();
    for (const Finding &finding : scan.findings) {
        if (finding.suppressed)
            continue;
        findings.append(finding);
        if (const Rule *rule = catalog.rule(finding.ruleId)) {
            const QString where = finding.location.path + u':' + QString::number(finding.location.line);
            for (const QJsonValue &overlapped : rule->detect.value(QStringLiteral("overlaps")).toArray())
                covered.insert(overlapped.toString() + u'@' + where);
        }
    }
    if (environments) {
        for (const Finding &finding : environments->findings()) {
            const QString key
                = finding.ruleId + u'@' + finding.location.path + u':' + QString::number(finding.location.line);
            if (!finding.suppressed && !covered.contains(key))
                findings.append(finding);
        }
    }
    return findings;
}

AuditStatus AuditResult::status() const
{
    bool warnings = false;
    for (const Finding &finding : allFindings()) {
        if (finding.severity == Severity::Error)
            return AuditStatus::Incompatible;
        warnings |= finding.severity == Severity::Warning;
    }
    return warnings ? AuditStatus::CompatibleWithWarnings : AuditStatus::Compatible;
}

namespace {

// Name, root, date, version and pooler profile of an audit, before anything is scanned.
AuditResult startAudit(const AuditOptions &options, const std::optional<ProjectFile> &project)
{
    AuditResult result;
    result.toolVersion = QString::fromLatin1(versionString);
    result.date = options.date.isValid() ? options.date : QDateTime::currentDateTimeUtc();
    result.root = QFileInfo(options.root).canonicalFilePath();
    if (result.root.isEmpty())
        result.root = options.root;
    result.projectName = project && !project->report.name.isEmpty() ? project->report.name : projectNameOf(result.root);
    const RuleCatalog &catalog = RuleCatalog::builtin();
    if (!options.profileId.isEmpty()) {
        result.profileId = options.profileId;
        result.profileReason = Texts::tr("chosen for this audit");
    } else if (project && !project->pooler.isEmpty() && catalog.profile(project->pooler)) {
        result.profileId = project->pooler;
        result.profileReason = Texts::tr("set in %1").arg(QString(ProjectFile::fileName));
    } else {
        result.profileId = catalog.defaultProfile().id;
        result.profileReason = Texts::tr("the default");
    }
    return result;
}

// Applies the project file's filters to the scan and checks the environments.
void finishAudit(AuditResult &result, const AuditOptions &options, const std::optional<ProjectFile> &project,
                 const QString &projectError)
{
    if (project) {
        result.scan.findings.removeIf(
            [&](const Finding &f) { return project->dropsFinding(f.ruleId, f.location.path); });
    }
    if (!result.scan.error.isEmpty())
        return;
    EnvironmentAuditOptions environmentOptions;
    environmentOptions.profileId = result.profileId;
    environmentOptions.environmentFiles = options.environmentFiles;
    QString environmentError;
    result.environments = auditEnvironments(result.root, environmentOptions, &environmentError);
    if (!result.environments)
        result.environmentsError = environmentError.isEmpty() ? projectError : environmentError;
}

} // namespace

AuditResult runAudit(const AuditOptions &options, const ScanObserver &observer, const std::atomic<bool> *cancel)
{
    QString projectError;
    const std::optional<ProjectFile> project
        = ProjectFile::read(QFileInfo(options.root).absoluteFilePath(), &projectError);
    AuditResult result = startAudit(options, project);
    ScanOptions scanOptions;
    scanOptions.root = options.root;
    scanOptions.profileId = result.profileId;
    scanOptions.jobs = options.jobs;
    scanOptions.walk = options.walk;
    if (project)
        scanOptions.walk.excludes += project->exclude;
    result.scan = runScan(scanOptions, observer, cancel);
    finishAudit(result, options, project, projectError);
    return result;
}

AuditResult auditFromScan(const ScanResult &scan, const AuditOptions &options)
{
    QString projectError;
    const std::optional<ProjectFile> project
        = ProjectFile::read(QFileInfo(options.root).absoluteFilePath(), &projectError);
    AuditResult result = startAudit(options, project);
    result.scan = scan;
    finishAudit(result, options, project, projectError);
    return result;
}

} // namespace poolproof
