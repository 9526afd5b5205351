#include "databasereport.h"

#include "rules/rulecatalog.h"
#include "url/masking.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::DatabaseReport)
};

// Free text from the project file: any word that is a connection string, or a secret keyword's
// value, is masked.
QString maskSecretsInText(const QString &text)
{
    QStringList words = text.split(u' ');
    for (QString &word : words) {
        const qsizetype equals = word.indexOf(u'=');
        if (word.contains(u"://"_s) || (equals > 0 && isSecretKeyword(QStringView(word).left(equals))))
            word = maskConnectionString(word);
    }
    return words.join(u' ');
}

QString clientKindText(const QString &kind)
{
    if (kind == u"driver")
        return Texts::tr("driver");
    if (kind == u"orm")
        return Texts::tr("ORM");
    if (kind == u"migration-tool")
        return Texts::tr("migration tool");
    if (kind == u"pool")
        return Texts::tr("pool");
    return kind;
}

QString endpointText(const ConnectionFacts &facts)
{
    QStringList endpoints;
    for (const ConnectionEndpoint &endpoint : facts.endpoints) {
        const QString host = endpoint.host.fromReference
            ? endpoint.host.value
            : (endpoint.host.value.isEmpty() ? u"localhost"_s : endpoint.host.value);
        const QString port = endpoint.port.value.isEmpty() ? u"5432"_s : endpoint.port.value;
        endpoints << host + u':' + port;
    }
    return endpoints.isEmpty() ? u"localhost:5432"_s : endpoints.join(u", "_s);
}

ReportText location(const SourceLocation &where)
{
    return ReportText::code(where.path + u':' + QString::number(where.line));
}

ReportText severityText(Severity severity)
{
    return ReportText::strong(severityId(severity));
}

const EnvironmentUrl *urlOfRole(const AuditedEnvironment &environment, UrlRole role)
{
    for (const EnvironmentUrl &url : environment.urls) {
        if (url.url.role == role && url.checked && url.check.analysis.isReadable())
            return &url;
    }
    return nullptr;
}

class Builder
{
public:
    explicit Builder(const AuditResult &audit)
        : m_audit(audit)
        , m_catalog(RuleCatalog::builtin())
        , m_profile(m_catalog.profile(audit.profileId) ? *m_catalog.profile(audit.profileId)
                                                       : m_catalog.defaultProfile())
    {
    }

    DatabaseReport build();

private:
    ReportSection architecture() const;
    ReportSection environments() const;
    ReportSection transactionMode() const;
    ReportSection auditSummary() const;
    ReportSection checks() const;
    ReportSection findings() const;
    ReportSection suppressed() const;
    ReportSection drivers() const;
    ReportSection capacity() const;
    ReportSection operations() const;

    const AuditResult &m_audit;
    const RuleCatalog &m_catalog;
    const PoolerProfile &m_profile;
};

DatabaseReport Builder::build()
{
    DatabaseReport report;
    report.values.insert(u"project"_s, m_audit.projectName);
    report.values.insert(u"date"_s, m_audit.date.toUTC().toString(u"yyyy-MM-dd"_s));
    report.values.insert(u"version"_s, m_audit.toolVersion);
    report.values.insert(u"pooler"_s, RuleCatalog::translated(m_profile.name));
    report.values.insert(u"status"_s, auditStatusId(m_audit.status()));
    const QList<std::pair<QString, ReportSection>> sections {
        {u"architecture"_s, architecture()},
        {u"environments"_s, environments()},
        {u"transaction-mode"_s, transactionMode()},
        {u"audit-summary"_s, auditSummary()},
        {u"checks"_s, checks()},
        {u"findings"_s, findings()},
        {u"suppressed"_s, suppressed()},
        {u"drivers"_s, drivers()},
        {u"capacity"_s, capacity()},
        {u"operations"_s, operations()},
    };
    for (const auto &[name, section] : sections) {
        report.sections.insert(name, section);
        report.sectionOrder << name;
    }
    return report;
}

ReportSection Builder::architecture() const
{
    ReportSection out;
    if (!m_audit.environments || m_audit.environments->environments.isEmpty()) {
        out << ReportBlock::paragraph(Texts::tr("No environment with a connection string was found."));
        return out;
    }
    QStringList lines;
    for (const AuditedEnvironment &environment : m_audit.environments->environments) {
        const EnvironmentUrl *application = urlOfRole(environment, UrlRole::Application);
        const EnvironmentUrl *migration = urlOfRole(environment, UrlRole::Migration);
        if (!application && !migration)
            continue;
        lines << environment.name;
        if (application) {
            const QString target = endpointText(application->check.analysis.facts());
            if (application->check.pooler.viaPooler) {
                const QString mode = environment.pooler && !environment.pooler->poolMode.isEmpty()
                    ? Texts::tr("pool_mode %1").arg(environment.pooler->poolMode)
                    : RuleCatalog::translated(m_profile.name);
                lines << u"  "_s + Texts::tr("application") + u" --> "_s + Texts::tr("pooler") + u"     "_s + target
                        + u"  ("_s + mode + u')';
                const EnvironmentUrl *direct = migration;
                QString server = direct ? endpointText(direct->check.analysis.facts()) : QString();
                if (server.isEmpty() && environment.pooler) {
                    for (const PoolerConfigFile &file : m_audit.environments->poolers) {
                        for (const DiscoveredUrl &database : file.databases) {
                            const UrlAnalysis analysis = UrlAnalysis::analyze(database.connectionText());
                            if (analysis.isReadable())
                                server = endpointText(analysis.facts());
                        }
                    }
                }
                lines << u"                --> PostgreSQL "_s + (server.isEmpty() ? Texts::tr("(not found)") : server);
            } else {
                lines << u"  "_s + Texts::tr("application") + u" --> PostgreSQL "_s + target + u"  ("_s
                        + Texts::tr("direct, no pooler") + u')';
            }
        }
        if (migration)
            lines << u"  "_s + Texts::tr("migrations") + u"  --> PostgreSQL "_s
                    + endpointText(migration->check.analysis.facts()) + u"  ("_s
                    + (migration->check.pooler.viaPooler ? Texts::tr("through the pooler") : Texts::tr("direct"))
                    + u')';
        lines << QString();
    }
    out << ReportBlock::codeBlock(lines.join(u'\n').trimmed(), u"text"_s);
    return out;
}

ReportSection Builder::environments() const
{
    ReportSection out;
    if (!m_audit.environments) {
        out << ReportBlock::paragraph(
            Texts::tr("The environments could not be read: %1").arg(m_audit.environmentsError));
        return out;
    }
    for (const AuditedEnvironment &environment : m_audit.environments->environments) {
        out << ReportBlock::heading(3, environment.name);
        QString summary = Texts::tr("Verdict: %1.").arg(severityId(environment.verdict()));
        if (environment.poolerExpected)
            summary += u' ' + Texts::tr("A pooler is expected here (%1).").arg(environment.poolerExpectedReason);
        if (environment.instances > 0)
            summary += u' ' + Texts::tr("Application instances: %1.").arg(environment.instances);
        out << ReportBlock::paragraph(summary);
        QList<QList<ReportText>> rows;
        for (const EnvironmentUrl &url : environment.urls) {
            QString value;
            if (url.url.state == ValueState::DefinedElsewhere)
                value = Texts::tr("defined elsewhere: %1").arg(url.url.reference);
            else if (url.url.state == ValueState::Empty)
                value = Texts::tr("(empty)");
            else
                value = url.url.masked();
            rows.append({ReportText::code(url.url.key), ReportText(urlRoleId(url.url.role)),
                         url.url.state == ValueState::Written ? ReportText::code(value) : ReportText(value),
                         location(url.url.location),
                         ReportText(url.checked ? severityId(url.check.verdict()) : Texts::tr("not checked"))});
        }
        if (!rows.isEmpty()) {
            out << ReportBlock::table({Texts::tr("Setting"), Texts::tr("Role"), Texts::tr("Connection string (masked)"),
                                       Texts::tr("Source"), Texts::tr("Verdict")},
                                      rows);
        }
    }
    return out;
}

ReportSection Builder::transactionMode() const
{
    ReportSection out;
    out << ReportBlock::paragraph(Texts::tr(
        "In transaction mode the pooler lends a server connection to a client for one transaction only. When the "
        "transaction ends, the connection goes back to the pool and the next transaction of the same client may run "
        "on another one. Whatever a session keeps — settings made with SET, LISTEN subscriptions, session advisory "
        "locks, SQL prepared statements, WITH HOLD cursors, temporary tables, loaded libraries — is not kept for the "
        "client: it stays behind on a connection that other clients now use."));
    out << ReportBlock::paragraph(
        ReportText(Texts::tr("Pooler profile: "))
            .withStrong(RuleCatalog::translated(m_profile.name))
            .plain(u" ("_s + m_audit.profileReason + u"). "_s + RuleCatalog::translated(m_profile.description)));
    // What this code relies on, rule by rule.
    QMap<QString, int> counts;
    for (const Finding &finding : m_audit.scan.findings) {
        if (!finding.suppressed)
            ++counts[finding.ruleId];
    }
    QList<ReportText> items;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        const Rule *rule = m_catalog.rule(it.key());
        if (!rule)
            continue;
        items << ReportText(RuleCatalog::translated(rule->title) + u" ("_s + it.key() + u"): "_s)
                     .plain(Texts::tr("%n place(s). ", nullptr, it.value()) + RuleCatalog::translated(rule->summary));
    }
    if (items.isEmpty())
        out << ReportBlock::paragraph(Texts::tr("The code relies on no session state that this pooler loses."));
    else
        out << ReportBlock::paragraph(Texts::tr("For this code that means:")) << ReportBlock::list(items);
    return out;
}

ReportSection Builder::auditSummary() const
{
    const AuditResult::SeverityCounts counts = m_audit.severityCounts();
    QList<QList<ReportText>> rows {
        {ReportText(Texts::tr("Date")), ReportText(m_audit.date.toUTC().toString(u"yyyy-MM-dd"_s))},
        {ReportText(Texts::tr("PoolProof version")), ReportText(m_audit.toolVersion)},
        {ReportText(Texts::tr("Pooler profile")),
         ReportText(RuleCatalog::translated(m_profile.name)).plain(u" ("_s).withCode(m_profile.id).plain(u")"_s)},
        {ReportText(Texts::tr("Overall status")), ReportText::strong(auditStatusId(m_audit.status()))},
        {ReportText(Texts::tr("Findings")),
         ReportText(Texts::tr("%1 errors, %2 warnings, %3 for information, %4 suppressed")
                        .arg(counts.errors)
                        .arg(counts.warnings)
                        .arg(counts.infos)
                        .arg(m_audit.scan.suppressedCount()))},
        {ReportText(Texts::tr("Files scanned")),
         ReportText(Texts::tr("%1 of %2").arg(m_audit.scan.filesScanned).arg(m_audit.scan.filesListed))},
    };
    return {ReportBlock::table({Texts::tr("Item"), Texts::tr("Result")}, rows)};
}

ReportSection Builder::checks() const
{
    QHash<QString, QList<const Finding *>> byRule;
    const QList<Finding> scanFindings = m_audit.scan.findings;
    for (const Finding &finding : m_audit.scan.findings) {
        if (!finding.suppressed)
            byRule[finding.ruleId].append(&finding);
    }
    QList<Finding> environmentFindings;
    if (m_audit.environments)
        environmentFindings = m_audit.environments->findings();
    for (const Finding &finding : std::as_const(environmentFindings)) {
        if (!finding.suppressed)
            byRule[finding.ruleId].append(&finding);
    }
    QList<QList<ReportText>> rows;
    for (const Rule &rule : m_catalog.rules()) {
        if (rule.category == u"suppression")
            continue;
        const QList<const Finding *> hits = byRule.value(rule.id);
        QString result;
        if (!hits.isEmpty()) {
            Severity worst = Severity::Ok;
            for (const Finding *finding : hits)
                worst = std::max(worst, finding->severity);
            result = Texts::tr("%n finding(s), worst: %1", nullptr, int(hits.size())).arg(severityId(worst));
        } else if (rule.detect.value(u"detector"_s).toString().startsWith(u"live"_s)) {
            // Only the running pooler can answer these; a static audit must not claim a pass.
            result = Texts::tr("needs a live check");
        } else if (rule.severityFor(m_profile.id) == Severity::Ok) {
            result = Texts::tr("fine on this pooler");
        } else {
            result = Texts::tr("passed");
        }
        rows.append({ReportText::code(rule.id), ReportText(RuleCatalog::translated(rule.title)),
                     ReportText(severityId(rule.severityFor(m_profile.id))), ReportText(result)});
    }
    return {ReportBlock::table({Texts::tr("Rule"), Texts::tr("Check"), Texts::tr("Severity here"), Texts::tr("Result")},
                               rows)};
}

ReportSection Builder::findings() const
{
    QList<QList<ReportText>> rows;
    for (const Finding &finding : m_audit.allFindings()) {
        rows.append({location(finding.location), ReportText::code(finding.ruleId), severityText(finding.severity),
                     ReportText(finding.environment.isEmpty() ? finding.message
                                                              : finding.environment + u": "_s + finding.message),
                     ReportText(finding.fix)});
    }
    if (rows.isEmpty())
        return {ReportBlock::paragraph(Texts::tr("None."))};
    return {ReportBlock::table(
        {Texts::tr("Location"), Texts::tr("Rule"), Texts::tr("Severity"), Texts::tr("Finding"), Texts::tr("Fix")},
        rows)};
}

ReportSection Builder::suppressed() const
{
    QList<QList<ReportText>> rows;
    for (const Finding &finding : m_audit.scan.findings) {
        if (finding.suppressed)
            rows.append({location(finding.location), ReportText::code(finding.ruleId), ReportText(finding.message),
                         ReportText(finding.suppressionReason.isEmpty() ? Texts::tr("(no reason given)")
                                                                        : finding.suppressionReason)});
    }
    if (rows.isEmpty())
        return {ReportBlock::paragraph(Texts::tr("None."))};
    return {ReportBlock::table({Texts::tr("Location"), Texts::tr("Rule"), Texts::tr("Finding"), Texts::tr("Reason")},
                               rows)};
}

ReportSection Builder::drivers() const
{
    ReportSection out;
    QList<QList<ReportText>> rows;
    for (const DetectedClient &client : m_audit.scan.clients) {
        ReportText where = ReportText::code(client.line > 0 ? client.manifestPath + u':' + QString::number(client.line)
                                                            : client.manifestPath);
        QString version = client.version.isEmpty() ? Texts::tr("not given") : client.version;
        if (client.locked)
            version = Texts::tr("%1 (locked)").arg(version);
        rows.append({ReportText(client.displayName), ReportText::code(client.package),
                     ReportText(clientKindText(client.kind)), ReportText(version), where});
    }
    if (rows.isEmpty())
        out << ReportBlock::paragraph(Texts::tr("No PostgreSQL client library was found in the manifests."));
    else
        out << ReportBlock::table({Texts::tr("Client"), Texts::tr("Package"), Texts::tr("Kind"), Texts::tr("Version"),
                                   Texts::tr("Declared in")},
                                  rows);
    if (m_audit.environments) {
        for (const PoolerConfigFile &file : m_audit.environments->poolers) {
            const PoolerSettings &settings = file.settings;
            QList<QList<ReportText>> config;
            const auto add = [&config](const QString &name, const QString &value) {
                config.append({ReportText::code(name), ReportText(value)});
            };
            const auto addNumber = [&add](const QString &name, int value) {
                if (value >= 0)
                    add(name, QString::number(value));
            };
            add(u"listen_port"_s, QString::number(settings.listenPort));
            add(u"pool_mode"_s, settings.poolMode.isEmpty() ? u"session"_s : settings.poolMode);
            addNumber(u"max_prepared_statements"_s, settings.maxPreparedStatements);
            addNumber(u"max_client_conn"_s, settings.maxClientConn);
            addNumber(u"default_pool_size"_s, settings.defaultPoolSize);
            addNumber(u"reserve_pool_size"_s, settings.reservePoolSize);
            addNumber(u"max_db_connections"_s, settings.maxDbConnections);
            if (!settings.ignoreStartupParameters.isEmpty())
                add(u"ignore_startup_parameters"_s, settings.ignoreStartupParameters.join(u", "_s));
            if (!settings.trackExtraParameters.isEmpty())
                add(u"track_extra_parameters"_s, settings.trackExtraParameters.join(u", "_s));
            if (!settings.clientTlsSslmode.isEmpty())
                add(u"client_tls_sslmode"_s, settings.clientTlsSslmode);
            out << ReportBlock::paragraph(
                ReportText(Texts::tr("Pooler configuration in ")).withCode(settings.path).plain(u":"_s));
            out << ReportBlock::table({Texts::tr("Setting"), Texts::tr("Value")}, config);
        }
    }
    return out;
}

// Capacity: every instance of the application opens up to its pool size of client connections
// to the pooler, which accepts max_client_conn of them and opens default_pool_size server
// connections per database and user. Only numbers found in the repository are used.
ReportSection Builder::capacity() const
{
    ReportSection out;
    const QList<PoolSetting> &pools = m_audit.scan.poolSettings;
    int poolSize = 0;
    if (pools.isEmpty()) {
        out << ReportBlock::paragraph(
            Texts::tr("No pool size is set in the code or its configuration, so each driver's default "
                      "applies; set it explicitly to make the arithmetic below possible."));
    } else {
        QList<QList<ReportText>> rows;
        for (const PoolSetting &pool : pools) {
            poolSize += pool.value;
            rows.append({ReportText(pool.client), ReportText::code(pool.setting),
                         ReportText(QString::number(pool.value)),
                         ReportText::code(pool.path + u':' + QString::number(pool.line))});
        }
        out << ReportBlock::table(
            {Texts::tr("Client"), Texts::tr("Setting"), Texts::tr("Connections"), Texts::tr("Where")}, rows);
        if (pools.size() > 1)
            out << ReportBlock::paragraph(
                Texts::tr("The arithmetic assumes that one instance opens all of these pools: %1 connections.")
                    .arg(poolSize));
    }
    if (!m_audit.environments)
        return out;

    QList<QList<ReportText>> rows;
    for (const AuditedEnvironment &environment : m_audit.environments->environments) {
        std::optional<PoolerSettings> pooler = environment.pooler;
        if (!pooler && m_audit.environments->poolers.size() == 1 && environment.poolerExpected)
            pooler = m_audit.environments->poolers.constFirst().settings;
        const int maxClientConn = pooler ? pooler->maxClientConn : -1;
        if (environment.instances <= 0 && maxClientConn < 0)
            continue;
        const QString instances
            = environment.instances > 0 ? QString::number(environment.instances) : Texts::tr("not given");
        const bool known = environment.instances > 0 && poolSize > 0;
        const int clients = known ? environment.instances * poolSize : 0;
        QString result;
        if (!known)
            result = Texts::tr("cannot tell: needs the instances and a pool size");
        else if (maxClientConn < 0)
            result = Texts::tr("%1 client connections; no pooler limit is known here").arg(clients);
        else if (clients > maxClientConn)
            result = Texts::tr("too many: %1 client connections, the pooler refuses those above %2")
                         .arg(clients)
                         .arg(maxClientConn);
        else
            result = Texts::tr("fits: %1 of %2 client connections").arg(clients).arg(maxClientConn);
        rows.append({ReportText(environment.name), ReportText(instances),
                     ReportText(known ? QString::number(clients) : u"—"_s),
                     ReportText(maxClientConn >= 0 ? QString::number(maxClientConn) : u"—"_s), ReportText(result)});
    }
    if (!rows.isEmpty()) {
        out << ReportBlock::table({Texts::tr("Environment"), Texts::tr("Instances"), Texts::tr("Client connections"),
                                   Texts::tr("max_client_conn"), Texts::tr("Result")},
                                  rows);
    } else {
        out << ReportBlock::paragraph(Texts::tr("No instance counts were found. Add \"instances\" to the environments "
                                                "in %1 to get the capacity arithmetic.")
                                          .arg(QString(ProjectFile::fileName)));
    }
    for (const PoolerConfigFile &file : m_audit.environments->poolers) {
        const PoolerSettings &settings = file.settings;
        if (settings.defaultPoolSize < 0)
            continue;
        QString text = Texts::tr("On the server side, the pooler in %1 opens at most %2 connections per database and "
                                 "user (default_pool_size)")
                           .arg(settings.path)
                           .arg(settings.defaultPoolSize);
        if (settings.reservePoolSize > 0)
            text += Texts::tr(", plus %1 in reserve (reserve_pool_size)").arg(settings.reservePoolSize);
        if (settings.maxDbConnections > 0)
            text += Texts::tr(", and at most %1 per database in all (max_db_connections)")
                        .arg(settings.maxDbConnections);
        out << ReportBlock::paragraph(QString(text
                                              + Texts::tr(". PostgreSQL's max_connections must leave room for these "
                                                          "and for direct connections such as migrations.")));
    }
    return out;
}

// The project's own words for backups and monitoring. Only what the project file says, so a
// report never claims an arrangement nobody made; a connection string written into the text is
// masked like everywhere else.
ReportSection Builder::operations() const
{
    ReportSection out;
    if (!m_audit.environments)
        return out;
    const ProjectReport &report = m_audit.environments->project.report;
    const auto addNotes = [&out](const QString &heading, const ReportNotes &notes) {
        if (notes.isEmpty())
            return;
        out << ReportBlock::heading(2, heading);
        for (const QString &paragraph : notes.paragraphs)
            out << ReportBlock::paragraph(maskSecretsInText(paragraph));
        if (!notes.items.isEmpty()) {
            QList<ReportText> items;
            for (const QString &item : notes.items)
                items << ReportText(maskSecretsInText(item));
            out << ReportBlock::list(items);
        }
    };
    addNotes(Texts::tr("Backups"), report.backups);
    addNotes(Texts::tr("Monitoring"), report.monitoring);
    return out;
}

} // namespace

DatabaseReport DatabaseReport::build(const AuditResult &audit)
{
    return Builder(audit).build();
}

QString defaultDatabaseTemplate()
{
    QFile file(u":/poolproof/templates/DATABASE.md"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString renderDatabaseMarkdown(const DatabaseReport &report, const QString &templateText, QStringList *unknown)
{
    static const QRegularExpression placeholder(u"\\{\\{([a-z][a-z-]*)\\}\\}"_s);
    QStringList lines;
    for (const QString &line : templateText.split(u'\n')) {
        const QString trimmed = line.trimmed();
        const QRegularExpressionMatch whole = placeholder.match(trimmed);
        if (whole.hasMatch() && whole.capturedLength() == trimmed.size()
            && report.sections.contains(whole.captured(1))) {
            const QString section = renderMarkdown(report.sections.value(whole.captured(1))).trimmed();
            // An empty optional section leaves no trace, not even its blank line.
            if (section.isEmpty() && !lines.isEmpty() && lines.constLast().trimmed().isEmpty())
                lines.removeLast();
            if (!section.isEmpty())
                lines << section;
            continue;
        }
        QString filled = line;
        qsizetype offset = 0;
        for (QRegularExpressionMatch match = placeholder.match(filled, offset); match.hasMatch();
             match = placeholder.match(filled, offset)) {
            const QString name = match.captured(1);
            if (report.values.contains(name)) {
                filled.replace(match.capturedStart(), match.capturedLength(), report.values.value(name));
                offset = match.capturedStart() + report.values.value(name).size();
            } else {
                if (unknown)
                    *unknown << name;
                offset = match.capturedEnd();
            }
        }
        lines << filled;
    }
    return lines.join(u'\n');
}

QString renderDatabaseHtml(const DatabaseReport &report)
{
    const QString title = Texts::tr("Database access: %1").arg(report.values.value(u"project"_s));
    QString body = u"<h1>"_s + title.toHtmlEscaped() + u"</h1>\n<p class=\"status\">"_s
        + Texts::tr("Overall status: %1").arg(report.values.value(u"status"_s)).toHtmlEscaped() + u"</p>\n"_s;
    const QHash<QString, QString> headings {
        {u"architecture"_s, Texts::tr("Pooling architecture")},
        {u"environments"_s, Texts::tr("Environments")},
        {u"transaction-mode"_s, Texts::tr("What transaction mode means for this code")},
        {u"audit-summary"_s, Texts::tr("Compatibility audit")},
        {u"checks"_s, Texts::tr("Checks performed")},
        {u"findings"_s, Texts::tr("Findings")},
        {u"suppressed"_s, Texts::tr("Suppressed findings")},
        {u"drivers"_s, Texts::tr("Drivers and ORMs")},
        {u"capacity"_s, Texts::tr("Pool settings and capacity")},
    };
    for (const QString &name : report.sectionOrder) {
        if (!headings.contains(name)) {
            // Optional sections bring their own headings, and vanish when empty.
            if (!report.sections.value(name).isEmpty())
                body += u"<section>\n"_s + renderHtml(report.sections.value(name)) + u"</section>\n"_s;
            continue;
        }
        body += u"<section>\n<h2>"_s + headings.value(name).toHtmlEscaped() + u"</h2>\n"_s
            + renderHtml(report.sections.value(name)) + u"</section>\n"_s;
    }
    const QString style
        = uR"(body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d2329;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1rem;width:100%}th,td{border:1px solid #d0d7de;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}code,pre{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:0.9em}pre{background:#f6f8fa;padding:0.75rem;overflow-x:auto}
.status{font-size:1.2em;font-weight:600}h2{border-bottom:1px solid #d0d7de;padding-bottom:0.2rem;margin-top:2rem})"_s;
    return u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"_s + title.toHtmlEscaped()
        + u"</title>\n<style>\n"_s + style + u"\n</style>\n</head>\n<body>\n"_s + body + u"<footer><p>"_s
        + Texts::tr("Written by PoolProof %1 on %2.")
              .arg(report.values.value(u"version"_s), report.values.value(u"date"_s))
              .toHtmlEscaped()
        + u"</p></footer>\n</body>\n</html>\n"_s;
}

} // namespace poolproof
