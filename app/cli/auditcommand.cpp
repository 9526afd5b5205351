#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "audit/audit.h"
#include "audit/auditjson.h"
#include "audit/databasereport.h"
#include "report/outputfile.h"
#include "rules/rulecatalog.h"
#include "url/urlcheck.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTimeZone>

#include <functional>

namespace poolproof::cli {

namespace {

class Audit
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::cli::Audit)
public:
    static int run(const QStringList &arguments);

private:
    // produce() hands each piece of the report to the writer it is given.
    static bool write(const QString &path, const std::function<bool(const PieceWriter &)> &produce);
    static bool write(const QString &path, const QByteArray &bytes);
};

bool Audit::write(const QString &path, const std::function<bool(const PieceWriter &)> &produce)
{
    QString error;
    if (writeOutputFile(path, produce, &error))
        return true;
    printError(tr("cannot write %1: %2").arg(path, error));
    return false;
}

bool Audit::write(const QString &path, const QByteArray &bytes)
{
    return write(path, [&bytes](const PieceWriter &writer) { return writer(bytes); });
}

int Audit::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Scans a repository, checks its environments' connection strings, and exports the audit."));
    parser.addHelpOption();
    const QCommandLineOption poolerOption(
        QStringLiteral("pooler"), tr("Pooler profile (default: the project file's, else PgBouncer 1.24 or later)."),
        tr("profile"));
    const QCommandLineOption exportOption(QStringLiteral("export"), tr("Write DATABASE.md to FILE."), tr("file"));
    const QCommandLineOption templateOption(QStringLiteral("template"), tr("Use FILE as the DATABASE.md template."),
                                            tr("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Write the audit as JSON to FILE."), tr("file"));
    const QCommandLineOption sarifOption(QStringLiteral("sarif"), tr("Write the findings as SARIF 2.1.0 to FILE."),
                                         tr("file"));
    const QCommandLineOption htmlOption(QStringLiteral("html"), tr("Write a self-contained HTML report to FILE."),
                                        tr("file"));
    const QCommandLineOption dateOption(QStringLiteral("date"),
                                        tr("The audit date to print, YYYY-MM-DD (default: today)."), tr("date"));
    const QCommandLineOption failOnOption
        = cli::failOnOption(tr("Exit with 1 when a finding reaches this severity: error, warning, info or none."));
    const QCommandLineOption envFileOption = cli::envFileOption();
    parser.addOptions({poolerOption, envFileOption, exportOption, templateOption, jsonOption, sarifOption, htmlOption,
                       dateOption, failOnOption});
    parser.addPositionalArgument(QStringLiteral("path"), tr("The repository to audit."));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;
    const QStringList paths = parser.positionalArguments();
    if (paths.size() != 1) {
        printError(paths.isEmpty() ? tr("no path given: poolproof-cli audit PATH --export DATABASE.md")
                                   : tr("audit takes one path, %1 were given").arg(paths.size()));
        return ExitUsageError;
    }
    const std::optional<FailOn> failOn = failOnValue(parser, failOnOption);
    const std::optional<QString> profile = profileValue(parser, poolerOption);
    if (!failOn || !profile)
        return ExitUsageError;
    AuditOptions options;
    options.root = paths.first();
    options.profileId = *profile;
    if (parser.isSet(dateOption)) {
        const QDate date = QDate::fromString(parser.value(dateOption), Qt::ISODate);
        if (!date.isValid()) {
            printError(tr("--date needs a date as YYYY-MM-DD, not \"%1\"").arg(parser.value(dateOption)));
            return ExitUsageError;
        }
        options.date = QDateTime(date, QTime(12, 0), QTimeZone::UTC);
    }
    options.environmentFiles = envFileValues(parser, envFileOption);
    QString templateText = defaultDatabaseTemplate();
    if (parser.isSet(templateOption)) {
        QFile file(parser.value(templateOption));
        if (!file.open(QIODevice::ReadOnly)) {
            printError(tr("cannot read the template %1: %2").arg(parser.value(templateOption), file.errorString()));
            return ExitUsageError;
        }
        templateText = QString::fromUtf8(file.readAll());
    }

    const AuditResult audit = poolproof::runAudit(options);
    if (!audit.scan.error.isEmpty()) {
        printError(audit.scan.error);
        return ExitUsageError;
    }
    // A report built without the environments would look complete and say less: stop instead.
    if (!audit.environmentsError.isEmpty()) {
        printError(audit.environmentsError);
        return ExitUsageError;
    }
    const DatabaseReport report = DatabaseReport::build(audit);
    bool written = true;
    if (parser.isSet(exportOption)) {
        QStringList unknown;
        const QString markdown = renderDatabaseMarkdown(report, templateText, &unknown);
        for (const QString &name : std::as_const(unknown))
            err() << tr("warning: the template's placeholder {{%1}} is unknown and was left as it is").arg(name)
                  << Qt::endl;
        written &= write(parser.value(exportOption), markdown.toUtf8());
    }
    // JSON and SARIF go out in pieces as they are rendered, never held whole.
    if (parser.isSet(jsonOption)) {
        written &= write(parser.value(jsonOption),
                         [&audit](const PieceWriter &writer) { return writeAuditJson(audit, writer); });
    }
    if (parser.isSet(sarifOption)) {
        written &= write(parser.value(sarifOption),
                         [&audit](const PieceWriter &writer) { return writeAuditSarif(audit, writer); });
    }
    if (parser.isSet(htmlOption))
        written &= write(parser.value(htmlOption), renderDatabaseHtml(report).toUtf8());
    if (!written)
        return ExitUsageError;

    const AuditResult::SeverityCounts counts = audit.severityCounts();
    out() << tr("%1: %2 (pooler: %3)").arg(audit.projectName, auditStatusId(audit.status()), audit.profileId) << '\n'
          << tr("findings in code and environments: %1 errors, %2 warnings, %3 for information, %4 suppressed; "
                "environments: %5")
                 .arg(counts.errors)
                 .arg(counts.warnings)
                 .arg(counts.infos)
                 .arg(audit.scan.suppressedCount())
                 .arg(audit.environments ? audit.environments->environments.size() : 0)
          << '\n';
    for (const QString &file :
         {parser.value(exportOption), parser.value(jsonOption), parser.value(sarifOption), parser.value(htmlOption)}) {
        if (!file.isEmpty())
            out() << tr("wrote %1").arg(file) << '\n';
    }
    out().flush();
    const QList<Finding> findings = audit.allFindings();
    return !findings.isEmpty() && failOn->reachedBy(worstSeverity(findings)) ? ExitFindings : ExitOk;
}

} // namespace

int runAudit(const QStringList &arguments)
{
    return Audit::run(arguments);
}

} // namespace poolproof::cli
