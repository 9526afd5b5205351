#pragma once

#include "rules/rule.h"
#include "scan/dependencies.h"
#include "sourcetext.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <optional>

namespace poolproof {

struct LanguageSpec;

// One way to satisfy a required setting: any of keys written with one of the safe values
// ("*": any value at all).
struct SettingAlternative {
    QStringList keys;
    QStringList safe;
};

// A setting a rule requires (anyOf: one alternative is enough) or forbids (unsafe values, or a
// number above a threshold).
struct SettingCheck {
    QString subject; // named in the finding: "prepare", "statement_cache_size"
    QList<SettingAlternative> anyOf; // required when not empty
    QStringList keys; // forbidden settings: these keys ...
    QStringList unsafe; // ... with one of these values
    std::optional<qint64> above; // ... or with a number above this
    // ... or, for libpq's options, with a -c setting of a parameter PgBouncer does not track
    bool untrackedStartupOptions = false;
};

// A file-name glob (QRegularExpression::fromWildcard's syntax). Most are a plain name or "*" and
// a suffix, which are compared as text: the scan matches every file of the tree against them.
class FileNameGlob
{
public:
    explicit FileNameGlob(const QString &glob);
    bool matches(QStringView fileName) const;

private:
    enum class Kind { Exact, Suffix, Pattern };
    Kind m_kind = Kind::Pattern;
    QString m_text; // the name, or the suffix after "*"
    QRegularExpression m_pattern; // for any other glob
};

// Which files a rule (or a pool-setting entry) reads, and the packages it needs.
struct FileScope {
    QSet<QString> languages; // lexer language ids
    QList<FileNameGlob> files; // file-name globs, compiled once
    const LanguageSpec *lexAs = nullptr; // for matched files the lexer has no language for

    bool matches(const QString &fileName, const QString &languageId) const;
};

// A driver rule's "detect" block, compiled once per scan.
struct DriverRule {
    const Rule *rule = nullptr;
    QString detector; // client-call, config-key, setting, connection-string, manifest-version
    FileScope scope;
    QHash<QString, QStringList> clients; // any of these packages (per ecosystem) must be declared
    bool whenNoManifest = false; // also run when the ecosystem has no manifest at all (PHP's PDO)
    QHash<QString, QStringList> alsoRequires; // and all of these
    QList<int> versionBelow; // only while the client's version is below this
    bool caseInsensitive = false; // keys, anchors and markers ignore case
    QString subject; // what a finding names when no setting is at fault
    QStringList fileMentions; // the file must mention one of these
    QStringList calls; // client-call
    QStringList argumentsMention; // client-call: the arguments must mention one of these
    bool firstArgumentString = false; // client-call: the first argument is a string literal
    QStringList anchors; // config-key: where a configuration block starts
    QString anchorLineStart; // config-key: an anchor counts only on a line that begins so ("config")
    QStringList markers; // connection-string: how such a string starts
    QStringList lineMentions; // connection-string: the line must mention one of these
    QStringList skipLineMentions; // connection-string: lines that mention one of these belong to other rules
    QStringList pooledWhen; // connection-string: only strings that mention one of these
    QList<SettingCheck> checks;
    QStringList tokens; // setting: code tokens that are wrong on their own
    QList<SettingAlternative> fixedBy; // anywhere in the project: the rule is satisfied
    QStringList fixedByTokens;
    FileScope fixedIn;
    QStringList requiresCode; // config-key: the project's code must contain one of these
    FileScope requiresCodeIn;
    QList<QByteArray> needles; // a file must contain one of these to be lexed ...
    QList<QByteArray> callNeedles; // ... or a call of one of these

    static std::optional<DriverRule> compile(const Rule &rule);
    // Whether the declared packages let the rule run: one of its clients is declared (or, with
    // whenNoManifest, the ecosystem has no manifest to say), and every alsoRequires package is.
    bool appliesTo(const ProjectDependencies &dependencies) const;
    bool wantsFile(const QString &fileName, const QString &languageId, QByteArrayView bytes) const;
};

// A place a driver rule reports.
struct DriverHit {
    const DriverRule *rule = nullptr;
    qsizetype offset = 0;
    QString subject;
};

// Value comparison as the rules mean it: case-insensitive, quotes removed; "pgx.QueryExecModeExec"
// also matches "queryexecmodeexec" and "*" matches anything.
bool settingValueMatches(const QString &value, const QStringList &accepted);

// Runs one rule over one file (the project-wide conditions are checked by the caller).
QList<DriverHit> runDriverRule(const DriverRule &rule, const SourceText &file);
// Whether the file satisfies a rule's fixedBy settings or tokens.
bool fileFixesRule(const DriverRule &rule, const SourceText &file);
// Whether the file's code contains one of the rule's requiresCode tokens.
bool fileHasRequiredCode(const DriverRule &rule, const SourceText &file);

// Whether one of the packages (per ecosystem) is declared; an ecosystem without any manifest
// counts only with whenNoManifest.
bool clientsDeclared(const QHash<QString, QStringList> &clients, const ProjectDependencies &dependencies,
                     bool whenNoManifest);
QStringList jsonStrings(const QJsonValue &value);
FileScope compileScope(const QJsonObject &object);

} // namespace poolproof
