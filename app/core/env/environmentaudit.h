#pragma once

#include "discovery.h"
#include "projectfile.h"

#include "url/urlcheck.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// One discovered setting and what its check found. Settings that are defined elsewhere or left
// empty are listed but not checked.
struct EnvironmentUrl {
    DiscoveredUrl url;
    bool checked = false;
    CheckedUrl check;
};

struct AuditedEnvironment {
    QString name;
    EnvironmentKind kind = EnvironmentKind::Other;
    bool declared = false; // named in the project file
    bool poolerExpected = false;
    bool poolerDeclared = false; // the project file says whether a pooler is expected
    QString poolerExpectedReason; // translated
    int instances = 0;
    std::optional<PoolerSettings> pooler;
    QList<EnvironmentUrl> urls;
    QList<Finding> findings; // every finding of the environment, its URLs' and the cross checks

    // The worst severity among the findings; Ok when there are none.
    Severity verdict() const;
};

// A dotenv file outside the repository (deployment secrets, a CI variable dump) given by the user.
struct EnvironmentFile {
    QString path; // as the user gave it; shown in reports
    QString environment; // empty: from the file's name (.env.production -> production)
};

// Parses "[NAME=]FILE" as given to --env-file. The name part is taken only when it is a plain
// environment name, so that paths containing "=" still work.
EnvironmentFile environmentFileFromArgument(const QString &argument);

struct EnvironmentAuditOptions {
    QString profileId; // empty: the project file's, else inferred, else the default
    int libpqVersion = 0; // 0: the project file's, else the linked one
    QList<EnvironmentFile> environmentFiles; // read in addition to what discovery finds
};

// A repository's environments with their connection settings, checked: the model behind
// `poolproof-cli envs`, the GUI's environment view and the DATABASE.md export.
struct EnvironmentAudit {
    QString root;
    ProjectFile project;
    QString profileId;
    QString profileReason; // translated: where the profile came from
    int libpqVersion = 0;
    QList<AuditedEnvironment> environments; // development, test, staging, production, then the others by name
    QList<PoolerConfigFile> poolers;
    QStringList files; // files that contributed
    QStringList warnings;

    QList<Finding> findings() const;
    const AuditedEnvironment *environment(QStringView name) const;
};

// Reads the project file, discovers the settings, groups them into environments and checks them.
// A broken project file is the only error (returned through *error, nothing else happens).
std::optional<EnvironmentAudit> auditEnvironments(const QString &root, const EnvironmentAuditOptions &options,
                                                  QString *error);

} // namespace poolproof
