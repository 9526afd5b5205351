// Settings files that are not YAML: Spring .properties, Django settings, schema.prisma,
// pgbouncer.ini, appsettings.json, and the dependency manifests that tell which driver a
// project uses.
#include "pythonliteral.h"
#include "sourcehelpers.h"

#include "url/connectionstring.h"
#include "url/urilayout.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace poolproof {

namespace {

class TextSourceText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::TextSources)
public:
    static QString djangoContext() { return tr("Django hands DATABASES to psycopg, which uses libpq"); }
    static QString djDatabaseUrl(const QString &variable) { return tr("used when %1 is not set").arg(variable); }
    static QString prismaContext(const QString &path) { return tr("%1 is read by Prisma").arg(path); }
    static QString pgbouncerOnly(const QString &keys) { return tr("pooler settings not checked here: %1").arg(keys); }
    static QString dependency(const QString &manifest, const QString &package)
    {
        return tr("%1 depends on %2").arg(manifest, package);
    }
    static QString invalidJson(const QString &path, const QString &why)
    {
        return tr("%1: not valid JSON: %2").arg(path, why);
    }
};

// ---- Spring .properties ------------------------------------------------------------------

QList<QList<detail::FoundSetting>> readProperties(const SettingsFile &file)
{
    QList<QList<detail::FoundSetting>> documents {{}};
    const QStringList lines = file.text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed == u"#---" || trimmed == u"!---") {
            documents.append(QList<detail::FoundSetting>());
            continue;
        }
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u'!'))
            continue;
        const int lineNumber = int(i) + 1;
        const qsizetype keyStart = line.indexOf(trimmed.at(0));
        qsizetype separator = -1;
        for (qsizetype p = keyStart; p < line.size(); ++p) {
            if (line[p] == u'\\') {
                ++p;
                continue;
            }
            if (line[p] == u'=' || line[p] == u':' || line[p].isSpace()) {
                separator = p;
                break;
            }
        }
        if (separator < 0)
            continue;
        const QString key = line.mid(keyStart, separator - keyStart);
        qsizetype valueStart = separator;
        while (valueStart < line.size() && line[valueStart].isSpace())
            ++valueStart;
        if (valueStart < line.size() && (line[valueStart] == u'=' || line[valueStart] == u':'))
            ++valueStart;
        while (valueStart < line.size() && line[valueStart].isSpace())
            ++valueStart;
        QString value = line.mid(valueStart);
        bool continued = false;
        // A line ending in an odd number of backslashes goes on.
        while (value.endsWith(u'\\') && i + 1 < lines.size()) {
            value.chop(1);
            value += lines.at(++i).trimmed();
            continued = true;
        }
        documents.last().append(
            {key, value, SourceLocation {file.path, lineNumber, int(valueStart) + 1, 0, 0}, !continued});
    }
    return documents;
}

// ---- Django ---------------------------------------------------------------------------------

// os.environ["X"], os.environ.get("X"), os.getenv("X"), env("X"), config("X"): the variable.
QString environmentVariable(const PyValue &value)
{
    static const QStringList getters {QStringLiteral("os.environ.get"),
                                      QStringLiteral("os.getenv"),
                                      QStringLiteral("getenv"),
                                      QStringLiteral("environ.get"),
                                      QStringLiteral("env"),
                                      QStringLiteral("env.str"),
                                      QStringLiteral("env.int"),
                                      QStringLiteral("config"),
                                      QStringLiteral("get_env"),
                                      QStringLiteral("get_secret"),
                                      QStringLiteral("os.environ.setdefault")};
    if (value.kind == PyValue::Kind::Subscript && (value.text == u"os.environ" || value.text == u"environ")
        && !value.items.empty() && value.items.front().kind == PyValue::Kind::String)
        return value.items.front().text;
    if (value.kind == PyValue::Kind::Call && getters.contains(value.text) && !value.items.empty()
        && value.items.front().kind == PyValue::Kind::String)
        return value.items.front().text;
    // int(os.environ.get("PORT", "5432")), str(...)
    if (value.kind == PyValue::Kind::Call && (value.text == u"int" || value.text == u"str") && !value.items.empty())
        return environmentVariable(value.items.front());
    return {};
}

// A settings value as text: a string as written, a reference as ${NAME}; empty if neither.
bool settingText(const PyValue &value, QString *text)
{
    if (value.kind == PyValue::Kind::String || value.kind == PyValue::Kind::Number) {
        *text = value.text;
        // f"...{PASSWORD}...": the braces are expressions; write them as references.
        if (value.formatted) {
            static const QRegularExpression braces(QStringLiteral("\\{([^{}]+)\\}"));
            text->replace(braces, QStringLiteral("${\\1}"));
        }
        return true;
    }
    const QString variable = environmentVariable(value);
    if (!variable.isEmpty()) {
        *text = QStringLiteral("${") + variable + u'}';
        return true;
    }
    return false;
}

void addDjangoDatabase(const SettingsFile &file, const QString &environment, const QString &alias,
                       const PyValue &config, int aliasLine, int aliasColumn, DiscoveryResult *result)
{
    const DialectContext libpq {Dialect::Libpq, true, TextSourceText::djangoContext()};
    const QString key = QStringLiteral("DATABASES['%1']").arg(alias);
    const QString lowerAlias = alias.toLower();
    const UrlRole role
        = lowerAlias.contains(u"migrat") || lowerAlias.contains(u"direct") || lowerAlias.contains(u"admin")
        ? UrlRole::Migration
        : UrlRole::Application;
    // dj_database_url.config(default=...), dj_database_url.parse("..."), env.db("DATABASE_URL", default=...)
    if (config.kind == PyValue::Kind::Call
        && (config.text.endsWith(u"dj_database_url.config") || config.text.endsWith(u"dj_database_url.parse")
            || config.text == u"env.db" || config.text == u"env.db_url" || config.text == u"db_url")) {
        QString variable = QStringLiteral("DATABASE_URL");
        const PyValue *source = config.keyword(u"default");
        if (config.text.endsWith(u"parse") && !config.items.empty())
            source = &config.items.front();
        if (config.text.startsWith(u"env.") && !config.items.empty()
            && config.items.front().kind == PyValue::Kind::String)
            variable = config.items.front().text;
        if (const PyValue *env = config.keyword(u"env"); env && env->kind == PyValue::Kind::String)
            variable = env->text;
        detail::FoundSetting setting;
        setting.key = key;
        setting.location = SourceLocation {file.path, aliasLine, aliasColumn, 0, 0};
        if (source && settingText(*source, &setting.value)) {
            setting.location = SourceLocation {file.path, source->line, source->column, 0, 0};
            setting.singleLine = !source->formatted;
        } else {
            setting.value = QStringLiteral("${") + variable + u'}';
        }
        DiscoveredUrl url = detail::makeUrl(setting, environment, QStringLiteral("django"), role);
        url.framework = QStringLiteral("django");
        url.dialect = libpq;
        if (config.text.endsWith(u"config") || config.text.startsWith(u"env."))
            url.note = TextSourceText::djDatabaseUrl(variable);
        result->urls.append(url);
        return;
    }
    if (config.kind != PyValue::Kind::Dict)
        return;
    QString engine;
    if (const PyValue *value = config.dictValue(u"ENGINE"); value && settingText(*value, &engine)) {
        if (!engine.contains(u"postg") && !containsReference(engine))
            return;
    }
    DiscoveredUrl url;
    url.environment = environment;
    url.role = role;
    url.key = key;
    url.sourceKind = QStringLiteral("django");
    url.framework = QStringLiteral("django");
    url.dialect = libpq;
    url.location = SourceLocation {file.path, aliasLine, aliasColumn, 0, 0};
    url.singleLine = false;
    static const QList<std::pair<QString, QString>> fields {{QStringLiteral("HOST"), QStringLiteral("host")},
                                                            {QStringLiteral("PORT"), QStringLiteral("port")},
                                                            {QStringLiteral("NAME"), QStringLiteral("dbname")},
                                                            {QStringLiteral("USER"), QStringLiteral("user")},
                                                            {QStringLiteral("PASSWORD"), QStringLiteral("password")}};
    for (const auto &[djangoKey, keyword] : fields) {
        const PyValue *value = config.dictValue(djangoKey);
        QString text;
        if (!value || !settingText(*value, &text) || text.isEmpty())
            continue;
        url.parts.append(
            {keyword,
             SecretValue(text,
                         keyword == u"password" ? SecretValue::Kind::Password : SecretValue::Kind::ConnectionString),
             SourceLocation {file.path, value->line, value->column, 0, 0}});
    }
    if (const PyValue *options = config.dictValue(u"OPTIONS"); options && options->kind == PyValue::Kind::Dict) {
        const QStringList known = ConnectionString::libpqKnownKeywords();
        for (size_t i = 0; i < options->keys.size() && i < options->items.size(); ++i) {
            QString text;
            if (options->keys[i].kind != PyValue::Kind::String || !settingText(options->items[i], &text))
                continue;
            const QString option = options->keys[i].text;
            if (known.contains(option)) {
                url.parts.append({option,
                                  SecretValue(text,
                                              isSecretKeyword(option) ? SecretValue::Kind::Password
                                                                      : SecretValue::Kind::ConnectionString),
                                  SourceLocation {file.path, options->items[i].line, options->items[i].column, 0, 0}});
            } else {
                url.frameworkSettings.insert(option, text);
            }
        }
    }
    for (const QString &setting : {QStringLiteral("DISABLE_SERVER_SIDE_CURSORS"), QStringLiteral("CONN_MAX_AGE")}) {
        if (const PyValue *value = config.dictValue(setting))
            url.frameworkSettings.insert(setting, value->text);
    }
    if (url.parts.isEmpty())
        return;
    result->urls.append(url);
}

} // namespace

void readSpringProperties(const SettingsFile &file, DiscoveryResult *result)
{
    const qsizetype before = result->urls.size();
    const QString fileEnvironment = environmentFromPath(file.path, QStringLiteral("development"));
    for (const QList<detail::FoundSetting> &settings : readProperties(file)) {
        QString environment = fileEnvironment;
        for (const detail::FoundSetting &setting : settings) {
            if (setting.key == u"spring.config.activate.on-profile" || setting.key == u"spring.profiles")
                environment = normalizedEnvironmentName(setting.value.section(u',', 0, 0).trimmed());
        }
        detail::addSpringSettings(settings, environment, result);
        // Other frameworks' keys (quarkus.datasource.jdbc.url, DATABASE_URL, ...)
        for (const detail::FoundSetting &setting : settings) {
            if (!setting.key.startsWith(u"spring."))
                detail::addSetting(setting, environment, QStringLiteral("properties"), result);
        }
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

void readDjangoSettings(const SettingsFile &file, DiscoveryResult *result)
{
    const qsizetype before = result->urls.size();
    const QString environment = environmentFromPath(file.path, QStringLiteral("development"));
    const detail::LineIndex lines(file.text);
    static const QRegularExpression whole(QStringLiteral("^DATABASES\\s*(?::[^=\\n]*)?=\\s*"),
                                          QRegularExpression::MultilineOption);
    QRegularExpressionMatchIterator it = whole.globalMatch(file.text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const PyValue databases = parsePythonExpression(file.text, match.capturedEnd());
        if (databases.kind != PyValue::Kind::Dict)
            continue;
        for (size_t i = 0; i < databases.keys.size() && i < databases.items.size(); ++i) {
            if (databases.keys[i].kind == PyValue::Kind::String)
                addDjangoDatabase(file, environment, databases.keys[i].text, databases.items[i], databases.keys[i].line,
                                  databases.keys[i].column, result);
        }
    }
    static const QRegularExpression single(QStringLiteral("^DATABASES\\s*\\[\\s*['\"]([^'\"]+)['\"]\\s*\\]\\s*=\\s*"),
                                           QRegularExpression::MultilineOption);
    it = single.globalMatch(file.text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const SourceLocation at = lines.at(file.path, match.capturedStart(1));
        addDjangoDatabase(file, environment, match.captured(1), parsePythonExpression(file.text, match.capturedEnd()),
                          at.line, at.column, result);
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

void readPrismaSchema(const SettingsFile &file, DiscoveryResult *result)
{
    const detail::LineIndex lines(file.text);
    static const QRegularExpression block(QStringLiteral("datasource\\s+(\\w+)\\s*\\{([^}]*)\\}"));
    static const QRegularExpression assignment(QStringLiteral("(?m)^\\s*(\\w+)\\s*=\\s*(.+?)\\s*$"));
    static const QRegularExpression envCall(QStringLiteral("^env\\(\\s*\"([^\"]+)\"\\s*\\)$"));
    const QString environment = environmentFromPath(file.path, QStringLiteral("development"));
    QRegularExpressionMatchIterator blocks = block.globalMatch(file.text);
    bool any = false;
    while (blocks.hasNext()) {
        const QRegularExpressionMatch match = blocks.next();
        const QString name = match.captured(1);
        const QString body = match.captured(2);
        const qsizetype bodyStart = match.capturedStart(2);
        PrismaDatasource datasource;
        datasource.location = lines.at(file.path, match.capturedStart(0));
        bool postgres = false;
        QList<std::pair<QString, QRegularExpressionMatch>> settings;
        QRegularExpressionMatchIterator fields = assignment.globalMatch(body);
        while (fields.hasNext()) {
            const QRegularExpressionMatch field = fields.next();
            const QString key = field.captured(1);
            const QString value = field.captured(2);
            if (key == u"provider")
                postgres = value.contains(u"postgres") || value.contains(u"cockroach");
            settings.append({key, field});
        }
        if (!postgres)
            continue;
        for (const auto &[key, field] : std::as_const(settings)) {
            if (key != u"url" && key != u"directUrl" && key != u"shadowDatabaseUrl")
                continue;
            const QString value = field.captured(2);
            const QRegularExpressionMatch env = envCall.match(value);
            if (env.hasMatch()) {
                if (key == u"url")
                    datasource.urlVariable = env.captured(1);
                else if (key == u"directUrl")
                    datasource.directUrlVariable = env.captured(1);
                continue;
            }
            if (!value.startsWith(u'"'))
                continue;
            // A literal URL written into the schema.
            detail::FoundSetting setting;
            setting.key = QStringLiteral("datasource %1.%2").arg(name, key);
            setting.value = value.mid(1, value.lastIndexOf(u'"') - 1);
            setting.location = lines.at(file.path, bodyStart + field.capturedStart(2) + 1);
            DiscoveredUrl url = detail::makeUrl(setting, environment, QStringLiteral("prisma"),
                                                key == u"url" ? UrlRole::Application : UrlRole::Migration);
            url.framework = QStringLiteral("prisma");
            url.dialect = DialectContext {Dialect::Prisma, true, TextSourceText::prismaContext(file.path)};
            result->urls.append(url);
        }
        result->prisma.append(datasource);
        any = true;
    }
    if (any)
        result->files << file.path;
}

void readPgBouncerIni(const SettingsFile &file, DiscoveryResult *result)
{
    PoolerConfigFile pooler;
    pooler.settings.path = file.path;
    pooler.environment = environmentFromPath(file.path, QString());
    const QStringList lines = file.text.split(u'\n');
    QString section;
    const QStringList libpqKeywords = ConnectionString::libpqKnownKeywords();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u';') || trimmed.startsWith(u'#') || trimmed.startsWith(u'%'))
            continue;
        if (trimmed.startsWith(u'[') && trimmed.endsWith(u']')) {
            section = trimmed.mid(1, trimmed.size() - 2).trimmed().toLower();
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString key = line.left(equals).trimmed();
        qsizetype valueStart = equals + 1;
        while (valueStart < line.size() && line[valueStart].isSpace())
            ++valueStart;
        const QString value = line.mid(valueStart).trimmed();
        const int lineNumber = int(i) + 1;
        if (section == u"pgbouncer") {
            const QString lower = key.toLower();
            const auto list = [&value] {
                QStringList items;
                for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
                    items << item.trimmed();
                return items;
            };
            if (lower == u"listen_port")
                pooler.settings.listenPort = value.toInt();
            else if (lower == u"pool_mode")
                pooler.settings.poolMode = value;
            else if (lower == u"max_prepared_statements")
                pooler.settings.maxPreparedStatements = value.toInt();
            else if (lower == u"ignore_startup_parameters")
                pooler.settings.ignoreStartupParameters = list();
            else if (lower == u"track_extra_parameters")
                pooler.settings.trackExtraParameters = list();
            else if (lower == u"client_tls_sslmode")
                pooler.settings.clientTlsSslmode = value;
            else if (lower == u"max_client_conn")
                pooler.settings.maxClientConn = value.toInt();
            else if (lower == u"default_pool_size")
                pooler.settings.defaultPoolSize = value.toInt();
            else if (lower == u"reserve_pool_size")
                pooler.settings.reservePoolSize = value.toInt();
            else if (lower == u"max_db_connections")
                pooler.settings.maxDbConnections = value.toInt();
        } else if (section == u"databases") {
            // db = host=... port=... dbname=...: the pooler's view of a database. Settings only
            // PgBouncer knows (pool_size, pool_mode, ...) are blanked out so that the rest can be
            // checked as a libpq string at the same columns.
            QString checked = value;
            QStringList poolerOnly;
            const KeywordValueLayout layout = layoutKeywordValue(value);
            for (const KeywordValuePair &pair : layout.pairs) {
                const QString keyword = value.mid(pair.keyword.offset, pair.keyword.length);
                if (libpqKeywords.contains(keyword))
                    continue;
                poolerOnly << keyword;
                const qsizetype end
                    = pair.value.isValid() ? pair.value.end() + (pair.quoted ? 1 : 0) : pair.keyword.end();
                for (qsizetype p = pair.keyword.offset; p < end && p < checked.size(); ++p)
                    checked[p] = u' ';
            }
            DiscoveredUrl url;
            url.environment = pooler.environment;
            url.role = UrlRole::PoolerConfig;
            url.key = QStringLiteral("[databases] ") + key;
            url.sourceKind = QStringLiteral("pgbouncer");
            url.framework = QStringLiteral("pgbouncer");
            url.location = SourceLocation {file.path, lineNumber, int(valueStart) + 1, 0, 0};
            url.value = SecretValue(checked, SecretValue::Kind::ConnectionString);
            url.dialect = DialectContext {Dialect::Libpq, true, QString()};
            if (!poolerOnly.isEmpty())
                url.note = TextSourceText::pgbouncerOnly(poolerOnly.join(QStringLiteral(", ")));
            pooler.databases.append(url);
        }
    }
    result->poolers.append(pooler);
    result->files << file.path;
}

void readAppSettingsJson(const SettingsFile &file, DiscoveryResult *result)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        result->warnings << TextSourceText::invalidJson(file.path, error.errorString());
        return;
    }
    const QJsonObject strings = document.object().value(u"ConnectionStrings").toObject();
    const QString environment = environmentFromPath(file.path, QStringLiteral("development"));
    const detail::LineIndex lines(file.text);
    const qsizetype before = result->urls.size();
    for (auto it = strings.constBegin(); it != strings.constEnd(); ++it) {
        if (!it.value().isString())
            continue;
        const QString value = it.value().toString();
        const QString encoded
            = QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        const qsizetype at = file.text.indexOf(encoded);
        detail::FoundSetting setting;
        setting.key = QStringLiteral("ConnectionStrings:") + it.key();
        setting.value = value;
        setting.location = at >= 0 ? lines.at(file.path, at + 1) : SourceLocation {file.path, 1, 1, 0, 0};
        setting.singleLine = at >= 0 && encoded.size() == value.size() + 2;
        detail::addSetting(setting, environment, QStringLiteral("appsettings"), result);
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

void readDependencies(const SettingsFile &file, DiscoveryResult *result)
{
    const QString name = file.path.section(u'/', -1);
    QList<std::pair<Dialect, QString>> found; // dialect, package
    if (name == u"package.json") {
        const QJsonObject root = QJsonDocument::fromJson(file.text.toUtf8()).object();
        QStringList packages;
        for (const QString &section : {QStringLiteral("dependencies"), QStringLiteral("devDependencies")})
            packages += root.value(section).toObject().keys();
        if (packages.contains(QStringLiteral("postgres")))
            found.append({Dialect::PostgresJs, QStringLiteral("postgres")});
        if (packages.contains(QStringLiteral("pg")))
            found.append({Dialect::NodePostgres, QStringLiteral("pg")});
        if (packages.contains(QStringLiteral("@prisma/client")))
            found.append({Dialect::Prisma, QStringLiteral("@prisma/client")});
    } else if (name == u"go.mod") {
        if (file.text.contains(u"github.com/jackc/pgx"))
            found.append({Dialect::Pgx, QStringLiteral("github.com/jackc/pgx")});
        if (file.text.contains(u"github.com/lib/pq"))
            found.append({Dialect::LibPqGo, QStringLiteral("github.com/lib/pq")});
    } else if (name.endsWith(u".csproj")) {
        if (file.text.contains(u"Npgsql"))
            found.append({Dialect::Npgsql, QStringLiteral("Npgsql")});
    } else if (name == u"Gemfile") {
        static const QRegularExpression pg(QStringLiteral("gem\\s+['\"]pg['\"]"));
        if (pg.match(file.text).hasMatch())
            found.append({Dialect::Libpq, QStringLiteral("pg")});
    } else {
        // requirements*.txt, pyproject.toml, Pipfile
        static const QRegularExpression asyncpg(QStringLiteral("(?im)^\\s*[\"']?asyncpg\\b"));
        static const QRegularExpression psycopg(
            QStringLiteral("(?im)^\\s*[\"']?(psycopg2?(?:-binary)?|psycopg\\[|django)\\b"));
        if (asyncpg.match(file.text).hasMatch())
            found.append({Dialect::Asyncpg, QStringLiteral("asyncpg")});
        if (psycopg.match(file.text).hasMatch())
            found.append({Dialect::Libpq, QStringLiteral("psycopg")});
    }
    // The first driver that explains the URLs best wins: specific ones before libpq and Prisma
    // (Prisma's variables are known precisely from schema.prisma).
    static const QList<Dialect> priority {Dialect::Pgx,          Dialect::LibPqGo, Dialect::PostgresJs,
                                          Dialect::NodePostgres, Dialect::Asyncpg, Dialect::Npgsql,
                                          Dialect::Libpq,        Dialect::Prisma};
    for (const auto &[dialect, package] : std::as_const(found)) {
        const qsizetype rank = priority.indexOf(dialect);
        const qsizetype current
            = result->projectDriver.dialect ? priority.indexOf(*result->projectDriver.dialect) : priority.size();
        if (rank < current)
            result->projectDriver = DialectContext {dialect, false, TextSourceText::dependency(file.path, package)};
    }
    if (!found.isEmpty())
        result->files << file.path;
}

} // namespace poolproof
