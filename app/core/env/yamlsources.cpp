// YAML files: docker compose, Kubernetes manifests, Helm values, CI pipelines, Rails'
// config/database.yml and Spring's application*.yml.
#include "sourcehelpers.h"
#include "yamlreader.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace poolproof {

namespace {

class YamlSourceText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::YamlSources)
public:
    static QString warning(const QString &path, const QString &what) { return tr("%1: %2").arg(path, what); }
    static QString secretReference(const QString &kind, const QString &name, const QString &key)
    {
        return tr("from %1 %2, key %3").arg(kind, name, key);
    }
    static QString railsContext() { return tr("config/database.yml is read by Rails through the pg gem (libpq)"); }
    static QString springContext() { return tr("Spring Boot reads spring.datasource.url with pgjdbc"); }
};

std::vector<YamlDocument> parse(const SettingsFile &file, DiscoveryResult *result)
{
    QStringList warnings;
    std::vector<YamlDocument> documents = readYaml(file.text, &warnings);
    for (const QString &warning : std::as_const(warnings))
        result->warnings << YamlSourceText::warning(file.path, warning);
    return documents;
}

SourceLocation locationOf(const SettingsFile &file, const YamlNode &node)
{
    return SourceLocation {file.path, node.line, node.column, 0, 0};
}

bool isCiFile(const QString &path)
{
    return path.startsWith(u".github/workflows/") || path.section(u'/', -1).startsWith(u".gitlab-ci")
        || path.startsWith(u".circleci/") || path.section(u'/', -1) == u"bitbucket-pipelines.yml";
}

struct YamlContext {
    const SettingsFile *file = nullptr;
    QString environment;
    QString sourceKind;
    DiscoveryResult *result = nullptr;
};

// env: [{name: X, value: ...}] (Kubernetes, Helm values) or [KEY=value] (compose, CI).
void readEnvList(const YamlContext &context, const YamlNode &list)
{
    for (const YamlNode &item : list.items) {
        detail::FoundSetting setting;
        if (item.isMap() && item.value(u"name")) {
            setting.key = item.scalarValue(u"name");
            if (const YamlNode *value = item.value(u"value"); value && value->isScalar()) {
                setting.value = value->scalar;
                setting.location = locationOf(*context.file, *value);
                setting.singleLine = !value->blockScalar;
            } else if (const YamlNode *from = item.value(u"valueFrom"); from && from->isMap()) {
                // secretKeyRef / configMapKeyRef: defined elsewhere, which is what a secret should be.
                const KeyMeaning meaning = classifyKey(setting.key);
                if (!meaning.namesConnection)
                    continue;
                QString reference;
                for (const YamlEntry &entry : from->entries) {
                    if (entry.value.isMap()) {
                        reference = YamlSourceText::secretReference(entry.key, entry.value.scalarValue(u"name"),
                                                                    entry.value.scalarValue(u"key"));
                    }
                }
                detail::FoundSetting named;
                named.key = setting.key;
                named.location = SourceLocation {context.file->path, from->line, from->column, 0, 0};
                DiscoveredUrl url
                    = detail::makeUrl(named, meaning.environment.isEmpty() ? context.environment : meaning.environment,
                                      context.sourceKind, meaning.role);
                url.state = ValueState::DefinedElsewhere;
                url.reference = reference;
                context.result->urls.append(url);
                continue;
            } else {
                continue;
            }
        } else if (item.isScalar()) {
            const qsizetype equals = item.scalar.indexOf(u'=');
            if (equals <= 0)
                continue;
            setting.key = item.scalar.left(equals).trimmed();
            setting.value = item.scalar.mid(equals + 1);
            setting.location = SourceLocation {context.file->path, item.line, item.column + int(equals) + 1, 0, 0};
        } else {
            continue;
        }
        detail::addSetting(setting, context.environment, context.sourceKind, context.result);
    }
}

void walk(const YamlContext &context, const YamlNode &node, const QString &parentKey)
{
    if (node.isList()) {
        for (const YamlNode &item : node.items)
            walk(context, item, parentKey);
        return;
    }
    if (!node.isMap())
        return;
    for (const YamlEntry &entry : node.entries) {
        if ((entry.key == u"env" || entry.key == u"environment" || entry.key == u"variables") && entry.value.isList()) {
            readEnvList(context, entry.value);
            continue;
        }
        if (entry.value.isScalar()) {
            detail::FoundSetting setting;
            // "database: {url: ...}" in Helm values, "stringData: {url: ...}" in a Secret: a key
            // that does not name a connection on its own is shown with its parent's name.
            const bool ownName = classifyKey(entry.key).namesConnection;
            setting.key = ownName || parentKey.isEmpty() ? entry.key : parentKey + u'.' + entry.key;
            setting.value = entry.value.scalar;
            setting.location = locationOf(*context.file, entry.value);
            setting.singleLine = !entry.value.blockScalar;
            detail::addSetting(setting, context.environment, context.sourceKind, context.result);
            continue;
        }
        walk(context, entry.value, entry.key);
    }
}

QString kindOf(const QString &path, const std::vector<YamlDocument> &documents)
{
    const QString name = path.section(u'/', -1).toLower();
    static const QRegularExpression compose(QStringLiteral("^(docker-)?compose([.\\-].*)?\\.ya?ml$"));
    if (compose.match(name).hasMatch())
        return QStringLiteral("compose");
    if (isCiFile(path))
        return QStringLiteral("ci");
    if (name.startsWith(u"values") || path.contains(u"/charts/") || path.startsWith(u"charts/")
        || path.contains(u"helm"))
        return QStringLiteral("helm");
    for (const YamlDocument &document : documents) {
        if (document.root.isMap() && document.root.value(u"apiVersion") && document.root.value(u"kind"))
            return QStringLiteral("kubernetes");
    }
    return QStringLiteral("yaml");
}

// Flattened "a.b.c" -> scalar, for Spring's nested and dotted keys alike.
void flatten(const YamlNode &node, const QString &prefix, QList<std::pair<QString, const YamlNode *>> *out)
{
    if (node.isMap()) {
        for (const YamlEntry &entry : node.entries)
            flatten(entry.value, prefix.isEmpty() ? entry.key : prefix + u'.' + entry.key, out);
    } else if (node.isScalar()) {
        out->append({prefix, &node});
    }
}

} // namespace

void readYamlSettings(const SettingsFile &file, DiscoveryResult *result)
{
    const std::vector<YamlDocument> documents = parse(file, result);
    const QString kind = kindOf(file.path, documents);
    const qsizetype before = result->urls.size();
    for (const YamlDocument &document : documents) {
        YamlContext context;
        context.file = &file;
        context.sourceKind = kind;
        context.result = result;
        if (kind == u"ci") {
            context.environment = QStringLiteral("test");
        } else if (kind == u"kubernetes" || kind == u"helm") {
            // Deployment files without a hint are what gets deployed: production.
            QString fallback = QStringLiteral("production");
            if (const YamlNode *metadata = document.root.isMap() ? document.root.value(u"metadata") : nullptr) {
                const QString space = metadata->scalarValue(u"namespace");
                if (environmentKindFromName(space) != EnvironmentKind::Other)
                    fallback = normalizedEnvironmentName(space);
            }
            context.environment = environmentFromPath(file.path, fallback);
        } else {
            context.environment = environmentFromPath(file.path, QStringLiteral("development"));
        }
        walk(context, document.root, QString());
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

void readRailsDatabaseYml(const SettingsFile &file, DiscoveryResult *result)
{
    const std::vector<YamlDocument> documents = parse(file, result);
    if (documents.empty() || !documents.front().root.isMap())
        return;
    static const QList<std::pair<QString, QString>> fields {
        {QStringLiteral("host"), QStringLiteral("host")},
        {QStringLiteral("port"), QStringLiteral("port")},
        {QStringLiteral("database"), QStringLiteral("dbname")},
        {QStringLiteral("username"), QStringLiteral("user")},
        {QStringLiteral("password"), QStringLiteral("password")},
        {QStringLiteral("sslmode"), QStringLiteral("sslmode")},
        {QStringLiteral("sslrootcert"), QStringLiteral("sslrootcert")},
        {QStringLiteral("connect_timeout"), QStringLiteral("connect_timeout")},
        {QStringLiteral("application_name"), QStringLiteral("application_name")},
    };
    const qsizetype before = result->urls.size();
    const auto addConfig = [&](const QString &environment, const QString &key, const YamlEntry &section) {
        const YamlNode &config = section.value;
        const QString adapter = config.scalarValue(u"adapter");
        const YamlNode *urlNode = config.value(u"url");
        if (!adapter.isEmpty() && !adapter.contains(u"postg") && !containsReference(adapter))
            return;
        if (adapter.isEmpty() && !urlNode && !config.value(u"database"))
            return;
        DiscoveredUrl url;
        url.environment = environment;
        url.key = key;
        url.sourceKind = QStringLiteral("rails");
        url.framework = QStringLiteral("rails");
        url.dialect = DialectContext {Dialect::Libpq, true, YamlSourceText::railsContext()};
        url.location = SourceLocation {file.path, section.line, section.column, 0, 0};
        url.singleLine = false;
        if (urlNode && urlNode->isScalar()) {
            url.value = SecretValue(urlNode->scalar, SecretValue::Kind::ConnectionString);
            url.location = locationOf(file, *urlNode);
            url.singleLine = true;
            if (isWholeReference(urlNode->scalar)) {
                url.state = ValueState::DefinedElsewhere;
                url.reference = urlNode->scalar.trimmed();
            }
        }
        for (const auto &[railsKey, keyword] : fields) {
            const YamlNode *value = config.value(railsKey);
            if (!value || !value->isScalar()
                || (urlNode && (keyword == u"host" || keyword == u"dbname" || keyword == u"port")))
                continue;
            url.parts.append({keyword,
                              SecretValue(value->scalar,
                                          keyword == u"password" ? SecretValue::Kind::Password
                                                                 : SecretValue::Kind::ConnectionString),
                              locationOf(file, *value)});
        }
        for (const QString &setting : {QStringLiteral("prepared_statements"), QStringLiteral("advisory_locks")}) {
            if (const YamlNode *value = config.value(setting); value && value->isScalar())
                url.frameworkSettings.insert(setting, value->scalar.trimmed().toLower());
        }
        if (url.value.isEmpty() && url.parts.isEmpty())
            return;
        result->urls.append(url);
    };
    for (const YamlEntry &top : documents.front().root.entries) {
        if (!top.value.isMap() || top.key == u"default" || top.key.startsWith(u'.'))
            continue;
        const QString environment = normalizedEnvironmentName(top.key);
        const YamlNode &config = top.value;
        if (config.value(u"adapter") || config.value(u"url") || config.value(u"database") || config.value(u"host")) {
            addConfig(environment, top.key, top);
            continue;
        }
        // Several databases per environment (Rails 6+): primary, primary_replica, ...
        for (const YamlEntry &database : config.entries) {
            if (database.value.isMap())
                addConfig(environment, top.key + u'.' + database.key, database);
        }
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

void detail::addSpringSettings(const QList<FoundSetting> &settings, const QString &environment, DiscoveryResult *result)
{
    for (const QString &prefix :
         {QStringLiteral("spring.datasource"), QStringLiteral("spring.flyway"), QStringLiteral("spring.liquibase")}) {
        const FoundSetting *urlSetting = nullptr;
        QList<UrlPart> parts;
        for (const FoundSetting &setting : settings) {
            if (setting.key == prefix + u".url")
                urlSetting = &setting;
            else if (setting.key == prefix + u".username" || setting.key == prefix + u".user")
                parts.append({QStringLiteral("user"), SecretValue(setting.value, SecretValue::Kind::ConnectionString),
                              setting.location});
            else if (setting.key == prefix + u".password")
                parts.append({QStringLiteral("password"), SecretValue(setting.value, SecretValue::Kind::Password),
                              setting.location});
        }
        if (!urlSetting || (!looksLikeConnectionString(urlSetting->value) && !isWholeReference(urlSetting->value)))
            continue;
        DiscoveredUrl url = makeUrl(*urlSetting, environment, QStringLiteral("spring"),
                                    prefix == u"spring.datasource" ? UrlRole::Application : UrlRole::Migration);
        url.framework = QStringLiteral("spring");
        url.dialect = DialectContext {Dialect::Jdbc, true, YamlSourceText::springContext()};
        url.parts = parts;
        result->urls.append(url);
    }
}

void readSpringYaml(const SettingsFile &file, DiscoveryResult *result)
{
    const std::vector<YamlDocument> documents = parse(file, result);
    const qsizetype before = result->urls.size();
    const QString fileEnvironment = environmentFromPath(file.path, QStringLiteral("development"));
    for (const YamlDocument &document : documents) {
        QList<std::pair<QString, const YamlNode *>> flat;
        flatten(document.root, QString(), &flat);
        QString environment = fileEnvironment;
        QList<detail::FoundSetting> settings;
        for (const auto &[key, node] : std::as_const(flat)) {
            if (key == u"spring.config.activate.on-profile" || key == u"spring.profiles")
                environment = normalizedEnvironmentName(node->scalar.section(u',', 0, 0).trimmed());
            settings.append({key, node->scalar, locationOf(file, *node), !node->blockScalar});
        }
        detail::addSpringSettings(settings, environment, result);
    }
    if (result->urls.size() > before)
        result->files << file.path;
}

} // namespace poolproof
