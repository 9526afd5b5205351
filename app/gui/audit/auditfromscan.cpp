#include "auditfromscan.h"

#include "poolproof/version.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace poolproof::gui {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::AuditFromScan)
};

// The name the report carries: package.json's "name", else the folder's, as the CLI's audit does.
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

AuditResult auditFromScan(const ScanResult &scan, const QString &root, const QString &profileId)
{
    AuditResult result;
    result.toolVersion = QString::fromLatin1(versionString);
    result.date = QDateTime::currentDateTimeUtc();
    result.root = QFileInfo(root).canonicalFilePath();
    if (result.root.isEmpty())
        result.root = root;
    result.projectName = projectNameOf(result.root);
    result.profileId = profileId;
    result.profileReason = Texts::tr("chosen in the window's pooler selector");
    result.scan = scan;

    QString projectError;
    const std::optional<ProjectFile> project = ProjectFile::read(result.root, &projectError);
    if (project) {
        // The window scans without the project file's filters; the report honours them.
        result.scan.findings.removeIf([&](const Finding &finding) {
            return project->ignoreRules.contains(finding.ruleId) || project->isExcluded(finding.location.path);
        });
    }
    if (!result.scan.error.isEmpty())
        return result;

    EnvironmentAuditOptions options;
    options.profileId = profileId;
    QString environmentError;
    result.environments = auditEnvironments(result.root, options, &environmentError);
    if (result.environments)
        result.environments->profileReason = result.profileReason;
    if (!result.environments)
        result.environmentsError = environmentError.isEmpty() ? projectError : environmentError;
    return result;
}

} // namespace poolproof::gui
