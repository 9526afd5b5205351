#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "env/environmentaudit.h"
#include "rules/rulecatalog.h"
#include "url/urljson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace poolproof::cli {

namespace {

class Envs
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::cli::Envs)
public:
    static int run(const QStringList &arguments);

private:
    static void printText(const EnvironmentAudit &audit);
    static QJsonObject toJson(const EnvironmentAudit &audit);
    static QString stateId(ValueState state);
    static QString place(const SourceLocation &location);
};

QString Envs::stateId(ValueState state)
{
    switch (state) {
    case ValueState::Written: return QStringLiteral("written");
    case ValueState::DefinedElsewhere: return QStringLiteral("defined-elsewhere");
    case ValueState::Empty: return QStringLiteral("empty");
    }
    return {};
}

QString Envs::place(const SourceLocation &location)
{
    return location.path + u':' + QString::number(location.line) + u':' + QString::number(location.column);
}

int Envs::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists a repository's environments (from .poolproof.json, .env files, compose files, Kubernetes and Helm, "
           "Rails, Django, Prisma, Spring and pgbouncer.ini), their connection strings with passwords masked, where "
           "each is set, and what is wrong with them."));
    parser.addHelpOption();
    const QCommandLineOption poolerOption(
        QStringLiteral("pooler"), tr("Pooler profile (default: the project file's, or inferred)."), tr("profile"));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("Output format: text or json."), tr("format"),
                                          QStringLiteral("text"));
    const QCommandLineOption libpqOption(
        QStringLiteral("libpq-version"),
        tr("The libpq major version the strings must work with (default: the linked one)."), tr("N"));
    const QCommandLineOption failOnOption = cli::failOnOption(
        tr("Exit with 1 when a finding reaches this severity: error (default), warning, info or none."));
    const QCommandLineOption envFileOption = cli::envFileOption();
    parser.addOptions({poolerOption, envFileOption, formatOption, libpqOption, failOnOption});
    parser.addPositionalArgument(QStringLiteral("path"), tr("The repository to look at."), tr("PATH"));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;
    const std::optional<QString> format
        = formatValue(parser, formatOption, {QStringLiteral("text"), QStringLiteral("json")});
    const std::optional<FailOn> failOn = failOnValue(parser, failOnOption);
    const std::optional<QString> profile = profileValue(parser, poolerOption);
    if (!format || !failOn || !profile)
        return ExitUsageError;
    EnvironmentAuditOptions options;
    options.profileId = *profile;
    options.environmentFiles = envFileValues(parser, envFileOption);
    if (parser.isSet(libpqOption)) {
        bool ok = false;
        options.libpqVersion = parser.value(libpqOption).toInt(&ok);
        if (!ok || options.libpqVersion < 9 || options.libpqVersion > 99) {
            printError(
                tr("--libpq-version needs a major version such as 15, not \"%1\"").arg(parser.value(libpqOption)));
            return ExitUsageError;
        }
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(positional.isEmpty() ? tr("no repository given") : tr("give exactly one repository"));
        return ExitUsageError;
    }
    const QFileInfo root(positional.first());
    if (!root.isDir()) {
        printError(tr("%1 is not a folder").arg(positional.first()));
        return ExitUsageError;
    }
    QString error;
    const std::optional<EnvironmentAudit> audit = auditEnvironments(root.absoluteFilePath(), options, &error);
    if (!audit) {
        printError(error);
        return ExitUsageError;
    }
    if (*format == u"json")
        out() << QJsonDocument(toJson(*audit)).toJson(QJsonDocument::Indented);
    else
        printText(*audit);
    out().flush();
    for (const QString &warning : audit->warnings)
        printWarning(warning);
    for (const Finding &finding : audit->findings()) {
        if (failOn->reachedBy(finding.severity))
            return ExitFindings;
    }
    return ExitOk;
}

void Envs::printText(const EnvironmentAudit &audit)
{
    const PoolerProfile *profile = RuleCatalog::builtin().profile(audit.profileId);
    out() << tr("Pooler profile: %1 (%2)")
                 .arg(profile ? RuleCatalog::translated(profile->name) : audit.profileId, audit.profileReason)
          << '\n';
    if (audit.environments.isEmpty())
        out() << tr("No environments found.") << '\n';
    for (const AuditedEnvironment &environment : audit.environments) {
        out() << '\n' << environment.name << "  " << severityId(environment.verdict());
        if (environment.poolerExpected)
            out() << "  " << tr("(pooler expected: %1)").arg(environment.poolerExpectedReason);
        out() << '\n';
        if (environment.urls.isEmpty())
            out() << "  " << tr("no connection settings found") << '\n';
        for (const EnvironmentUrl &entry : environment.urls) {
            const DiscoveredUrl &url = entry.url;
            out() << "  " << urlRoleId(url.role) << "  " << url.key << "  " << place(url.location) << '\n';
            if (url.state == ValueState::DefinedElsewhere) {
                out() << "    " << tr("defined elsewhere: %1").arg(url.reference) << '\n';
                continue;
            }
            if (url.state == ValueState::Empty) {
                out() << "    " << tr("left empty here") << '\n';
                continue;
            }
            QString shown = url.masked();
            if (url.role == UrlRole::PoolerConfig)
                shown = shown.simplified();
            out() << "    " << shown << '\n';
            const UrlAnalysis &analysis = entry.check.analysis;
            QStringList status;
            status << dialectName(analysis.dialect());
            status << (analysis.libpqAccepts() ? tr("libpq accepts")
                                               : tr("libpq rejects: %1").arg(analysis.libpqMessage()));
            if (analysis.dialect() != Dialect::Libpq && !analysis.driverAccepts())
                status << tr("%1 rejects: %2").arg(dialectName(analysis.dialect()), analysis.driverMessage());
            if (url.role != UrlRole::PoolerConfig)
                status << (entry.check.pooler.viaPooler ? tr("through the pooler (%1)").arg(entry.check.pooler.reason)
                                                        : tr("direct"));
            status << tr("verdict: %1").arg(severityId(entry.check.verdict()));
            out() << "    " << status.join(QStringLiteral(", ")) << '\n';
            if (!url.note.isEmpty())
                out() << "    " << url.note << '\n';
        }
    }
    const QList<Finding> findings = audit.findings();
    if (!findings.isEmpty()) {
        out() << '\n' << tr("Findings:") << '\n';
        for (const Finding &finding : findings)
            out() << compilerStyleLine(finding) << '\n';
    }
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (const Finding &finding : findings) {
        errors += finding.severity == Severity::Error;
        warnings += finding.severity == Severity::Warning;
        infos += finding.severity == Severity::Info;
    }
    out() << '\n'
          << tr("%n environment(s)", nullptr, int(audit.environments.size())) << ", "
          << tr("%n error(s)", nullptr, errors) << ", " << tr("%n warning(s)", nullptr, warnings) << ", "
          << tr("%n info(s)", nullptr, infos) << '\n';
}

QJsonObject Envs::toJson(const EnvironmentAudit &audit)
{
    QJsonArray environments;
    for (const AuditedEnvironment &environment : audit.environments) {
        QJsonArray urls;
        for (const EnvironmentUrl &entry : environment.urls) {
            const DiscoveredUrl &url = entry.url;
            QJsonObject object;
            if (entry.checked) {
                object = urlAnalysisToJson(entry.check.analysis, entry.check.pooler);
                object.insert(QStringLiteral("verdict"), severityId(entry.check.verdict()));
                object.insert(QStringLiteral("findings"), urlFindingsToJson(entry.check.findings));
            }
            object.insert(QStringLiteral("key"), url.key);
            object.insert(QStringLiteral("role"), urlRoleId(url.role));
            object.insert(QStringLiteral("sourceKind"), url.sourceKind);
            object.insert(QStringLiteral("source"),
                          QJsonObject {{QStringLiteral("path"), url.location.path},
                                       {QStringLiteral("line"), url.location.line},
                                       {QStringLiteral("column"), url.location.column}});
            object.insert(QStringLiteral("state"), stateId(url.state));
            object.insert(QStringLiteral("masked"), url.state == ValueState::Written ? url.masked() : QString());
            if (url.state == ValueState::DefinedElsewhere) {
                object.insert(QStringLiteral("definedElsewhere"), true);
                object.insert(QStringLiteral("reference"), url.reference);
            }
            if (!url.note.isEmpty())
                object.insert(QStringLiteral("note"), url.note);
            urls.append(object);
        }
        QJsonObject object {
            {QStringLiteral("name"), environment.name},
            {QStringLiteral("kind"), environmentKindId(environment.kind)},
            {QStringLiteral("declared"), environment.declared},
            {QStringLiteral("verdict"), severityId(environment.verdict())},
            {QStringLiteral("poolerExpected"), environment.poolerExpected},
            {QStringLiteral("urls"), urls},
            {QStringLiteral("findings"), urlFindingsToJson(environment.findings)},
        };
        if (environment.poolerExpected)
            object.insert(QStringLiteral("poolerExpectedReason"), environment.poolerExpectedReason);
        if (environment.instances > 0)
            object.insert(QStringLiteral("instances"), environment.instances);
        if (environment.pooler) {
            object.insert(
                QStringLiteral("pooler"),
                QJsonObject {{QStringLiteral("path"), environment.pooler->path},
                             {QStringLiteral("listenPort"), environment.pooler->listenPort},
                             {QStringLiteral("poolMode"), environment.pooler->poolMode},
                             {QStringLiteral("maxPreparedStatements"), environment.pooler->maxPreparedStatements},
                             {QStringLiteral("clientTlsSslmode"), environment.pooler->clientTlsSslmode}});
        }
        environments.append(object);
    }
    return QJsonObject {
        {QStringLiteral("pooler"),
         QJsonObject {{QStringLiteral("profile"), audit.profileId}, {QStringLiteral("reason"), audit.profileReason}}},
        {QStringLiteral("projectFile"), audit.project.exists},
        {QStringLiteral("files"), QJsonArray::fromStringList(audit.files)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(audit.warnings)},
        {QStringLiteral("environments"), environments},
    };
}

} // namespace

int runEnvs(const QStringList &arguments)
{
    return Envs::run(arguments);
}

} // namespace poolproof::cli
