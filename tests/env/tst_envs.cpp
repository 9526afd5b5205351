#include "env/environmentaudit.h"
#include "env/projectfile.h"
#include "env/pythonliteral.h"
#include "env/settingkeys.h"
#include "env/yamlreader.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Environments: the YAML reader, the project file, discovery in every kind of settings file,
// and the checks across environments, all on real files under data/.
class TestEnvs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void yamlStructure();
    void yamlScalars_data();
    void yamlScalars();
    void yamlAnchorsAndMerges();
    void yamlNeverFails();
    void pythonLiterals();
    void settingKeys_data();
    void settingKeys();
    void environmentFromPath_data();
    void environmentFromPath();
    void projectFile();
    void projectFileErrors_data();
    void projectFileErrors();
    void globs_data();
    void globs();
    void discovery_data();
    void discovery();
    void prismaContext();
    void pgbouncerIni();
    void projectFileEnvironments();
    void crossEnvironmentChecks_data();
    void crossEnvironmentChecks();
    void freshtrackSample();
    void plantedPasswordsStayMasked();
};

namespace {

QString dataDir(const QString &name)
{
    return QStringLiteral(POOLPROOF_TEST_DATA_DIR "/") + name;
}

poolproof::EnvironmentAudit audit(const QString &root, const poolproof::EnvironmentAuditOptions &options = {})
{
    QString error;
    const std::optional<poolproof::EnvironmentAudit> result = poolproof::auditEnvironments(root, options, &error);
    if (!result)
        qWarning("%s", qPrintable(error));
    return result.value_or(poolproof::EnvironmentAudit {});
}

const poolproof::EnvironmentUrl *find(const poolproof::EnvironmentAudit &result, QStringView environment,
                                      QStringView key, QStringView path = {}, int line = 0)
{
    const poolproof::AuditedEnvironment *found = result.environment(environment);
    if (!found)
        return nullptr;
    for (const poolproof::EnvironmentUrl &entry : found->urls) {
        if (entry.url.key == key && (path.isEmpty() || entry.url.location.path == path)
            && (line == 0 || entry.url.location.line == line))
            return &entry;
    }
    return nullptr;
}

QStringList ruleIds(const QList<poolproof::Finding> &findings)
{
    QStringList ids;
    for (const poolproof::Finding &finding : findings)
        ids << finding.ruleId;
    return ids;
}

QString roleOf(const poolproof::EnvironmentUrl *entry)
{
    return entry ? poolproof::urlRoleId(entry->url.role) : QString();
}

} // namespace

void TestEnvs::yamlStructure()
{
    const QString text = u"# comment\n"
                         u"services:\n"
                         u"  api:\n"
                         u"    image: \"shop/api\"   # trailing comment\n"
                         u"    environment:\n"
                         u"      - KEY=value\n"
                         u"      - name: DATABASE_URL\n"
                         u"        value: postgres://db/app#not-a-comment\n"
                         u"    ports: [\"8080:8080\", 9090]\n"
                         u"    labels: {tier: backend, team: 'shop'}\n"
                         u"list:\n"
                         u"- a\n"
                         u"- b\n"_s;
    QStringList warnings;
    const std::vector<poolproof::YamlDocument> documents = poolproof::readYaml(text, &warnings);
    QCOMPARE(documents.size(), size_t(1));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    const poolproof::YamlNode &root = documents.front().root;
    const poolproof::YamlNode *api = root.value(u"services")->value(u"api");
    QVERIFY(api && api->isMap());
    QCOMPARE(api->scalarValue(u"image"), u"shop/api"_s);
    const poolproof::YamlNode *environment = api->value(u"environment");
    QVERIFY(environment && environment->isList());
    QCOMPARE(environment->items.size(), size_t(2));
    QCOMPARE(environment->items[0].scalar, u"KEY=value"_s);
    const poolproof::YamlNode *value = environment->items[1].value(u"value");
    QCOMPARE(value->scalar, u"postgres://db/app#not-a-comment"_s);
    QCOMPARE(value->line, 8);
    QCOMPARE(value->column, 16);
    QCOMPARE(api->value(u"ports")->items.size(), size_t(2));
    QCOMPARE(api->value(u"ports")->items[0].scalar, u"8080:8080"_s);
    QCOMPARE(api->value(u"labels")->scalarValue(u"team"), u"shop"_s);
    QCOMPARE(root.value(u"list")->items.size(), size_t(2));
    QCOMPARE(root.value(u"list")->items[1].scalar, u"b"_s);
}

void TestEnvs::yamlScalars_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("column");

    QTest::newRow("plain") << u"key: some value"_s << u"some value"_s << 6;
    QTest::newRow("double") << u"key: \"a \\\"b\\\" \\u0041\""_s << u"a \"b\" A"_s << 7;
    QTest::newRow("single") << u"key: 'it''s'"_s << u"it's"_s << 7;
    QTest::newRow("comment") << u"key: value # note"_s << u"value"_s << 6;
    QTest::newRow("hash without blank") << u"key: pa#ss"_s << u"pa#ss"_s << 6;
    QTest::newRow("colon in value") << u"key: postgres://u:p@h:5432/db"_s << u"postgres://u:p@h:5432/db"_s << 6;
    QTest::newRow("tag") << u"key: !!str 5432"_s << u"5432"_s << 12;
    QTest::newRow("literal block") << u"key: |\n  line one\n  line two\nnext: x"_s << u"line one\nline two\n"_s << 3;
    QTest::newRow("folded block") << u"key: >-\n  line one\n  line two\n"_s << u"line one line two"_s << 3;
    QTest::newRow("continued plain") << u"key: first\n  second\n"_s << u"first second"_s << 6;
    QTest::newRow("quoted key") << u"\"key\": v"_s << u"v"_s << 8;
    QTest::newRow("template value") << u"key: {{ .Values.url }}"_s << u"{{ .Values.url }}"_s << 6;
}

void TestEnvs::yamlScalars()
{
    QFETCH(QString, yaml);
    QFETCH(QString, value);
    QFETCH(int, column);
    const std::vector<poolproof::YamlDocument> documents = poolproof::readYaml(yaml);
    QVERIFY(!documents.empty());
    const poolproof::YamlNode *node = documents.front().root.value(u"key");
    QVERIFY(node);
    QCOMPARE(node->scalar, value);
    QCOMPARE(node->column, column);
}

void TestEnvs::yamlAnchorsAndMerges()
{
    const QString text = u"default: &default\n  adapter: postgresql\n  pool: 5\n"
                         u"production:\n  <<: *default\n  pool: 20\n  database: shop\n"
                         u"---\nsecond: document\n"_s;
    const std::vector<poolproof::YamlDocument> documents = poolproof::readYaml(text);
    QCOMPARE(documents.size(), size_t(2));
    const poolproof::YamlNode *production = documents.front().root.value(u"production");
    QCOMPARE(production->scalarValue(u"adapter"), u"postgresql"_s);
    QCOMPARE(production->scalarValue(u"pool"), u"20"_s);
    QCOMPARE(production->scalarValue(u"database"), u"shop"_s);
    QCOMPARE(documents.back().root.scalarValue(u"second"), u"document"_s);
    QCOMPARE(documents.back().firstLine, 9);
}

void TestEnvs::yamlNeverFails()
{
    QStringList warnings;
    const QString broken = u"a: 1\n   b: 2\n  - c\nd: [1, 2\ne: \"open\n"_s;
    const std::vector<poolproof::YamlDocument> documents = poolproof::readYaml(broken, &warnings);
    QCOMPARE(documents.size(), size_t(1));
    QCOMPARE(documents.front().root.scalarValue(u"a"), u"1"_s);
    QVERIFY(!warnings.isEmpty());
    QVERIFY(poolproof::readYaml(QString()).empty());
}

void TestEnvs::pythonLiterals()
{
    const QString text = u"DATABASES = {\n"
                         u"    'default': {\n"
                         u"        'NAME': os.environ.get('DB_NAME', 'shop'),  # comment\n"
                         u"        'PORT': 5432,\n"
                         u"        'HOST': \"db\" \".internal\",\n"
                         u"        'OPTIONS': {'sslmode': 'verify-full'},\n"
                         u"        **EXTRA,\n"
                         u"    },\n"
                         u"    'other': dj_database_url.config(default=\"postgres://x@y/z\", conn_max_age=600),\n"
                         u"}\n"_s;
    const poolproof::PyValue value = poolproof::parsePythonExpression(text, text.indexOf(u'{'));
    QCOMPARE(value.kind, poolproof::PyValue::Kind::Dict);
    const poolproof::PyValue *config = value.dictValue(u"default");
    QVERIFY(config);
    const poolproof::PyValue *name = config->dictValue(u"NAME");
    QCOMPARE(name->kind, poolproof::PyValue::Kind::Call);
    QCOMPARE(name->text, u"os.environ.get"_s);
    QCOMPARE(name->items.front().text, u"DB_NAME"_s);
    QCOMPARE(config->dictValue(u"PORT")->text, u"5432"_s);
    QCOMPARE(config->dictValue(u"HOST")->text, u"db.internal"_s);
    QCOMPARE(config->dictValue(u"HOST")->line, 5);
    QCOMPARE(config->dictValue(u"OPTIONS")->dictValue(u"sslmode")->text, u"verify-full"_s);
    const poolproof::PyValue *other = value.dictValue(u"other");
    QCOMPARE(other->kind, poolproof::PyValue::Kind::Call);
    QCOMPARE(other->keyword(u"default")->text, u"postgres://x@y/z"_s);
}

void TestEnvs::settingKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("names");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("environment");

    QTest::newRow("DATABASE_URL") << u"DATABASE_URL"_s << true << u"application"_s << QString();
    QTest::newRow("READ_DATABASE_URL") << u"READ_DATABASE_URL"_s << true << u"application"_s << QString();
    QTest::newRow("DB_URL") << u"DB_URL"_s << true << u"application"_s << QString();
    QTest::newRow("POSTGRES_URL") << u"POSTGRES_URL"_s << true << u"application"_s << QString();
    QTest::newRow("POSTGRES_URL_NON_POOLING") << u"POSTGRES_URL_NON_POOLING"_s << true << u"migration"_s << QString();
    QTest::newRow("DATABASE_URL_UNPOOLED") << u"DATABASE_URL_UNPOOLED"_s << true << u"migration"_s << QString();
    QTest::newRow("PGBOUNCER_URL") << u"PGBOUNCER_URL"_s << true << u"application"_s << QString();
    QTest::newRow("DIRECT_URL") << u"DIRECT_URL"_s << true << u"migration"_s << QString();
    QTest::newRow("MIGRATION_DATABASE_URL") << u"MIGRATION_DATABASE_URL"_s << true << u"migration"_s << QString();
    QTest::newRow("JDBC_DATABASE_URL") << u"JDBC_DATABASE_URL"_s << true << u"application"_s << QString();
    QTest::newRow("camelCase") << u"databaseUrl"_s << true << u"application"_s << QString();
    QTest::newRow("spring") << u"spring.datasource.url"_s << true << u"application"_s << QString();
    QTest::newRow("PROD_ prefix") << u"PROD_DATABASE_URL"_s << true << u"application"_s << u"production"_s;
    QTest::newRow("DEV_ prefix") << u"DEV_DATABASE_URL"_s << true << u"application"_s << u"development"_s;
    QTest::newRow("STAGING_ prefix") << u"STAGING_DIRECT_URL"_s << true << u"migration"_s << u"staging"_s;
    QTest::newRow("REDIS_URL") << u"REDIS_URL"_s << false << u"application"_s << QString();
    QTest::newRow("DATABASE_POOL") << u"DATABASE_POOL"_s << false << u"application"_s << QString();
    QTest::newRow("API_URL") << u"API_URL"_s << false << u"application"_s << QString();
}

void TestEnvs::settingKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, names);
    QFETCH(QString, role);
    QFETCH(QString, environment);
    const poolproof::KeyMeaning meaning = poolproof::classifyKey(key);
    QCOMPARE(meaning.namesConnection, names);
    QCOMPARE(poolproof::urlRoleId(meaning.role), role);
    QCOMPARE(meaning.environment, environment);
    QVERIFY(poolproof::looksLikeConnectionString(u"postgresql+asyncpg://u@h/db"));
    QVERIFY(poolproof::looksLikeConnectionString(u"Host=h;Database=d;Username=u"));
    QVERIFY(poolproof::looksLikeConnectionString(u"host=h dbname=d"));
    QVERIFY(!poolproof::looksLikeConnectionString(u"mysql://u@h/db"));
    QVERIFY(poolproof::hasOtherScheme(u"redis://localhost:6379"));
}

void TestEnvs::environmentFromPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("environment");
    QTest::newRow("values-prod") << u"charts/api/values-prod.yaml"_s << u"production"_s;
    QTest::newRow("overlay") << u"deploy/overlays/staging/deployment.yaml"_s << u"staging"_s;
    QTest::newRow("spring profile") << u"src/main/resources/application-prod.yml"_s << u"production"_s;
    QTest::newRow("django") << u"shop/settings/production.py"_s << u"production"_s;
    QTest::newRow("compose override") << u"docker-compose.override.yml"_s << u"fallback"_s;
    QTest::newRow("preprod") << u"k8s/preprod/api.yaml"_s << u"preprod"_s;
    QTest::newRow("appsettings") << u"appsettings.Development.json"_s << u"development"_s;
}

void TestEnvs::environmentFromPath()
{
    QFETCH(QString, path);
    QFETCH(QString, environment);
    QCOMPARE(poolproof::environmentFromPath(path, u"fallback"_s), environment);
    QCOMPARE(poolproof::environmentKindFromName(u"preprod"), poolproof::EnvironmentKind::Staging);
    QCOMPARE(poolproof::environmentKindFromName(u"eu-production"), poolproof::EnvironmentKind::Production);
    QCOMPARE(poolproof::normalizedEnvironmentName(u"prod"), u"production"_s);
}

void TestEnvs::projectFile()
{
    QString error;
    const std::optional<poolproof::ProjectFile> project
        = poolproof::ProjectFile::read(dataDir(u"projectfile"_s), &error);
    QVERIFY2(project, qPrintable(error));
    QVERIFY(project->exists);
    QCOMPARE(project->pooler, u"supavisor"_s);
    QCOMPARE(project->libpqVersion, 16);
    QCOMPARE(project->environments.size(), 3);
    const poolproof::ProjectEnvironment *production = project->environment(u"production");
    QVERIFY(production);
    QCOMPARE(production->expectPooler, std::optional<bool>(true));
    QCOMPARE(production->instances, 3);
    QCOMPARE(production->driver, u"prisma"_s);
    QCOMPARE(production->databaseUrlLine, 7);
    QCOMPARE(production->databaseUrlColumn, 23);
    QCOMPARE(project->environment(u"preview")->kind, std::optional(poolproof::EnvironmentKind::Staging));
    QCOMPARE(project->environment(u"preview")->sources, QStringList {u"deploy/preview/**"_s});
    QCOMPARE(project->ignoreRules, QStringList {u"PB525"_s});
    QVERIFY(project->isExcluded(u"vendor-config/.env.production"_s));
    QVERIFY(project->isExcluded(u"old.env.bak"_s));
    QVERIFY(!project->isExcluded(u"deploy/preview/.env"_s));
    QVERIFY(project->warnings.isEmpty());

    // No project file at all is fine.
    const std::optional<poolproof::ProjectFile> none = poolproof::ProjectFile::read(dataDir(u"dotenv"_s), &error);
    QVERIFY(none && !none->exists);
}

void TestEnvs::projectFileErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // substring; empty: parses
    QTest::addColumn<QString>("warning"); // substring of a warning
    QTest::newRow("broken") << QByteArray("{\n  \"pooler\": \"pgbouncer-1.24\",\n  oops\n}") << u":3:"_s << QString();
    QTest::newRow("not an object") << QByteArray("[]") << u"JSON object"_s << QString();
    QTest::newRow("unknown profile") << QByteArray(R"({"pooler": "pgbouncer-9"})")
                                     << u"unknown pooler profile \"pgbouncer-9\""_s << QString();
    QTest::newRow("wrong type") << QByteArray(R"({"exclude": "vendor"})") << u"\"exclude\" must be"_s << QString();
    QTest::newRow("no name") << QByteArray(R"({"environments": [{"databaseUrl": "x"}]})") << u"needs a name"_s
                             << QString();
    QTest::newRow("bad kind") << QByteArray(R"({"environments": [{"name": "a", "kind": "prodution"}]})")
                              << u"unknown environment kind"_s << QString();
    QTest::newRow("bad driver") << QByteArray(R"({"environments": [{"name": "a", "driver": "mysql"}]})")
                                << u"unknown driver"_s << QString();
    QTest::newRow("unknown key") << QByteArray(
        R"({"pooolr": "x", "environments": [{"name": "a", "expectPoolr": true}]})")
                                 << QString() << u"unknown key \"pooolr\""_s;
}

void TestEnvs::projectFileErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(QString, warning);
    QString message;
    const std::optional<poolproof::ProjectFile> project
        = poolproof::ProjectFile::parse(json, u"/repo/.poolproof.json"_s, &message);
    if (!error.isEmpty()) {
        QVERIFY(!project);
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(message.contains(u"/repo/.poolproof.json"));
    } else {
        QVERIFY(project);
        QVERIFY2(project->warnings.join(u'\n').contains(warning), qPrintable(project->warnings.join(u'\n')));
        QCOMPARE(project->warnings.size(), 2);
    }
}

void TestEnvs::globs_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("matches");
    QTest::newRow("name anywhere") << u"*.bak"_s << u"a/b/c.bak"_s << true;
    QTest::newRow("folder anywhere") << u"fixtures"_s << u"tests/fixtures/.env"_s << true;
    QTest::newRow("anchored") << u"deploy/*.yaml"_s << u"deploy/api.yaml"_s << true;
    QTest::newRow("anchored not deeper") << u"deploy/*.yaml"_s << u"deploy/x/api.yaml"_s << false;
    QTest::newRow("double star") << u"deploy/**/*.yaml"_s << u"deploy/x/y/api.yaml"_s << true;
    QTest::newRow("double star zero") << u"deploy/**/*.yaml"_s << u"deploy/api.yaml"_s << true;
    QTest::newRow("folder slash") << u"vendor/"_s << u"vendor/lib/.env"_s << true;
    QTest::newRow("no partial name") << u"env"_s << u"config/.env"_s << false;
    QTest::newRow("question mark") << u".env.?"_s << u".env.x"_s << true;
}

void TestEnvs::globs()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, matches);
    QCOMPARE(poolproof::matchesGlob(pattern, path), matches);
}

void TestEnvs::discovery_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("state"); // written, elsewhere, empty
    QTest::addColumn<QString>("masked"); // for written values

    // .env files: the suffix names the environment; DEV_/PROD_ prefixes win.
    QTest::newRow(".env") << u"dotenv"_s << u"development"_s << u"DATABASE_URL"_s << u".env"_s << 2 << 14
                          << u"application"_s << u"written"_s << u"postgresql://shop:****@localhost:5432/shop_dev"_s;
    QTest::newRow("PROD_ prefix") << u"dotenv"_s << u"production"_s << u"PROD_DATABASE_URL"_s << u".env"_s << 4 << 20
                                  << u"application"_s << u"written"_s
                                  << u"postgresql://shop:****@db.prod.example.com:6432/shop?sslmode=verify-full"_s;
    QTest::newRow(".env.example empty") << u"dotenv"_s << u"development"_s << u"DATABASE_URL"_s << u".env.example"_s
                                        << 1 << 14 << u"application"_s << u"empty"_s << QString();
    QTest::newRow(".env.example reference")
        << u"dotenv"_s << u"development"_s << u"MIGRATION_DATABASE_URL"_s << u".env.example"_s << 2 << 24
        << u"migration"_s << u"elsewhere"_s << QString();
    QTest::newRow(".env.production quoted")
        << u"dotenv"_s << u"production"_s << u"DATABASE_URL"_s << u".env.production"_s << 1 << 15 << u"application"_s
        << u"written"_s << u"postgresql://shop:****@pgbouncer.internal:6432/shop?sslmode=verify-full"_s;
    QTest::newRow("DIRECT_URL") << u"dotenv"_s << u"production"_s << u"DIRECT_URL"_s << u".env.production"_s << 2 << 12
                                << u"migration"_s << u"written"_s
                                << u"postgresql://shop_owner:****@db.internal:5432/shop?sslmode=verify-full"_s;
    QTest::newRow(".env.staging.example")
        << u"dotenv"_s << u"staging"_s << u"STAGING_DB_URL"_s << u".env.staging.example"_s << 1 << 16
        << u"application"_s << u"written"_s << u"postgres://shop@db.staging.internal:5432/shop"_s;
    QTest::newRow(".env.qa") << u"dotenv"_s << u"qa"_s << u"POSTGRES_URL"_s << u".env.qa"_s << 1 << 14
                             << u"application"_s << u"written"_s << u"postgres://shop@db.qa.internal/shop"_s;
    // docker compose: maps and lists
    QTest::newRow("compose map") << u"compose"_s << u"development"_s << u"DATABASE_URL"_s << u"docker-compose.yml"_s
                                 << 5 << 21 << u"application"_s << u"written"_s
                                 << u"postgres://shop:****@db:5432/shop"_s;
    QTest::newRow("compose list") << u"compose"_s << u"development"_s << u"DATABASE_URL"_s << u"docker-compose.yml"_s
                                  << 11 << 22 << u"application"_s << u"written"_s << u"postgres://shop@db:5432/shop"_s;
    QTest::newRow("compose prod") << u"compose"_s << u"production"_s << u"DATABASE_URL"_s
                                  << u"docker-compose.prod.yml"_s << 4 << 21 << u"application"_s << u"elsewhere"_s
                                  << QString();
    // Kubernetes: env lists, secretKeyRef, Secret stringData
    QTest::newRow("k8s secretKeyRef") << u"kubernetes"_s << u"production"_s << u"DATABASE_URL"_s << QString() << 15
                                      << 17 << u"application"_s << u"elsewhere"_s << QString();
    QTest::newRow("k8s value") << u"kubernetes"_s << u"production"_s << u"MIGRATION_DATABASE_URL"_s << QString() << 19
                               << 23 << u"migration"_s << u"written"_s
                               << u"postgresql://migrator:****@db-primary.prod.svc:5432/shop?sslmode=verify-full"_s;
    QTest::newRow("k8s secret") << u"kubernetes"_s << u"production"_s << u"stringData.url"_s << QString() << 28 << 8
                                << u"application"_s << u"written"_s
                                << u"postgresql://shop:****@pgbouncer.prod.svc:6432/shop"_s;
    QTest::newRow("k8s flow map") << u"kubernetes"_s << u"staging"_s << u"DATABASE_URL"_s << QString() << 11 << 44
                                  << u"application"_s << u"written"_s
                                  << u"postgresql://shop@pgbouncer.staging.svc:6432/shop?sslmode=require"_s;
    // Helm: values keys, env lists in values, templates
    QTest::newRow("helm values") << u"helm"_s << u"production"_s << u"database.url"_s << u"charts/api/values.yaml"_s
                                 << 4 << 8 << u"application"_s << u"written"_s
                                 << u"postgresql://shop:****@shop-pooler.db.svc:6432/shop?sslmode=verify-full"_s;
    QTest::newRow("helm env list") << u"helm"_s << u"production"_s << u"DIRECT_URL"_s << u"charts/api/values.yaml"_s
                                   << 8 << 12 << u"migration"_s << u"written"_s
                                   << u"postgresql://shop@shop-db.db.svc:5432/shop"_s;
    QTest::newRow("helm staging") << u"helm"_s << u"staging"_s << u"database.url"_s
                                  << u"charts/api/values-staging.yaml"_s << 2 << 9 << u"application"_s << u"written"_s
                                  << u"postgresql://shop@shop-pooler.staging.svc:6432/shop"_s;
    QTest::newRow("helm template") << u"helm"_s << u"production"_s << u"DATABASE_URL"_s
                                   << u"charts/api/templates/deployment.yaml"_s << 13 << 22 << u"application"_s
                                   << u"elsewhere"_s << QString();
    // Rails
    QTest::newRow("rails development") << u"rails"_s << u"development"_s << u"development"_s << QString() << 6 << 1
                                       << u"application"_s << u"written"_s
                                       << u"host='localhost' dbname='shop_development'"_s;
    QTest::newRow("rails url erb") << u"rails"_s << u"production"_s << u"production.primary"_s << QString() << 18 << 10
                                   << u"application"_s << u"elsewhere"_s << QString();
    QTest::newRow("rails multi-db")
        << u"rails"_s << u"production"_s << u"production.cache"_s << QString() << 21 << 3 << u"application"_s
        << u"written"_s << u"host='cache-db.internal' port='6432' dbname='shop_cache' user='cache' password='****'"_s;
    QTest::newRow("rails staging")
        << u"rails"_s << u"staging"_s << u"staging"_s << QString() << 29 << 1 << u"application"_s << u"written"_s
        << u"host='pgbouncer.staging.internal' port='6432' dbname='shop' user='shop' password='****' sslmode='verify-full'"_s;
    // Django
    QTest::newRow("django dict")
        << u"django"_s << u"development"_s << u"DATABASES['default']"_s << QString() << 6 << 6 << u"application"_s
        << u"written"_s
        << u"host='localhost' port='5432' dbname='${DB_NAME}' user='shop' password='****' sslmode='prefer'"_s;
    QTest::newRow("dj_database_url") << u"django"_s << u"production"_s << u"DATABASES['default']"_s << QString() << 9
                                     << 18 << u"application"_s << u"written"_s
                                     << u"postgres://shop@pgbouncer.internal:6432/shop?sslmode=verify-full"_s;
    QTest::newRow("django migrations alias")
        << u"django"_s << u"production"_s << u"DATABASES['migrations']"_s << QString() << 13 << 12 << u"migration"_s
        << u"written"_s << u"host='db.internal' port='5432' dbname='shop' user='shop_owner' password='****'"_s;
    // Prisma (the schema decides role and driver)
    QTest::newRow("prisma pooled")
        << u"prisma"_s << u"production"_s << u"DATABASE_URL"_s << QString() << 1 << 15 << u"application"_s
        << u"written"_s
        << u"postgresql://shop:****@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=1"_s;
    QTest::newRow("prisma direct") << u"prisma"_s << u"production"_s << u"DIRECT_URL"_s << QString() << 2 << 13
                                   << u"migration"_s << u"written"_s
                                   << u"postgresql://shop:****@db.abcdefgh.supabase.co:5432/postgres"_s;
    // Spring: properties and profiles in YAML
    QTest::newRow("spring properties") << u"spring"_s << u"development"_s << u"spring.datasource.url"_s << QString()
                                       << 2 << 23 << u"application"_s << u"written"_s
                                       << u"jdbc:postgresql://localhost:5432/shop?user=shop&password=****"_s;
    QTest::newRow("spring prod yml")
        << u"spring"_s << u"production"_s << u"spring.datasource.url"_s << QString() << 3 << 10 << u"application"_s
        << u"written"_s
        << u"jdbc:postgresql://pgbouncer.internal:6432/shop?sslmode=verify-full&ApplicationName=shop&user=shop&password=****"_s;
    QTest::newRow("spring flyway") << u"spring"_s << u"production"_s << u"spring.flyway.url"_s << QString() << 7 << 10
                                   << u"migration"_s << u"written"_s
                                   << u"jdbc:postgresql://db.internal:5432/shop?sslmode=verify-full&user=shop_owner"_s;
    QTest::newRow("spring profile document")
        << u"spring"_s << u"staging"_s << u"spring.datasource.url"_s << QString() << 15 << 10 << u"application"_s
        << u"written"_s << u"jdbc:postgresql://pgbouncer.staging.internal:6432/shop"_s;
    // pgbouncer.ini: the pooler's view
    QTest::newRow("pgbouncer databases") << u"pgbouncer"_s << u"production"_s << u"[databases] reports"_s << QString()
                                         << 4 << 11 << u"pooler-config"_s << u"written"_s
                                         << u"host=db.internal port=5432 dbname=shop user=reports password=****"_s;
    // appsettings.json (Npgsql)
    QTest::newRow("appsettings")
        << u"appsettings"_s << u"production"_s << u"ConnectionStrings:Shop"_s << QString() << 4 << 14
        << u"application"_s << u"written"_s
        << u"Host=pgbouncer.internal;Port=6432;Database=shop;Username=shop;Password=****;SSL Mode=VerifyFull;Application Name=shop"_s;
    // CI pipelines are test environments
    QTest::newRow("github actions") << u"ci"_s << u"test"_s << u"DATABASE_URL"_s << QString() << 7 << 21
                                    << u"application"_s << u"written"_s
                                    << u"postgres://postgres:****@localhost:5432/shop_test"_s;
}

void TestEnvs::discovery()
{
    QFETCH(QString, fixture);
    QFETCH(QString, environment);
    QFETCH(QString, key);
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, role);
    QFETCH(QString, state);
    QFETCH(QString, masked);
    const poolproof::EnvironmentAudit result = audit(dataDir(fixture));
    const poolproof::EnvironmentUrl *entry = find(result, environment, key, path, line);
    QVERIFY2(entry, qPrintable(u"not found; environments: "_s + [&] {
                 QStringList names;
                 for (const poolproof::AuditedEnvironment &e : result.environments) {
                     for (const poolproof::EnvironmentUrl &u : e.urls)
                         names << e.name + u'/' + u.url.key + u'@' + u.url.location.path;
                 }
                 return names.join(u", ");
             }()));
    QCOMPARE(entry->url.location.line, line);
    QCOMPARE(entry->url.location.column, column);
    QCOMPARE(roleOf(entry), role);
    const QString actualState = entry->url.state == poolproof::ValueState::Written ? u"written"_s
        : entry->url.state == poolproof::ValueState::Empty                         ? u"empty"_s
                                                                                   : u"elsewhere"_s;
    QCOMPARE(actualState, state);
    if (state == u"written") {
        QCOMPARE(entry->url.masked().simplified(), masked);
        QVERIFY(entry->checked);
    } else {
        QVERIFY(!entry->checked);
    }
}

void TestEnvs::prismaContext()
{
    const poolproof::EnvironmentAudit result = audit(dataDir(u"prisma"_s));
    const poolproof::EnvironmentUrl *pooled = find(result, u"production", u"DATABASE_URL");
    QVERIFY(pooled);
    QCOMPARE(pooled->check.analysis.dialect(), poolproof::Dialect::Prisma);
    QVERIFY(pooled->check.analysis.dialectReason().contains(u"schema.prisma"));
    // The pooled URL has pgbouncer=true, which Supavisor needs: no PB530.
    QCOMPARE(result.profileId, u"supavisor"_s);
    QVERIFY(!ruleIds(pooled->check.findings).contains(u"PB530"_s));
    QVERIFY(!pooled->check.analysis.libpqAccepts());
    QVERIFY(pooled->check.analysis.driverAccepts());
}

void TestEnvs::pgbouncerIni()
{
    const poolproof::EnvironmentAudit result = audit(dataDir(u"pgbouncer"_s));
    QCOMPARE(result.poolers.size(), 1);
    const poolproof::PoolerSettings &settings = result.poolers.first().settings;
    QCOMPARE(settings.listenPort, 6433);
    QCOMPARE(settings.poolMode, u"transaction"_s);
    QCOMPARE(settings.maxPreparedStatements, 0);
    QCOMPARE(settings.ignoreStartupParameters, (QStringList {u"extra_float_digits"_s, u"options"_s}));
    QCOMPARE(settings.clientTlsSslmode, u"disable"_s);
    // The pooler belongs to production: its database host is production's migration host.
    QCOMPARE(result.poolers.first().environment, u"production"_s);
    QCOMPARE(result.profileId, u"pgbouncer-1.21"_s);
    const poolproof::AuditedEnvironment *production = result.environment(u"production");
    QVERIFY(production->poolerExpected);
    // listen_port 6433 counts as the pooler; TLS against client_tls_sslmode = disable fails.
    const poolproof::EnvironmentUrl *application = find(result, u"production", u"DATABASE_URL");
    QVERIFY(application->check.pooler.viaPooler);
    QVERIFY(ruleIds(application->check.findings).contains(u"PB527"_s));
    QVERIFY(!ruleIds(application->check.findings).contains(u"PB510"_s));
    // The pooler's own password is literal.
    const poolproof::EnvironmentUrl *reports = find(result, u"production", u"[databases] reports");
    QVERIFY(ruleIds(reports->check.findings).contains(u"PB522"_s));
    const poolproof::EnvironmentUrl *shop = find(result, u"production", u"[databases] shop");
    QVERIFY(shop->url.note.contains(u"pool_size"));
    QVERIFY(shop->check.analysis.libpqAccepts());
}

void TestEnvs::projectFileEnvironments()
{
    const poolproof::EnvironmentAudit result = audit(dataDir(u"projectfile"_s));
    QCOMPARE(result.profileId, u"supavisor"_s);
    QCOMPARE(result.libpqVersion, 16);
    QStringList names;
    for (const poolproof::AuditedEnvironment &environment : result.environments)
        names << environment.name;
    QCOMPARE(names, (QStringList {u"preview"_s, u"eu-prod"_s, u"production"_s}));
    QVERIFY(result.environment(u"eu-prod")->declared);
    QVERIFY(result.environment(u"eu-prod")->urls.isEmpty());
    QCOMPARE(result.environment(u"production")->instances, 3);
    // "sources" puts deploy/preview/.env into preview.
    QVERIFY(find(result, u"preview", u"DATABASE_URL", u"deploy/preview/.env"));
    // Excluded files are not read.
    for (const QString &file : result.files)
        QVERIFY2(!file.startsWith(u"vendor-config") && !file.endsWith(u".bak"), qPrintable(file));
    const poolproof::EnvironmentUrl *production = find(result, u"production", u"databaseUrl");
    QVERIFY(production);
    QCOMPARE(production->url.location.path, u".poolproof.json"_s);
    QCOMPARE(production->check.analysis.dialect(), poolproof::Dialect::Prisma);
    QVERIFY(find(result, u"production", u"migrationUrl")->url.state == poolproof::ValueState::DefinedElsewhere);
    // ignoreRules drops PB525; preview says it has no pooler, so no drift about the pooler.
    for (const poolproof::Finding &finding : result.findings()) {
        QVERIFY(finding.ruleId != u"PB525");
        QVERIFY2(!(finding.ruleId == u"PB541" && finding.subject == u"port"), qPrintable(finding.message));
    }
}

void TestEnvs::crossEnvironmentChecks_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    for (const auto &[rule, fixture, path, line] :
         {std::tuple {u"PB510"_s, u"PB510"_s, u".env.production"_s, 1},
          std::tuple {u"PB511"_s, u"PB511"_s, u".env.production"_s, 1},
          std::tuple {u"PB511"_s, u"PB511-prisma"_s, u".env.production"_s, 1},
          std::tuple {u"PB522"_s, u"PB522"_s, u".env.production"_s, 1},
          std::tuple {u"PB540"_s, u"PB540"_s, u".env"_s, 1}, std::tuple {u"PB540"_s, u"PB540-name"_s, u".env"_s, 1},
          std::tuple {u"PB541"_s, u"PB541"_s, u".env.staging"_s, 1}})
        QTest::addRow("%s", qPrintable(fixture)) << rule << fixture << path << line;
}

void TestEnvs::crossEnvironmentChecks()
{
    QFETCH(QString, rule);
    QFETCH(QString, fixture);
    QFETCH(QString, path);
    QFETCH(int, line);
    const poolproof::EnvironmentAudit failing = audit(dataDir(u"policy/"_s + fixture + u"/failing"_s));
    bool fired = false;
    for (const poolproof::Finding &finding : failing.findings()) {
        if (finding.ruleId != rule)
            continue;
        fired = true;
        QCOMPARE(finding.location.path, path);
        QCOMPARE(finding.location.line, line);
        QVERIFY(!finding.environment.isEmpty());
        QCOMPARE(finding.fingerprint.size(), 40);
    }
    QVERIFY2(fired, qPrintable(ruleIds(failing.findings()).join(u',')));
    const poolproof::EnvironmentAudit fixed = audit(dataDir(u"policy/"_s + fixture + u"/fixed"_s));
    QVERIFY2(!ruleIds(fixed.findings()).contains(rule), qPrintable(ruleIds(fixed.findings()).join(u',')));
}

void TestEnvs::freshtrackSample()
{
    const poolproof::EnvironmentAudit result
        = audit(QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend"));
    QStringList names;
    for (const poolproof::AuditedEnvironment &environment : result.environments)
        names << environment.name;
    QCOMPARE(names, (QStringList {u"development"_s, u"staging"_s, u"production"_s}));
    QCOMPARE(result.profileId, u"pgbouncer-1.24"_s);
    for (const poolproof::AuditedEnvironment &environment : result.environments) {
        QCOMPARE(environment.verdict(), poolproof::Severity::Ok);
        QCOMPARE(environment.poolerExpected, environment.name != u"development");
    }
    const poolproof::EnvironmentUrl *api = find(result, u"production", u"DATABASE_URL");
    QVERIFY(api && api->check.pooler.viaPooler);
    QCOMPARE(api->check.analysis.dialect(), poolproof::Dialect::NodePostgres);
    QVERIFY(api->check.analysis.libpqAccepts());
    const poolproof::EnvironmentUrl *migrations = find(result, u"production", u"MIGRATION_DATABASE_URL");
    QVERIFY(migrations && !migrations->check.pooler.viaPooler);
    QCOMPARE(roleOf(migrations), u"migration"_s);
    QVERIFY(find(result, u"production", u"[databases] freshtrack"));
    QVERIFY(find(result, u"staging", u"DATABASE_URL")->check.pooler.viaPooler);
    QVERIFY(!find(result, u"development", u"DATABASE_URL")->check.pooler.viaPooler);
}

void TestEnvs::plantedPasswordsStayMasked()
{
    // Every literal password in the fixtures, as it is written there.
    const QStringList planted {u"hunter2"_s, u"s3cr3t-cache"_s, u"r3p0rts-literal"_s, u"devpassword"_s};
    for (const QString &fixture : {u"kubernetes"_s, u"rails"_s, u"pgbouncer"_s, u"dotenv"_s}) {
        const poolproof::EnvironmentAudit result = audit(dataDir(fixture));
        QStringList shown;
        for (const poolproof::AuditedEnvironment &environment : result.environments) {
            for (const poolproof::EnvironmentUrl &entry : environment.urls) {
                shown << entry.url.masked() << entry.url.note << entry.url.reference;
                if (entry.checked)
                    shown << entry.check.analysis.libpqMessage() << entry.check.analysis.driverMessage();
            }
            for (const poolproof::Finding &finding : environment.findings)
                shown << finding.message << finding.fix << finding.snippet << finding.subject;
        }
        for (const QString &text : std::as_const(shown)) {
            for (const QString &secret : planted)
                QVERIFY2(!text.contains(secret), qPrintable(fixture + u": "_s + text));
        }
    }
}

QTEST_GUILESS_MAIN(TestEnvs)
#include "tst_envs.moc"
