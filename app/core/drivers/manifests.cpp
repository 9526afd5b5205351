#include "manifests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

// Manifests and lock files are package lists, not SQL: their line-oriented syntax is read with
// small patterns here. SQL is always parsed by libpg_query elsewhere.
namespace poolproof {

namespace {

int lineAt(const QString &text, qsizetype offset)
{
    return int(QStringView(text).first(std::clamp<qsizetype>(offset, 0, text.size())).count(u'\n')) + 1;
}

// The line of the first `"name"` that is followed by a colon: a JSON key.
int jsonKeyLine(const QString &text, const QString &key)
{
    const QString quoted = u'"' + key + u'"';
    for (qsizetype at = text.indexOf(quoted); at >= 0; at = text.indexOf(quoted, at + 1)) {
        qsizetype after = at + quoted.size();
        while (after < text.size() && text.at(after).isSpace())
            ++after;
        if (after < text.size() && text.at(after) == u':')
            return lineAt(text, at);
    }
    return 0;
}

QString exactVersion(QString spec)
{
    spec = spec.trimmed();
    if (spec.startsWith(u"=="))
        spec = spec.mid(2).trimmed();
    if (spec == u"*")
        return {};
    return spec;
}

void add(QList<DeclaredPackage> &out, const QString &ecosystem, const QString &name, const QString &version, int line)
{
    if (name.isEmpty())
        return;
    out.append({ecosystem, normalizedPackageName(ecosystem, name), version.trimmed(), line});
}

void readJsonSections(QList<DeclaredPackage> &out, const QString &ecosystem, const QByteArray &bytes,
                      std::initializer_list<const char *> sections)
{
    const QJsonObject root = QJsonDocument::fromJson(bytes).object();
    const QString text = QString::fromUtf8(bytes);
    for (const char *section : sections) {
        const QJsonObject packages = root.value(QLatin1StringView(section)).toObject();
        for (auto it = packages.constBegin(); it != packages.constEnd(); ++it)
            add(out, ecosystem, it.key(), exactVersion(it.value().toString()), jsonKeyLine(text, it.key()));
    }
}

// A PEP 508 requirement: "asyncpg>=0.29", "psycopg[binary]==3.2.1; python_version>'3.8'".
void addRequirement(QList<DeclaredPackage> &out, const QString &requirement, int line)
{
    static const QRegularExpression pattern(u"^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^\\]]*\\])?\\s*([^;#@]*)"_s);
    const QRegularExpressionMatch match = pattern.match(requirement);
    if (match.hasMatch())
        add(out, u"pypi"_s, match.captured(1), exactVersion(match.captured(2)), line);
}

void readRequirementsTxt(QList<DeclaredPackage> &out, const QString &text)
{
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        line = line.left(line.indexOf(u" #") >= 0 ? line.indexOf(u" #") : line.size()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u'-') || line.contains(u"://"))
            continue;
        addRequirement(out, line, i + 1);
    }
}

// Quoted strings of one TOML line, in order.
QStringList tomlStrings(const QString &line)
{
    static const QRegularExpression quoted(u"\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'"_s);
    QStringList strings;
    for (const QRegularExpressionMatch &match : quoted.globalMatch(line))
        strings << (match.capturedStart(1) >= 0 ? match.captured(1) : match.captured(2));
    return strings;
}

QString withoutStrings(const QString &line)
{
    static const QRegularExpression quoted(u"\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'"_s);
    QString rest = line;
    rest.remove(quoted);
    const qsizetype comment = rest.indexOf(u'#');
    return comment >= 0 ? rest.left(comment) : rest;
}

// `name = "spec"` or `name = { version = "spec", ... }` in a TOML dependency table.
void addTomlKeyDependency(QList<DeclaredPackage> &out, const QString &ecosystem, const QString &line, int lineNumber)
{
    static const QRegularExpression keyValue(u"^\\s*\"?([A-Za-z0-9_.-]+?)\"?(\\.workspace)?\\s*=\\s*(.*)$"_s);
    static const QRegularExpression versionKey(u"\\bversion\\s*=\\s*\"([^\"]*)\""_s);
    const QRegularExpressionMatch match = keyValue.match(line);
    if (!match.hasMatch())
        return;
    const QString name = match.captured(1);
    if (name == u"python")
        return;
    const QString value = match.captured(3).trimmed();
    QString version;
    if (value.startsWith(u'"') || value.startsWith(u'\'')) {
        version = tomlStrings(value).value(0);
    } else if (value.startsWith(u'{')) {
        version = versionKey.match(value).captured(1);
    }
    add(out, ecosystem, name, exactVersion(version), lineNumber);
}

void readPyprojectToml(QList<DeclaredPackage> &out, const QString &text)
{
    static const QRegularExpression header(u"^\\s*\\[\\[?([^\\]]+)\\]\\]?\\s*(#.*)?$"_s);
    static const QRegularExpression arrayStart(u"^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*\\["_s);
    static const QRegularExpression poetryTable(
        u"^tool\\.poetry\\.(dependencies|dev-dependencies|group\\.[^.]+\\.dependencies)$"_s);
    const QStringList lines = text.split(u'\n');
    QString table;
    bool inArray = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!inArray) {
            const QRegularExpressionMatch h = header.match(line);
            if (h.hasMatch()) {
                table = h.captured(1).trimmed();
                continue;
            }
        }
        if (inArray) {
            for (const QString &requirement : tomlStrings(line))
                addRequirement(out, requirement, i + 1);
            if (withoutStrings(line).contains(u']'))
                inArray = false;
            continue;
        }
        const QRegularExpressionMatch array = arrayStart.match(line);
        const bool requirementArray = array.hasMatch()
            && ((table == u"project" && array.captured(1) == u"dependencies")
                || table == u"project.optional-dependencies" || table == u"dependency-groups");
        if (requirementArray) {
            const QString rest = line.mid(array.capturedEnd());
            for (const QString &requirement : tomlStrings(rest))
                addRequirement(out, requirement, i + 1);
            inArray = !withoutStrings(rest).contains(u']');
            continue;
        }
        if (poetryTable.match(table).hasMatch() && !line.trimmed().isEmpty() && !line.trimmed().startsWith(u'#'))
            addTomlKeyDependency(out, u"pypi"_s, line, i + 1);
    }
}

void readTomlTables(QList<DeclaredPackage> &out, const QString &ecosystem, const QString &text,
                    const QRegularExpression &dependencyTable, const QRegularExpression &singleDependencyTable)
{
    static const QRegularExpression header(u"^\\s*\\[\\[?([^\\]]+)\\]\\]?\\s*(#.*)?$"_s);
    static const QRegularExpression versionLine(u"^\\s*version\\s*=\\s*\"([^\"]*)\""_s);
    const QStringList lines = text.split(u'\n');
    QString table;
    qsizetype pending = -1; // index in out of a [dependencies.name] entry waiting for its version
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const QRegularExpressionMatch h = header.match(line);
        if (h.hasMatch()) {
            table = h.captured(1).trimmed();
            pending = -1;
            const QRegularExpressionMatch single = singleDependencyTable.match(table);
            if (single.hasMatch()) {
                add(out, ecosystem, single.captured(1), QString(), i + 1);
                pending = out.size() - 1;
            }
            continue;
        }
        if (pending >= 0) {
            const QRegularExpressionMatch version = versionLine.match(line);
            if (version.hasMatch())
                out[pending].version = exactVersion(version.captured(1));
            continue;
        }
        if (dependencyTable.match(table).hasMatch() && !line.trimmed().isEmpty() && !line.trimmed().startsWith(u'#'))
            addTomlKeyDependency(out, ecosystem, line, i + 1);
    }
}

void readByPattern(QList<DeclaredPackage> &out, const QString &ecosystem, const QString &text,
                   const QRegularExpression &pattern, qsizetype from = 0)
{
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text, from))
        add(out, ecosystem, match.captured(1), exactVersion(match.captured(2)), lineAt(text, match.capturedStart(1)));
}

void readPomXml(QList<DeclaredPackage> &out, const QString &text)
{
    static const QRegularExpression dependency(u"<dependency>(.*?)</dependency>"_s,
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression groupId(u"<groupId>\\s*([^<\\s]+)\\s*</groupId>"_s);
    static const QRegularExpression artifactId(u"<artifactId>\\s*([^<\\s]+)\\s*</artifactId>"_s);
    static const QRegularExpression version(u"<version>\\s*([^<\\s]+)\\s*</version>"_s);
    static const QRegularExpression properties(u"<properties>(.*?)</properties>"_s,
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression property(u"<([A-Za-z0-9_.-]+)>\\s*([^<\\s]*)\\s*</\\1>"_s);
    QHash<QString, QString> values;
    for (const QRegularExpressionMatch &block : properties.globalMatch(text)) {
        for (const QRegularExpressionMatch &match : property.globalMatch(block.captured(1)))
            values.insert(match.captured(1), match.captured(2));
    }
    for (const QRegularExpressionMatch &block : dependency.globalMatch(text)) {
        const QString body = block.captured(1);
        const QRegularExpressionMatch artifact = artifactId.match(body);
        if (!artifact.hasMatch())
            continue;
        QString declared = version.match(body).captured(1);
        if (declared.startsWith(u"${") && declared.endsWith(u'}'))
            declared = values.value(declared.mid(2, declared.size() - 3));
        add(out, u"maven"_s, groupId.match(body).captured(1) + u':' + artifact.captured(1), declared,
            lineAt(text, block.capturedStart(1) + artifact.capturedStart(1)));
    }
}

void readGradle(QList<DeclaredPackage> &out, const QString &text)
{
    static const QRegularExpression dependency(
        u"\\b(?:implementation|api|runtimeOnly|compileOnly|testImplementation|testRuntimeOnly|developmentOnly|"
        u"annotationProcessor)"
        "\\s*\\(?\\s*['\"]([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([^'\"@:]+))?['\"]"_s);
    for (const QRegularExpressionMatch &match : dependency.globalMatch(text))
        add(out, u"maven"_s, match.captured(1) + u':' + match.captured(2), match.captured(3),
            lineAt(text, match.capturedStart(1)));
}

void readMixExs(QList<DeclaredPackage> &out, const QString &text)
{
    static const QRegularExpression dependency(u"\\{\\s*:([a-z0-9_]+)\\s*(?:,\\s*\"([^\"]*)\")?"_s);
    const qsizetype deps = text.indexOf(u"defp deps");
    if (deps >= 0)
        readByPattern(out, u"hex"_s, text, dependency, deps);
}

} // namespace

QString normalizedPackageName(const QString &ecosystem, const QString &name)
{
    QString normalized = name.trimmed().toLower();
    if (ecosystem == u"pypi") {
        normalized.replace(u'_', u'-');
        normalized.replace(u'.', u'-');
    }
    return normalized;
}

QString manifestEcosystem(const QString &fileName)
{
    const QString lower = fileName.toLower();
    if (fileName == u"package.json")
        return u"npm"_s;
    if ((lower.startsWith(u"requirements") && lower.endsWith(u".txt")) || fileName == u"pyproject.toml"
        || fileName == u"Pipfile")
        return u"pypi"_s;
    if (fileName == u"go.mod")
        return u"go"_s;
    if (fileName == u"pom.xml" || fileName == u"build.gradle" || fileName == u"build.gradle.kts")
        return u"maven"_s;
    if (fileName == u"Gemfile")
        return u"gem"_s;
    if (fileName == u"mix.exs")
        return u"hex"_s;
    if (lower.endsWith(u".csproj"))
        return u"nuget"_s;
    if (fileName == u"Cargo.toml")
        return u"cargo"_s;
    if (fileName == u"composer.json")
        return u"composer"_s;
    return {};
}

QStringList lockFilesFor(const QString &manifestFileName)
{
    const QString ecosystem = manifestEcosystem(manifestFileName);
    if (ecosystem == u"npm")
        return {u"package-lock.json"_s, u"npm-shrinkwrap.json"_s, u"yarn.lock"_s, u"pnpm-lock.yaml"_s};
    if (ecosystem == u"pypi")
        return {u"poetry.lock"_s, u"uv.lock"_s, u"Pipfile.lock"_s};
    if (ecosystem == u"gem")
        return {u"Gemfile.lock"_s};
    if (ecosystem == u"hex")
        return {u"mix.lock"_s};
    if (ecosystem == u"nuget")
        return {u"packages.lock.json"_s};
    if (ecosystem == u"cargo")
        return {u"Cargo.lock"_s};
    if (ecosystem == u"composer")
        return {u"composer.lock"_s};
    return {};
}

QList<DeclaredPackage> readManifest(const QString &fileName, const QByteArray &bytes)
{
    QList<DeclaredPackage> out;
    const QString ecosystem = manifestEcosystem(fileName);
    if (fileName == u"package.json") {
        readJsonSections(out, ecosystem, bytes,
                         {"dependencies", "devDependencies", "peerDependencies", "optionalDependencies"});
        return out;
    }
    if (fileName == u"composer.json") {
        readJsonSections(out, ecosystem, bytes, {"require", "require-dev"});
        return out;
    }
    const QString text = QString::fromUtf8(bytes);
    if (ecosystem == u"pypi" && fileName.endsWith(u".txt")) {
        readRequirementsTxt(out, text);
    } else if (fileName == u"pyproject.toml") {
        readPyprojectToml(out, text);
    } else if (fileName == u"Pipfile") {
        static const QRegularExpression tables(u"^(packages|dev-packages)$"_s);
        static const QRegularExpression none(u"^$^"_s);
        readTomlTables(out, ecosystem, text, tables, none);
    } else if (fileName == u"go.mod") {
        static const QRegularExpression goMod(
            u"^\\s*(?:require\\s+)?([a-z0-9.-]+\\.[a-z]+/[^\\s]+)\\s+(v[0-9][^\\s]*)"_s,
            QRegularExpression::MultilineOption);
        readByPattern(out, ecosystem, text, goMod);
    } else if (fileName == u"pom.xml") {
        readPomXml(out, text);
    } else if (fileName.startsWith(u"build.gradle")) {
        readGradle(out, text);
    } else if (fileName == u"Gemfile") {
        static const QRegularExpression gem(u"^\\s*gem\\s+['\"]([^'\"]+)['\"](?:\\s*,\\s*['\"]([^'\"]+)['\"])?"_s,
                                            QRegularExpression::MultilineOption);
        readByPattern(out, ecosystem, text, gem);
    } else if (fileName == u"mix.exs") {
        readMixExs(out, text);
    } else if (ecosystem == u"nuget") {
        static const QRegularExpression reference(
            u"<PackageReference\\s+Include\\s*=\\s*\"([^\"]+)\"(?:\\s+Version\\s*=\\s*\"([^\"]*)\")?"_s);
        readByPattern(out, ecosystem, text, reference);
    } else if (fileName == u"Cargo.toml") {
        static const QRegularExpression tables(
            u"^((workspace\\.)?dependencies|dev-dependencies|build-dependencies|target\\..+\\.(dev-)?dependencies)$"_s);
        static const QRegularExpression single(
            u"^(?:dependencies|dev-dependencies|build-dependencies)\\.([A-Za-z0-9_-]+)$"_s);
        readTomlTables(out, ecosystem, text, tables, single);
    }
    return out;
}

LockedVersions readLockFile(const QString &fileName, const QByteArray &bytes)
{
    LockedVersions versions;
    const auto put = [&](const QString &ecosystem, const QString &name, QString version) {
        if (version.startsWith(u'v') && version.size() > 1 && version.at(1).isDigit())
            version.remove(0, 1);
        const QString key = normalizedPackageName(ecosystem, name);
        if (!key.isEmpty() && !version.isEmpty() && !versions.contains(key))
            versions.insert(key, exactVersion(version));
    };
    if (fileName == u"package-lock.json" || fileName == u"npm-shrinkwrap.json") {
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        const QJsonObject packages = root.value(u"packages").toObject();
        for (auto it = packages.constBegin(); it != packages.constEnd(); ++it) {
            // Top-level installs only: nested node_modules are other packages' copies.
            if (it.key().startsWith(u"node_modules/") && !it.key().mid(13).contains(u"/node_modules/"))
                put(u"npm"_s, it.key().mid(13), it.value().toObject().value(u"version").toString());
        }
        const QJsonObject dependencies = root.value(u"dependencies").toObject();
        for (auto it = dependencies.constBegin(); it != dependencies.constEnd(); ++it)
            put(u"npm"_s, it.key(), it.value().toObject().value(u"version").toString());
        return versions;
    }
    if (fileName == u"Pipfile.lock" || fileName == u"composer.lock" || fileName == u"packages.lock.json") {
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        if (fileName == u"Pipfile.lock") {
            for (const char *section : {"default", "develop"}) {
                const QJsonObject packages = root.value(QLatin1StringView(section)).toObject();
                for (auto it = packages.constBegin(); it != packages.constEnd(); ++it)
                    put(u"pypi"_s, it.key(), it.value().toObject().value(u"version").toString());
            }
        } else if (fileName == u"composer.lock") {
            for (const char *section : {"packages", "packages-dev"}) {
                const QJsonArray packages = root.value(QLatin1StringView(section)).toArray();
                for (const QJsonValue &package : packages)
                    put(u"composer"_s, package.toObject().value(u"name").toString(),
                        package.toObject().value(u"version").toString());
            }
        } else {
            const QJsonObject frameworks = root.value(u"dependencies").toObject();
            for (auto framework = frameworks.constBegin(); framework != frameworks.constEnd(); ++framework) {
                const QJsonObject packages = framework.value().toObject();
                for (auto it = packages.constBegin(); it != packages.constEnd(); ++it)
                    put(u"nuget"_s, it.key(), it.value().toObject().value(u"resolved").toString());
            }
        }
        return versions;
    }
    const QString text = QString::fromUtf8(bytes);
    if (fileName == u"poetry.lock" || fileName == u"uv.lock" || fileName == u"Cargo.lock") {
        static const QRegularExpression package(
            u"\\[\\[package\\]\\]\\s*\\n\\s*name\\s*=\\s*\"([^\"]+)\"\\s*\\n\\s*version\\s*=\\s*\"([^\"]+)\""_s);
        const QString ecosystem = fileName == u"Cargo.lock" ? u"cargo"_s : u"pypi"_s;
        for (const QRegularExpressionMatch &match : package.globalMatch(text))
            put(ecosystem, match.captured(1), match.captured(2));
    } else if (fileName == u"Gemfile.lock") {
        static const QRegularExpression spec(u"^    ([A-Za-z0-9_.-]+) \\(([^)]+)\\)"_s,
                                             QRegularExpression::MultilineOption);
        for (const QRegularExpressionMatch &match : spec.globalMatch(text))
            put(u"gem"_s, match.captured(1), match.captured(2).section(u'-', 0, 0));
    } else if (fileName == u"mix.lock") {
        static const QRegularExpression hex(u"\"([a-z0-9_]+)\":\\s*\\{:hex,\\s*:[a-z0-9_]+,\\s*\"([^\"]+)\""_s);
        for (const QRegularExpressionMatch &match : hex.globalMatch(text))
            put(u"hex"_s, match.captured(1), match.captured(2));
    } else if (fileName == u"yarn.lock") {
        // "pg@^8.12.0", pg@^8.0.0:   then   version "8.12.0"  (classic) or  version: 8.12.0  (berry)
        static const QRegularExpression version(u"^\\s+version:?\\s+\"?([^\"\\s]+)\"?"_s);
        const QStringList lines = text.split(u'\n');
        QStringList names;
        for (const QString &line : lines) {
            if (!line.isEmpty() && !line.at(0).isSpace() && !line.startsWith(u'#') && line.trimmed().endsWith(u':')) {
                names.clear();
                const QStringList specs = line.trimmed().chopped(1).split(u',');
                for (QString spec : specs) {
                    spec = spec.trimmed().remove(u'"');
                    const qsizetype at = spec.indexOf(u'@', 1);
                    if (at > 0)
                        names << spec.left(at);
                }
                continue;
            }
            const QRegularExpressionMatch match = version.match(line);
            if (match.hasMatch() && !names.isEmpty()) {
                for (const QString &name : std::as_const(names))
                    put(u"npm"_s, name, match.captured(1));
                names.clear();
            }
        }
    } else if (fileName == u"pnpm-lock.yaml") {
        // packages:  /pg@8.12.0:  pg@8.12.0:  '@prisma/client@5.1.0':  /pg/8.12.0: (lock format 5)
        static const QRegularExpression atForm(u"^  '?/?(@?[^@\\s'/][^@\\s']*)@([0-9][^:('\\s]*)"_s,
                                               QRegularExpression::MultilineOption);
        static const QRegularExpression slashForm(u"^  /(@[^/\\s]+/[^/\\s]+|[^@/\\s][^/\\s]*)/([0-9][^:(\\s/]*)"_s,
                                                  QRegularExpression::MultilineOption);
        const qsizetype packages = text.indexOf(u"\npackages:");
        if (packages >= 0) {
            for (const QRegularExpressionMatch &match : atForm.globalMatch(text, packages))
                put(u"npm"_s, match.captured(1), match.captured(2));
            for (const QRegularExpressionMatch &match : slashForm.globalMatch(text, packages))
                put(u"npm"_s, match.captured(1), match.captured(2));
        }
    }
    return versions;
}

QList<int> versionNumbers(const QString &version)
{
    static const QRegularExpression number(u"([0-9]+(?:\\.[0-9]+)*)"_s);
    const QRegularExpressionMatch match = number.match(version);
    QList<int> parts;
    if (!match.hasMatch())
        return parts;
    const QStringList pieces = match.captured(1).split(u'.');
    for (const QString &piece : pieces)
        parts << piece.toInt();
    return parts;
}

int compareVersions(const QList<int> &a, const QList<int> &b)
{
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const int x = a.value(i, 0);
        const int y = b.value(i, 0);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

} // namespace poolproof
