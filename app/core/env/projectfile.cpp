#include "projectfile.h"

#include "rules/rulecatalog.h"
#include "url/dialect.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace poolproof {

namespace {

class ProjectFileText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::ProjectFile)
public:
    static QString unreadable(const QString &path, const QString &why)
    {
        return tr("cannot read %1: %2").arg(path, why);
    }
    static QString invalidJson(const QString &path, int line, int column, const QString &why)
    {
        return tr("%1:%2:%3: not valid JSON: %4").arg(path).arg(line).arg(column).arg(why);
    }
    static QString notObject(const QString &path)
    {
        return tr("%1: the project file must hold a JSON object").arg(path);
    }
    static QString unknownKey(const QString &path, const QString &key)
    {
        return tr("%1: unknown key \"%2\" ignored").arg(path, key);
    }
    static QString wrongType(const QString &path, const QString &key, const QString &expected)
    {
        return tr("%1: \"%2\" must be %3").arg(path, key, expected);
    }
    static QString unknownProfile(const QString &path, const QString &profile)
    {
        return tr("%1: unknown pooler profile \"%2\"").arg(path, profile);
    }
    static QString unknownKind(const QString &path, const QString &kind)
    {
        return tr("%1: unknown environment kind \"%2\" (development, test, staging, production, other)")
            .arg(path, kind);
    }
    static QString unknownDriver(const QString &path, const QString &driver)
    {
        return tr("%1: unknown driver \"%2\"").arg(path, driver);
    }
    static QString noName(const QString &path) { return tr("%1: every environment needs a name").arg(path); }
    static QString aString() { return tr("a string"); }
    static QString aNumber() { return tr("a whole number"); }
    static QString aBoolean() { return tr("true or false"); }
    static QString aList() { return tr("a list of strings"); }
    static QString anArray() { return tr("a list of objects"); }
    static QString anObject() { return tr("an object"); }
    static QString textOrList() { return tr("a string or a list of strings"); }
};

// "text" or ["item", ...]; blank entries are dropped.
std::optional<ReportNotes> reportNotes(const QJsonValue &value)
{
    ReportNotes notes;
    if (value.isString()) {
        static const QRegularExpression blankLine(QStringLiteral("\\n[ \\t]*\\n"));
        for (const QString &paragraph : value.toString().split(blankLine, Qt::SkipEmptyParts)) {
            if (!paragraph.trimmed().isEmpty())
                notes.paragraphs << paragraph.simplified();
        }
        return notes;
    }
    if (!value.isArray())
        return std::nullopt;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return std::nullopt;
        if (!item.toString().trimmed().isEmpty())
            notes.items << item.toString().simplified();
    }
    return notes;
}

// Line and column of the first occurrence of a JSON-encoded string, for pointing at values.
void locate(const QByteArray &json, const QString &value, int *line, int *column)
{
    const QByteArray encoded = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    const qsizetype at = json.indexOf(encoded);
    if (at < 0)
        return;
    const QByteArray before = json.left(at);
    *line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    // +1 for 1-based, +1 to step over the opening quote.
    *column = int(QString::fromUtf8(json.mid(lineStart, at - lineStart)).size()) + 2;
}

QStringList stringList(const QJsonValue &value, bool *ok)
{
    QStringList list;
    *ok = value.isArray();
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            *ok = false;
        else
            list << item.toString();
    }
    return list;
}

} // namespace

std::optional<ProjectFile> ProjectFile::read(const QString &root, QString *error)
{
    const QString path = QDir(root).filePath(fileName.toString());
    QFile file(path);
    if (!file.exists())
        return ProjectFile {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = ProjectFileText::unreadable(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), path, error);
}

std::optional<ProjectFile> ProjectFile::parse(const QByteArray &json, const QString &path, QString *error)
{
    ProjectFile project;
    project.exists = true;
    project.path = path;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(parseError.offset - (before.lastIndexOf('\n') + 1)) + 1;
        *error = ProjectFileText::invalidJson(path, line, column, parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = ProjectFileText::notObject(path);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const auto fail = [&](const QString &key, const QString &expected) {
        *error = ProjectFileText::wrongType(path, key, expected);
        return std::nullopt;
    };
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        bool ok = true;
        if (key == u"$schema" || key == u"comment") {
            continue;
        } else if (key == u"pooler") {
            if (!value.isString())
                return fail(key, ProjectFileText::aString());
            project.pooler = value.toString();
            if (!RuleCatalog::builtin().profile(project.pooler)) {
                *error = ProjectFileText::unknownProfile(path, project.pooler);
                return std::nullopt;
            }
        } else if (key == u"libpqVersion") {
            if (!value.isDouble() || value.toInt() < 9)
                return fail(key, ProjectFileText::aNumber());
            project.libpqVersion = value.toInt();
        } else if (key == u"exclude") {
            project.exclude = stringList(value, &ok);
            if (!ok)
                return fail(key, ProjectFileText::aList());
        } else if (key == u"ignoreRules") {
            project.ignoreRules = stringList(value, &ok);
            if (!ok)
                return fail(key, ProjectFileText::aList());
        } else if (key == u"discover") {
            if (!value.isBool())
                return fail(key, ProjectFileText::aBoolean());
            project.discover = value.toBool();
        } else if (key == u"report") {
            if (!value.isObject())
                return fail(key, ProjectFileText::anObject());
            const QJsonObject object = value.toObject();
            for (auto field = object.constBegin(); field != object.constEnd(); ++field) {
                const QString qualified = QStringLiteral("report.") + field.key();
                if (field.key() == u"name") {
                    if (!field.value().isString())
                        return fail(qualified, ProjectFileText::aString());
                    project.report.name = field.value().toString().trimmed();
                } else if (field.key() == u"backups" || field.key() == u"monitoring") {
                    const std::optional<ReportNotes> notes = reportNotes(field.value());
                    if (!notes)
                        return fail(qualified, ProjectFileText::textOrList());
                    (field.key() == u"backups" ? project.report.backups : project.report.monitoring) = *notes;
                } else if (field.key() != u"comment") {
                    project.warnings << ProjectFileText::unknownKey(path, qualified);
                }
            }
        } else if (key == u"environments") {
            if (!value.isArray())
                return fail(key, ProjectFileText::anArray());
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isObject())
                    return fail(key, ProjectFileText::anArray());
                const QJsonObject object = item.toObject();
                ProjectEnvironment environment;
                for (auto field = object.constBegin(); field != object.constEnd(); ++field) {
                    const QString name = field.key();
                    const QJsonValue v = field.value();
                    const QString qualified = QStringLiteral("environments[].") + name;
                    if (name == u"name" || name == u"databaseUrl" || name == u"migrationUrl" || name == u"kind"
                        || name == u"driver") {
                        if (!v.isString())
                            return fail(qualified, ProjectFileText::aString());
                    }
                    if (name == u"name") {
                        environment.name = normalizedEnvironmentName(v.toString());
                    } else if (name == u"kind") {
                        environment.kind = environmentKindFromId(v.toString());
                        if (!environment.kind) {
                            *error = ProjectFileText::unknownKind(path, v.toString());
                            return std::nullopt;
                        }
                    } else if (name == u"databaseUrl") {
                        environment.databaseUrl = v.toString();
                        locate(json, environment.databaseUrl, &environment.databaseUrlLine,
                               &environment.databaseUrlColumn);
                    } else if (name == u"migrationUrl") {
                        environment.migrationUrl = v.toString();
                        locate(json, environment.migrationUrl, &environment.migrationUrlLine,
                               &environment.migrationUrlColumn);
                    } else if (name == u"driver") {
                        environment.driver = v.toString();
                        if (!dialectFromId(environment.driver)) {
                            *error = ProjectFileText::unknownDriver(path, environment.driver);
                            return std::nullopt;
                        }
                    } else if (name == u"expectPooler") {
                        if (!v.isBool())
                            return fail(qualified, ProjectFileText::aBoolean());
                        environment.expectPooler = v.toBool();
                    } else if (name == u"instances") {
                        if (!v.isDouble() || v.toInt() < 0)
                            return fail(qualified, ProjectFileText::aNumber());
                        environment.instances = v.toInt();
                    } else if (name == u"sources") {
                        environment.sources = stringList(v, &ok);
                        if (!ok)
                            return fail(qualified, ProjectFileText::aList());
                    } else if (name != u"comment") {
                        project.warnings << ProjectFileText::unknownKey(path, qualified);
                    }
                }
                if (environment.name.isEmpty()) {
                    *error = ProjectFileText::noName(path);
                    return std::nullopt;
                }
                project.environments.append(environment);
            }
        } else {
            project.warnings << ProjectFileText::unknownKey(path, key);
        }
    }
    return project;
}

const ProjectEnvironment *ProjectFile::environment(QStringView name) const
{
    for (const ProjectEnvironment &environment : environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}

bool ProjectFile::isExcluded(const QString &relativePath) const
{
    for (const QString &pattern : exclude) {
        if (matchesGlob(pattern, relativePath))
            return true;
    }
    return false;
}

bool matchesGlob(const QString &pattern, const QString &relativePath)
{
    QString glob = pattern.trimmed();
    if (glob.isEmpty())
        return false;
    if (glob.startsWith(u"./"))
        glob.remove(0, 2);
    // "dir/" and "dir" mean the same here: the folder and everything in it.
    if (glob.endsWith(u'/'))
        glob.chop(1);
    const bool anchored = glob.contains(u'/');
    QString regex;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob[i];
        if (c == u'*') {
            if (i + 1 < glob.size() && glob[i + 1] == u'*') {
                ++i;
                if (i + 1 < glob.size() && glob[i + 1] == u'/') {
                    ++i;
                    regex += QStringLiteral("(?:.*/)?");
                } else {
                    regex += QStringLiteral(".*");
                }
            } else {
                regex += QStringLiteral("[^/]*");
            }
        } else if (c == u'?') {
            regex += QStringLiteral("[^/]");
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    // The path itself or anything below it (a folder excludes its contents).
    const QString suffix = QStringLiteral("(?:/.*)?");
    const QString full = (anchored ? QStringLiteral("^") : QStringLiteral("(?:^|/)")) + regex + suffix + u'$';
    const QRegularExpression expression(full);
    return expression.match(relativePath).hasMatch();
}

} // namespace poolproof
