#include "environmentaudit.h"

#include "settingkeys.h"

#include "rules/rulecatalog.h"
#include "url/urlfinding.h"
#include "url/valuereference.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace poolproof {

namespace {

class AuditText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::EnvironmentAudit)
public:
    static QString profileFromOption() { return tr("given on the command line"); }
    static QString profileFromProject(const QString &path) { return tr("set in %1").arg(path); }
    static QString profileFromPgBouncer(const QString &path, int value)
    {
        return tr("%1 sets max_prepared_statements = %2").arg(path).arg(value);
    }
    static QString profileFromHost(const QString &host) { return tr("a URL points at %1").arg(host); }
    static QString profileDefault() { return tr("the default profile"); }
    static QString environmentFileUnreadable(const QString &path, const QString &reason)
    {
        return tr("cannot read the environment file %1: %2").arg(path, reason);
    }
    static QString environmentFileTooLarge(const QString &path)
    {
        return tr("the environment file %1 is larger than 2 MB; it is not a dotenv file").arg(path);
    }
    static QString environmentFileNotText(const QString &path)
    {
        return tr("the environment file %1 is not UTF-8 text").arg(path);
    }
    static QString expectedByProject(const QString &path) { return tr("%1 says so (expectPooler)").arg(path); }
    static QString expectedByPgBouncer(const QString &path)
    {
        return tr("the project configures a pooler in %1").arg(path);
    }
    static QString prismaReads(const QString &path, const QString &variable)
    {
        return tr("%1 reads %2").arg(path, variable);
    }
    static QString prismaMigrates(const QString &path)
    {
        return tr("the datasource in %1 has no directUrl, so Prisma Migrate uses this URL").arg(path);
    }
    static QString driverOfEnvironment(const QString &path) { return tr("the environment's driver in %1").arg(path); }
    static QString literalSecret(const QString &name, const QString &environment)
    {
        return tr("The %1 connection string takes its password from %2, which this file sets to a literal value.")
            .arg(environment, name);
    }
    static QString devToProductionHost(const QString &environment, const QString &host)
    {
        return tr("This %1 setting points at \"%2\", the host of a production URL.").arg(environment, host);
    }
    static QString devToProdName(const QString &environment, const QString &host)
    {
        return tr("This %1 setting points at \"%2\", whose name says production.").arg(environment, host);
    }
    static QString driftPooler(const QString &staging, const QString &production, const QString &via)
    {
        return tr("The %2 URL goes through the pooler (%3), the %1 URL connects straight to the database: pooler "
                  "problems show up only in %2.")
            .arg(staging, production, via);
    }
    static QString driftTls(const QString &staging, const QString &production, const QString &stagingTls,
                            const QString &productionTls)
    {
        return tr("The %1 URL uses TLS level %3, the %2 URL %4: TLS problems show up only in one of them.")
            .arg(staging, production, stagingTls, productionTls);
    }
    static QString driftDbname(const QString &staging, const QString &production, const QString &stagingDb,
                               const QString &productionDb)
    {
        return tr("The %1 URL uses the database \"%3\", the %2 URL \"%4\": the names follow different patterns.")
            .arg(staging, production, stagingDb, productionDb);
    }
    static QString driftUser(const QString &staging, const QString &production, const QString &stagingUser,
                             const QString &productionUser)
    {
        return tr("The %1 URL logs in as \"%3\", the %2 URL as \"%4\": the user names follow different patterns, "
                  "so permission problems show up only in one of them.")
            .arg(staging, production, stagingUser, productionUser);
    }
};

int kindOrder(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Development: return 0;
    case EnvironmentKind::Test: return 1;
    case EnvironmentKind::Staging: return 2;
    case EnvironmentKind::Production: return 3;
    case EnvironmentKind::Other: return 4;
    }
    return 5;
}

// "app_staging" and "app_prod" follow one pattern: the environment words removed.
QString pattern(const QString &name)
{
    static const QRegularExpression words(QStringLiteral("(?i)(?:^|[_\\-.])(?:prod|production|prd|live|staging|stage|"
                                                         "stg|preprod|qa|uat|dev|development|test)(?=$|[_\\-.])"));
    QString result = name;
    result.replace(words, QString());
    return result.toLower();
}

bool hostNamesProduction(const QString &host)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    const QStringList words = host.toLower().split(separators, Qt::SkipEmptyParts);
    return words.contains(QStringLiteral("prod")) || words.contains(QStringLiteral("production"))
        || words.contains(QStringLiteral("prd"));
}

UrlSite siteOf(const DiscoveredUrl &url)
{
    UrlSite site;
    site.value = url.location;
    site.singleLine = url.singleLine;
    site.key = url.key;
    site.environment = url.environment;
    for (const UrlPart &part : url.parts)
        site.fields.insert(part.keyword, part.location);
    return site;
}

Finding crossFinding(const QString &ruleId, const QString &subject, const QString &message, const EnvironmentUrl &at,
                     const TextSpan &span, const QString &profileId, Severity cap = Severity::Error)
{
    UrlIssue issue;
    issue.ruleId = ruleId;
    issue.subject = subject;
    issue.keyword = subject;
    issue.message = message;
    issue.span = span;
    issue.cap = cap;
    return makeUrlFinding(issue, siteOf(at.url), at.url.masked(), profileId);
}

QString firstHost(const ConnectionFacts &facts)
{
    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        if (endpoint.host.known() && !endpoint.host.value.isEmpty())
            return endpoint.host.value.toLower();
    }
    return {};
}

class Auditor
{
public:
    Auditor(const QString &root, const EnvironmentAuditOptions &options)
        : m_root(root)
        , m_options(options)
    {
    }
    std::optional<EnvironmentAudit> run(QString *error);

private:
    bool readEnvironmentFiles(DiscoveryResult *discovery, QString *error) const;
    void addProjectFileUrls(QList<DiscoveredUrl> *urls);
    void applyContexts(QList<DiscoveredUrl> *urls, const DiscoveryResult &discovery);
    void choosePoolerEnvironments(QList<PoolerConfigFile> *poolers, const QList<DiscoveredUrl> &urls);
    void chooseProfile(const DiscoveryResult &discovery, const QList<DiscoveredUrl> &urls);
    void checkEnvironment(AuditedEnvironment &environment);
    void checkLiteralSecrets(AuditedEnvironment &environment, const DiscoveryResult &discovery);
    void checkDevelopmentHosts();
    void checkDrift();

    QString m_root;
    EnvironmentAuditOptions m_options;
    EnvironmentAudit m_audit;
    const PoolerProfile *m_profile = nullptr;
};

void Auditor::addProjectFileUrls(QList<DiscoveredUrl> *urls)
{
    const QString path = ProjectFile::fileName.toString();
    for (const ProjectEnvironment &environment : std::as_const(m_audit.project.environments)) {
        const auto add = [&](const QString &value, UrlRole role, const QString &key, int line, int column) {
            if (value.isEmpty())
                return;
            DiscoveredUrl url;
            url.environment = environment.name;
            url.role = role;
            url.key = key;
            url.sourceKind = QStringLiteral("project-file");
            url.location = SourceLocation {path, qMax(1, line), qMax(1, column), 0, 0};
            url.value = SecretValue(value, SecretValue::Kind::ConnectionString);
            if (isWholeReference(value)) {
                url.state = ValueState::DefinedElsewhere;
                url.reference = value.trimmed();
            }
            urls->append(url);
        };
        add(environment.databaseUrl, UrlRole::Application, QStringLiteral("databaseUrl"), environment.databaseUrlLine,
            environment.databaseUrlColumn);
        add(environment.migrationUrl, UrlRole::Migration, QStringLiteral("migrationUrl"), environment.migrationUrlLine,
            environment.migrationUrlColumn);
    }
}

void Auditor::applyContexts(QList<DiscoveredUrl> *urls, const DiscoveryResult &discovery)
{
    static const QStringList environmentStyle {QStringLiteral("dotenv"),       QStringLiteral("compose"),
                                               QStringLiteral("kubernetes"),   QStringLiteral("helm"),
                                               QStringLiteral("ci"),           QStringLiteral("yaml"),
                                               QStringLiteral("project-file"), QStringLiteral("properties")};
    for (DiscoveredUrl &url : *urls) {
        // Files the project file assigns to an environment.
        for (const ProjectEnvironment &environment : std::as_const(m_audit.project.environments)) {
            for (const QString &glob : environment.sources) {
                if (matchesGlob(glob, url.location.path))
                    url.environment = environment.name;
            }
        }
        const QString key = normalizedKey(url.key);
        // schema.prisma decides for the variables it reads.
        for (const PrismaDatasource &datasource : discovery.prisma) {
            if (!datasource.urlVariable.isEmpty() && key == normalizedKey(datasource.urlVariable)) {
                url.dialect = DialectContext {Dialect::Prisma, true,
                                              AuditText::prismaReads(datasource.location.path, datasource.urlVariable)};
                url.framework = QStringLiteral("prisma");
                if (datasource.directUrlVariable.isEmpty())
                    url.frameworkSettings.insert(QStringLiteral("migrationsUseThisUrl"),
                                                 AuditText::prismaMigrates(datasource.location.path));
            }
            if (!datasource.directUrlVariable.isEmpty() && key == normalizedKey(datasource.directUrlVariable)) {
                url.dialect
                    = DialectContext {Dialect::Prisma, true,
                                      AuditText::prismaReads(datasource.location.path, datasource.directUrlVariable)};
                url.framework = QStringLiteral("prisma");
                url.role = UrlRole::Migration;
            }
        }
        if (const ProjectEnvironment *declared = m_audit.project.environment(url.environment);
            declared && !declared->driver.isEmpty()) {
            url.dialect = DialectContext {dialectFromId(declared->driver), true,
                                          AuditText::driverOfEnvironment(ProjectFile::fileName.toString())};
        } else if (!url.dialect.dialect && environmentStyle.contains(url.sourceKind)) {
            url.dialect = discovery.projectDriver;
        }
    }
}

void Auditor::choosePoolerEnvironments(QList<PoolerConfigFile> *poolers, const QList<DiscoveredUrl> &urls)
{
    for (PoolerConfigFile &pooler : *poolers) {
        if (pooler.environment.isEmpty()) {
            // The pooler belongs where its databases' hosts are used directly (migration URLs).
            for (const DiscoveredUrl &database : std::as_const(pooler.databases)) {
                const UrlAnalysis analysis = UrlAnalysis::analyze(database.connectionText());
                const QString host = firstHost(analysis.facts());
                for (const DiscoveredUrl &url : urls) {
                    if (host.isEmpty() || url.state != ValueState::Written || !pooler.environment.isEmpty())
                        continue;
                    if (firstHost(UrlAnalysis::analyze(url.connectionText()).facts()) == host)
                        pooler.environment = url.environment;
                }
            }
        }
        if (pooler.environment.isEmpty())
            pooler.environment = QStringLiteral("production");
        for (DiscoveredUrl &database : pooler.databases)
            database.environment = pooler.environment;
    }
}

void Auditor::chooseProfile(const DiscoveryResult &discovery, const QList<DiscoveredUrl> &urls)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    if (!m_options.profileId.isEmpty() && catalog.profile(m_options.profileId)) {
        m_audit.profileId = m_options.profileId;
        m_audit.profileReason = AuditText::profileFromOption();
    } else if (!m_audit.project.pooler.isEmpty()) {
        m_audit.profileId = m_audit.project.pooler;
        m_audit.profileReason = AuditText::profileFromProject(ProjectFile::fileName.toString());
    } else {
        for (const PoolerConfigFile &pooler : discovery.poolers) {
            if (pooler.settings.maxPreparedStatements >= 0) {
                m_audit.profileId = pooler.settings.maxPreparedStatements > 0 ? QStringLiteral("pgbouncer-1.24")
                                                                              : QStringLiteral("pgbouncer-1.21");
                m_audit.profileReason
                    = AuditText::profileFromPgBouncer(pooler.settings.path, pooler.settings.maxPreparedStatements);
                break;
            }
        }
        if (m_audit.profileId.isEmpty()) {
            for (const DiscoveredUrl &url : urls) {
                if (url.state != ValueState::Written)
                    continue;
                const QString host = firstHost(UrlAnalysis::analyze(url.connectionText()).facts());
                QString profile;
                if (host.contains(u"pooler.supabase.com"))
                    profile = QStringLiteral("supavisor");
                else if (host.contains(u"-pooler.") && host.contains(u"neon"))
                    profile = QStringLiteral("neon");
                else if (host.contains(u".proxy-") && host.contains(u"rds.amazonaws.com"))
                    profile = QStringLiteral("rds-proxy");
                if (!profile.isEmpty()) {
                    m_audit.profileId = profile;
                    m_audit.profileReason = AuditText::profileFromHost(host);
                    break;
                }
            }
        }
        if (m_audit.profileId.isEmpty()) {
            m_audit.profileId = catalog.defaultProfile().id;
            m_audit.profileReason = AuditText::profileDefault();
        }
    }
    m_profile = catalog.profile(m_audit.profileId);
}

void Auditor::checkEnvironment(AuditedEnvironment &environment)
{
    UrlAnalysisOptions options;
    options.libpqVersion = m_audit.libpqVersion;
    for (EnvironmentUrl &entry : environment.urls) {
        const DiscoveredUrl &url = entry.url;
        if (url.state != ValueState::Written)
            continue;
        options.context = url.dialect;
        PolicyContext context;
        context.environment = environment.name;
        context.kind = environment.kind;
        context.role = url.role;
        context.profile = m_profile;
        context.poolerExpected = environment.poolerExpected;
        context.poolerExpectedReason = environment.poolerExpectedReason;
        context.pooler = environment.pooler;
        context.framework = url.framework;
        context.frameworkSettings = url.frameworkSettings;
        if (url.frameworkSettings.contains(QStringLiteral("migrationsUseThisUrl"))) {
            context.migrationsUseThisUrl = true;
            context.migrationsReason = url.frameworkSettings.value(QStringLiteral("migrationsUseThisUrl"));
        }
        entry.check = checkConnectionString(url.connectionText(), options, context, siteOf(url));
        entry.checked = true;
        // Findings about a value given in parts point at the part; the snippet is the masked whole.
        for (Finding &finding : entry.check.findings)
            finding.snippet = url.masked();
        environment.findings += entry.check.findings;
    }
}

void Auditor::checkLiteralSecrets(AuditedEnvironment &environment, const DiscoveryResult &discovery)
{
    if (environment.kind != EnvironmentKind::Production && environment.kind != EnvironmentKind::Staging)
        return;
    for (const EnvironmentUrl &entry : std::as_const(environment.urls)) {
        if (!entry.checked)
            continue;
        const QString name = entry.check.analysis.facts().passwordReference;
        if (name.isEmpty())
            continue;
        for (const SecretDefinition &secret : discovery.secrets) {
            if (secret.name != name || !secret.literal || secret.environment != environment.name)
                continue;
            UrlIssue issue;
            issue.ruleId = QStringLiteral("PB522");
            issue.subject = QStringLiteral("password");
            issue.keyword = QStringLiteral("password");
            issue.message = AuditText::literalSecret(name, environment.name);
            issue.cap = environment.kind == EnvironmentKind::Production ? Severity::Error : Severity::Warning;
            UrlSite site;
            site.value = secret.location;
            site.key = secret.name;
            site.environment = environment.name;
            environment.findings.append(
                makeUrlFinding(issue, site, secret.name + QStringLiteral("=****"), m_audit.profileId));
        }
    }
}

void Auditor::checkDevelopmentHosts()
{
    QStringList productionHosts;
    for (const AuditedEnvironment &environment : std::as_const(m_audit.environments)) {
        if (environment.kind != EnvironmentKind::Production)
            continue;
        for (const EnvironmentUrl &entry : environment.urls) {
            if (!entry.checked)
                continue;
            // Only real host names: a one-word name ("db") is a container or service name that
            // every environment resolves to its own database.
            for (const ConnectionEndpoint &endpoint : entry.check.analysis.facts().endpoints) {
                if (endpoint.host.known() && !isLocalHost(endpoint.host.value) && endpoint.host.value.contains(u'.'))
                    productionHosts << endpoint.host.value.toLower();
            }
        }
    }
    for (AuditedEnvironment &environment : m_audit.environments) {
        if (environment.kind != EnvironmentKind::Development && environment.kind != EnvironmentKind::Test)
            continue;
        for (const EnvironmentUrl &entry : std::as_const(environment.urls)) {
            if (!entry.checked || entry.url.role == UrlRole::PoolerConfig)
                continue;
            for (const ConnectionEndpoint &endpoint : entry.check.analysis.facts().endpoints) {
                if (!endpoint.host.known() || isLocalHost(endpoint.host.value))
                    continue;
                const QString host = endpoint.host.value.toLower();
                QString message;
                if (productionHosts.contains(host))
                    message = AuditText::devToProductionHost(environment.name,
                                                             entry.check.analysis.displayValue(endpoint.host));
                else if (hostNamesProduction(host))
                    message
                        = AuditText::devToProdName(environment.name, entry.check.analysis.displayValue(endpoint.host));
                if (message.isEmpty())
                    continue;
                environment.findings.append(crossFinding(QStringLiteral("PB540"), QStringLiteral("host"), message,
                                                         entry, endpoint.host.span, m_audit.profileId));
                break;
            }
        }
    }
}

// What a setting is, whatever the environment: DATABASE_URL, PROD_DATABASE_URL and
// STAGING_DATABASE_URL are one setting, and so are Rails' "staging" and "production.primary".
QString settingIdentity(const DiscoveredUrl &url)
{
    static const QStringList environmentWords {
        QStringLiteral("PROD"),        QStringLiteral("PRODUCTION"), QStringLiteral("PRD"), QStringLiteral("LIVE"),
        QStringLiteral("STAGING"),     QStringLiteral("STAGE"),      QStringLiteral("STG"), QStringLiteral("DEV"),
        QStringLiteral("DEVELOPMENT"), QStringLiteral("TEST"),       QStringLiteral("QA"),  QStringLiteral("UAT"),
        QStringLiteral("PREVIEW")};
    QStringList words = normalizedKey(url.key).split(u'_', Qt::SkipEmptyParts);
    words.removeIf(
        [&](const QString &word) { return environmentWords.contains(word) || word == normalizedKey(url.environment); });
    const QString identity = words.join(u'_');
    return url.framework == u"rails" && identity.isEmpty() ? QStringLiteral("PRIMARY") : identity;
}

void Auditor::checkDrift()
{
    // The production setting a staging setting corresponds to: the same setting, or the only one.
    const auto counterpart
        = [](const EnvironmentUrl &staged, const AuditedEnvironment &production) -> const EnvironmentUrl * {
        const EnvironmentUrl *only = nullptr;
        int candidates = 0;
        for (const EnvironmentUrl &entry : production.urls) {
            if (entry.url.role != staged.url.role)
                continue;
            if (settingIdentity(entry.url) == settingIdentity(staged.url))
                return entry.checked ? &entry : nullptr;
            ++candidates;
            only = &entry;
        }
        return candidates == 1 && only->checked ? only : nullptr;
    };
    for (AuditedEnvironment &staging : m_audit.environments) {
        if (staging.kind != EnvironmentKind::Staging)
            continue;
        for (const AuditedEnvironment &production : std::as_const(m_audit.environments)) {
            if (production.kind != EnvironmentKind::Production)
                continue;
            for (const EnvironmentUrl &s : std::as_const(staging.urls)) {
                if (!s.checked || s.url.role == UrlRole::PoolerConfig || !s.check.analysis.isReadable())
                    continue;
                const EnvironmentUrl *p = counterpart(s, production);
                if (!p || !p->check.analysis.isReadable())
                    continue;
                const ConnectionFacts &sf = s.check.analysis.facts();
                const ConnectionFacts &pf = p->check.analysis.facts();
                const auto add = [&](const QString &subject, const QString &message, const TextSpan &span) {
                    staging.findings.append(
                        crossFinding(QStringLiteral("PB541"), subject, message, s, span, m_audit.profileId));
                };
                const bool poolerDeclaredOff = staging.poolerDeclared && !staging.poolerExpected;
                if (s.url.role == UrlRole::Application && p->check.pooler.viaPooler && !s.check.pooler.viaPooler
                    && !poolerDeclaredOff) {
                    const TextSpan span = sf.endpoints.isEmpty() ? TextSpan {} : sf.endpoints.first().port.span;
                    add(QStringLiteral("port"),
                        AuditText::driftPooler(staging.name, production.name, p->check.pooler.reason), span);
                }
                if (!sf.tlsSetting.fromReference && !pf.tlsSetting.fromReference && sf.tls != pf.tls)
                    add(QStringLiteral("sslmode"),
                        AuditText::driftTls(staging.name, production.name, tlsLevelId(sf.tls), tlsLevelId(pf.tls)),
                        sf.tlsSetting.span);
                if (sf.dbname.known() && pf.dbname.known() && pattern(sf.dbname.value) != pattern(pf.dbname.value))
                    add(QStringLiteral("dbname"),
                        AuditText::driftDbname(staging.name, production.name, s.check.analysis.displayValue(sf.dbname),
                                               p->check.analysis.displayValue(pf.dbname)),
                        sf.dbname.span);
                if (sf.user.known() && pf.user.known() && pattern(sf.user.value) != pattern(pf.user.value))
                    add(QStringLiteral("user"),
                        AuditText::driftUser(staging.name, production.name, s.check.analysis.displayValue(sf.user),
                                             p->check.analysis.displayValue(pf.user)),
                        sf.user.span);
            }
        }
    }
}

// Files given with --env-file are read like a repository's .env files, but they are the user's
// explicit choice: any that cannot be read stops the audit rather than being skipped quietly.
bool Auditor::readEnvironmentFiles(DiscoveryResult *discovery, QString *error) const
{
    constexpr qint64 maximumSize = 2 * 1024 * 1024;
    for (const EnvironmentFile &given : m_options.environmentFiles) {
        QFile file(given.path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = AuditText::environmentFileUnreadable(given.path, file.errorString());
            return false;
        }
        if (file.size() > maximumSize) {
            *error = AuditText::environmentFileTooLarge(given.path);
            return false;
        }
        const QByteArray bytes = file.readAll();
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder.decode(bytes);
        if (decoder.hasError() || bytes.contains('\0')) {
            *error = AuditText::environmentFileNotText(given.path);
            return false;
        }
        const SettingsFile source {given.path, text};
        if (given.environment.isEmpty())
            readDotEnv(source, discovery);
        else
            readDotEnv(source, normalizedEnvironmentName(given.environment), discovery);
        if (!discovery->files.contains(given.path))
            discovery->files << given.path;
    }
    return true;
}

std::optional<EnvironmentAudit> Auditor::run(QString *error)
{
    m_audit.root = QDir(m_root).absolutePath();
    const std::optional<ProjectFile> project = ProjectFile::read(m_audit.root, error);
    if (!project)
        return std::nullopt;
    m_audit.project = *project;
    m_audit.warnings += project->warnings;
    m_audit.libpqVersion = m_options.libpqVersion > 0 ? m_options.libpqVersion : project->libpqVersion;

    DiscoveryResult discovery;
    if (project->discover)
        discovery = discoverConnectionSettings(m_audit.root, *project);
    if (!readEnvironmentFiles(&discovery, error))
        return std::nullopt;
    m_audit.files = discovery.files;
    m_audit.warnings += discovery.warnings;
    if (project->exists)
        m_audit.files.prepend(ProjectFile::fileName.toString());

    QList<DiscoveredUrl> urls = discovery.urls;
    addProjectFileUrls(&urls);
    applyContexts(&urls, discovery);
    QList<PoolerConfigFile> poolers = discovery.poolers;
    choosePoolerEnvironments(&poolers, urls);
    for (const PoolerConfigFile &pooler : std::as_const(poolers))
        urls += pooler.databases;
    m_audit.poolers = poolers;
    chooseProfile(discovery, urls);

    // Group by environment; declared environments are listed even without settings.
    QStringList names;
    for (const ProjectEnvironment &declared : std::as_const(m_audit.project.environments))
        names << declared.name;
    for (const DiscoveredUrl &url : std::as_const(urls)) {
        if (!names.contains(url.environment))
            names << url.environment;
    }
    for (const QString &name : std::as_const(names)) {
        AuditedEnvironment environment;
        environment.name = name;
        environment.kind = environmentKindFromName(name);
        if (const ProjectEnvironment *declared = m_audit.project.environment(name)) {
            environment.declared = true;
            if (declared->kind)
                environment.kind = *declared->kind;
            environment.instances = declared->instances;
            if (declared->expectPooler) {
                environment.poolerExpected = *declared->expectPooler;
                environment.poolerDeclared = true;
                environment.poolerExpectedReason = AuditText::expectedByProject(ProjectFile::fileName.toString());
            }
        }
        if (environment.poolerExpectedReason.isEmpty() && !poolers.isEmpty()
            && (environment.kind == EnvironmentKind::Production || environment.kind == EnvironmentKind::Staging)) {
            environment.poolerExpected = true;
            environment.poolerExpectedReason = AuditText::expectedByPgBouncer(poolers.first().settings.path);
        }
        for (const PoolerConfigFile &pooler : std::as_const(poolers)) {
            if (pooler.environment == name)
                environment.pooler = pooler.settings;
        }
        for (const DiscoveredUrl &url : std::as_const(urls)) {
            if (url.environment == name)
                environment.urls.append({url, false, {}});
        }
        checkEnvironment(environment);
        checkLiteralSecrets(environment, discovery);
        m_audit.environments.append(environment);
    }
    std::stable_sort(m_audit.environments.begin(), m_audit.environments.end(),
                     [](const AuditedEnvironment &a, const AuditedEnvironment &b) {
                         if (kindOrder(a.kind) != kindOrder(b.kind))
                             return kindOrder(a.kind) < kindOrder(b.kind);
                         return a.name < b.name;
                     });
    checkDevelopmentHosts();
    checkDrift();
    for (AuditedEnvironment &environment : m_audit.environments) {
        QList<Finding> kept;
        for (const Finding &finding : std::as_const(environment.findings)) {
            if (!m_audit.project.ignoreRules.contains(finding.ruleId))
                kept.append(finding);
        }
        std::stable_sort(kept.begin(), kept.end(), [](const Finding &a, const Finding &b) {
            if (a.location.path != b.location.path)
                return a.location.path < b.location.path;
            if (a.location.line != b.location.line)
                return a.location.line < b.location.line;
            return a.location.column < b.location.column;
        });
        environment.findings = kept;
    }
    return m_audit;
}

} // namespace

Severity AuditedEnvironment::verdict() const
{
    return worstSeverity(findings);
}

QList<Finding> EnvironmentAudit::findings() const
{
    QList<Finding> all;
    for (const AuditedEnvironment &environment : environments)
        all += environment.findings;
    return all;
}

const AuditedEnvironment *EnvironmentAudit::environment(QStringView name) const
{
    for (const AuditedEnvironment &environment : environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}

std::optional<EnvironmentAudit> auditEnvironments(const QString &root, const EnvironmentAuditOptions &options,
                                                  QString *error)
{
    Auditor auditor(root, options);
    return auditor.run(error);
}

EnvironmentFile environmentFileFromArgument(const QString &argument)
{
    static const QRegularExpression named(QStringLiteral("^([A-Za-z][A-Za-z0-9_-]*)=(.+)$"));
    const QRegularExpressionMatch match = named.match(argument);
    if (match.hasMatch())
        return {match.captured(2), match.captured(1)};
    return {argument, QString()};
}

} // namespace poolproof
