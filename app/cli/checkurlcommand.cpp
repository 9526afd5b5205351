#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "rules/rulecatalog.h"
#include "url/connectionstring.h"
#include "url/urlcheck.h"
#include "url/urljson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace poolproof::cli {

namespace {

struct Input {
    QString source; // "<arg1>", "<stdin>"
    int line = 1;
    QString text;
};

class CheckUrl
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::cli::CheckUrl)
public:
    static int run(const QStringList &arguments);

private:
    static void printText(const Input &input, const CheckedUrl &checked);
};

int CheckUrl::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Parses connection strings exactly as libpq does (and as the driver that reads them does), then checks "
           "them against the policy of an environment and a pooler profile. Passwords are always masked."));
    parser.addHelpOption();
    const QCommandLineOption envOption(
        QStringLiteral("env"),
        tr("Environment whose policy applies: production (default), staging, development, "
           "test, or any name."),
        tr("name"), QStringLiteral("production"));
    const QCommandLineOption poolerOption(QStringLiteral("pooler"), tr("Pooler profile (see resources/poolers.json)."),
                                          tr("profile"));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("Output format: text or json."), tr("format"),
                                          QStringLiteral("text"));
    const QCommandLineOption libpqOption(
        QStringLiteral("libpq-version"),
        tr("The libpq major version the strings must work with (default: the linked one)."), tr("N"));
    const QCommandLineOption failOnOption = cli::failOnOption(
        tr("Exit with 1 when a finding reaches this severity: error (default), warning, info or none."));
    const QCommandLineOption roleOption(QStringLiteral("role"),
                                        tr("What the strings are used for: application (default) or migration."),
                                        tr("role"), QStringLiteral("application"));
    const QCommandLineOption driverOption(
        QStringLiteral("driver"),
        tr("The driver that reads the strings, e.g. libpq, prisma, pgx, node-postgres, jdbc, npgsql."), tr("driver"));
    const QCommandLineOption expectPoolerOption(QStringLiteral("expect-pooler"),
                                                tr("The application is expected to connect through a pooler."));
    parser.addOptions({envOption, poolerOption, formatOption, libpqOption, failOnOption, roleOption, driverOption,
                       expectPoolerOption});
    parser.addPositionalArgument(QStringLiteral("url"),
                                 tr("Connection strings to check; - reads them from standard input, one a line."),
                                 tr("URL..."));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;

    const std::optional<QString> format
        = formatValue(parser, formatOption, {QStringLiteral("text"), QStringLiteral("json")});
    const std::optional<FailOn> failOn = failOnValue(parser, failOnOption);
    const std::optional<QString> profileId = profileValue(parser, poolerOption);
    if (!format || !failOn || !profileId)
        return ExitUsageError;
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const PoolerProfile *profile = profileId->isEmpty() ? &catalog.defaultProfile() : catalog.profile(*profileId);
    UrlAnalysisOptions options;
    if (parser.isSet(libpqOption)) {
        bool ok = false;
        options.libpqVersion = parser.value(libpqOption).toInt(&ok);
        if (!ok || options.libpqVersion < 9 || options.libpqVersion > 99) {
            printError(
                tr("--libpq-version needs a major version such as 15, not \"%1\"").arg(parser.value(libpqOption)));
            return ExitUsageError;
        }
    }
    if (parser.isSet(driverOption)) {
        const std::optional<Dialect> dialect = dialectFromId(parser.value(driverOption).toLower());
        if (!dialect) {
            printError(tr("unknown driver \"%1\"").arg(parser.value(driverOption)));
            return ExitUsageError;
        }
        options.context = DialectContext {dialect, true, tr("given with --driver")};
    }
    PolicyContext context;
    context.environment = normalizedEnvironmentName(parser.value(envOption));
    context.kind = environmentKindFromName(context.environment);
    context.profile = profile;
    const QString role = parser.value(roleOption);
    if (role == u"migration") {
        context.role = UrlRole::Migration;
    } else if (role != u"application") {
        printError(tr("unknown role \"%1\" (use application or migration)").arg(role));
        return ExitUsageError;
    }
    context.poolerExpected = parser.isSet(expectPoolerOption);
    context.poolerExpectedReason = tr("--expect-pooler was given");

    QList<Input> inputs;
    const QStringList positional = parser.positionalArguments();
    for (qsizetype i = 0; i < positional.size(); ++i) {
        if (positional.at(i) != u"-") {
            inputs.append({u"<arg"_s + QString::number(i + 1) + u'>', 1, positional.at(i)});
            continue;
        }
        QFile file;
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            printError(tr("cannot read standard input: %1").arg(file.errorString()));
            return ExitUsageError;
        }
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        for (qsizetype line = 0; line < lines.size(); ++line) {
            QString text = lines.at(line);
            if (text.endsWith(u'\r'))
                text.chop(1);
            if (text.trimmed().isEmpty() || text.trimmed().startsWith(u'#'))
                continue;
            inputs.append({QStringLiteral("<stdin>"), int(line) + 1, text});
        }
    }
    if (inputs.isEmpty()) {
        printError(tr("no connection string given (pass them as arguments, or - to read standard input)"));
        return ExitUsageError;
    }

    QJsonArray results;
    bool reached = false;
    for (const Input &input : std::as_const(inputs)) {
        UrlSite site;
        site.value = SourceLocation {input.source, input.line, 1, 0, 0};
        site.key = input.source;
        site.environment = context.environment;
        const CheckedUrl checked = checkConnectionString(input.text, options, context, site);
        for (const Finding &finding : checked.findings)
            reached = reached || failOn->reachedBy(finding.severity);
        if (*format == u"json") {
            QJsonObject object = urlAnalysisToJson(checked.analysis, checked.pooler);
            object.insert(QStringLiteral("source"), input.source);
            object.insert(QStringLiteral("line"), input.line);
            object.insert(QStringLiteral("verdict"), severityId(checked.verdict()));
            object.insert(QStringLiteral("findings"), urlFindingsToJson(checked.findings));
            results.append(object);
        } else {
            printText(input, checked);
        }
    }
    if (*format == u"json") {
        const QJsonObject root {
            {QStringLiteral("environment"), context.environment},
            {QStringLiteral("environmentKind"), environmentKindId(context.kind)},
            {QStringLiteral("pooler"), profile->id},
            {QStringLiteral("linkedLibpqVersion"), ConnectionString::libpqMajorVersion()},
            {QStringLiteral("urls"), results},
        };
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
    }
    out().flush();
    return reached ? ExitFindings : ExitOk;
}

void CheckUrl::printText(const Input &input, const CheckedUrl &checked)
{
    const UrlAnalysis &analysis = checked.analysis;
    const QString where = input.source + (input.source == u"<stdin>" ? u':' + QString::number(input.line) : QString());
    out() << where << ": " << analysis.masked() << '\n';
    if (analysis.isWholeReference()) {
        out() << "  " << tr("the whole value is a reference: defined elsewhere, nothing to check") << '\n';
        return;
    }
    const QString libpq = tr("libpq %1").arg(analysis.libpqVerdictVersion());
    if (analysis.libpqAccepts())
        out() << "  " << tr("%1: accepts").arg(libpq) << '\n';
    else
        out() << "  " << tr("%1: rejects (%2)").arg(libpq, analysis.libpqMessage()) << '\n';
    if (analysis.dialect() != Dialect::Libpq) {
        const QString driver = dialectName(analysis.dialect());
        if (analysis.driverAccepts())
            out() << "  " << tr("%1: accepts (%2)").arg(driver, analysis.dialectReason()) << '\n';
        else
            out() << "  " << tr("%1: rejects (%2)").arg(driver, analysis.driverMessage()) << '\n';
    }
    if (checked.pooler.viaPooler)
        out() << "  " << tr("through a pooler (%1)").arg(checked.pooler.reason) << '\n';
    for (const Finding &finding : checked.findings)
        out() << compilerStyleLine(finding) << '\n';
}

} // namespace

int runCheckUrl(const QStringList &arguments)
{
    return CheckUrl::run(arguments);
}

} // namespace poolproof::cli
