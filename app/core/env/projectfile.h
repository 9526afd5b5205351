#pragma once

#include "url/urlcontext.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace poolproof {

// One environment as the project file declares it (docs/project-file.md).
struct ProjectEnvironment {
    QString name; // normalized
    std::optional<EnvironmentKind> kind; // "kind"; otherwise from the name
    QString databaseUrl; // may be a reference such as ${DATABASE_URL}
    QString migrationUrl;
    int databaseUrlLine = 0; // where the values are in the project file
    int databaseUrlColumn = 0;
    int migrationUrlLine = 0;
    int migrationUrlColumn = 0;
    std::optional<bool> expectPooler;
    int instances = 0; // application instances (0: not said)
    QStringList sources; // globs of files that belong to this environment
    QString driver; // dialect id of the driver that reads the URLs
};

// Text for an optional part of the exported report, as the project wrote it: paragraphs from a
// string (split at blank lines) or list items from a list of strings. Never invented.
struct ReportNotes {
    QStringList paragraphs;
    QStringList items;
    bool isEmpty() const { return paragraphs.isEmpty() && items.isEmpty(); }
};

// What the project file adds to the exported report ("report" key).
struct ProjectReport {
    QString name; // the project's name in the report; empty: package.json's, else the folder's
    ReportNotes backups;
    ReportNotes monitoring;
};

// .poolproof.json at the root of an audited repository: the pooler profile, the environments,
// what to leave out. Shared by the scanner and the environment audit.
struct ProjectFile {
    static constexpr QStringView fileName = u".poolproof.json";

    bool exists = false;
    QString path; // absolute
    QString pooler; // pooler profile id
    int libpqVersion = 0; // 0: not set
    QList<ProjectEnvironment> environments;
    QStringList exclude; // globs relative to the root
    bool discover = true; // look for environments in the repository's files
    QStringList ignoreRules; // rule ids not to report
    ProjectReport report; // optional report sections
    QStringList warnings; // unknown keys, wrong types (translated, with the file named)

    // Reads root/.poolproof.json; a missing file is not an error (exists stays false).
    static std::optional<ProjectFile> read(const QString &root, QString *error);
    static std::optional<ProjectFile> parse(const QByteArray &json, const QString &path, QString *error);

    const ProjectEnvironment *environment(QStringView name) const;
    // True when relativePath ("a/b.txt") matches an exclude glob.
    bool isExcluded(const QString &relativePath) const;
    // True when a finding of this rule at this path is not to be reported: the rule is in
    // ignoreRules or the path is excluded.
    bool dropsFinding(const QString &ruleId, const QString &relativePath) const
    {
        return ignoreRules.contains(ruleId) || isExcluded(relativePath);
    }
};

// Glob matching for project-relative paths: "*" and "?" stay within a path segment, "**" crosses
// segments, a pattern without "/" matches the file or folder name at any depth, a trailing "/"
// means "this folder and everything in it".
bool matchesGlob(const QString &pattern, const QString &relativePath);

} // namespace poolproof
