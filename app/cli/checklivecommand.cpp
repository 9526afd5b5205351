#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "env/environmentaudit.h"
#include "live/livecheck.h"
#include "live/livesecrets.h"
#include "scan/scanengine.h"
#include "url/urlanalysis.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace poolproof::cli {

namespace {

class CheckLive
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::cli::CheckLive)
public:
    static int run(const QStringList &arguments);

private:
    static void printText(const LiveCheckResult &result);
};

bool standardInputIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

// Reads a line from the terminal without echoing it; the answer is never printed.
QString promptHidden(const QString &prompt)
{
#ifdef Q_OS_UNIX
    err() << prompt;
    err().flush();
    termios saved {};
    const bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (restore) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QByteArray line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        line.append(char(c));
    if (restore)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    err() << Qt::endl;
    return QString::fromUtf8(line);
#else
    Q_UNUSED(prompt);
    return {};
#endif
}

// A password from the environment variable the user named; the name is checked, the value never shown.
std::optional<QString> passwordFromEnvironment(const QString &variable, QString *error)
{
    if (variable.isEmpty())
        return QString();
    if (!qEnvironmentVariableIsSet(variable.toLocal8Bit().constData())) {
        *error = CheckLive::tr("the environment variable %1 is not set").arg(variable);
        return std::nullopt;
    }
    return qEnvironmentVariable(variable.toLocal8Bit().constData());
}

// "${DATABASE_URL}", "$DATABASE_URL", "env(\"DATABASE_URL\")" -> DATABASE_URL
QString referencedVariable(const QString &reference)
{
    static const QRegularExpression pattern(u"([A-Za-z_][A-Za-z0-9_]*)"_s);
    QString inner = reference;
    inner.remove(u"env("_s).remove(u'$').remove(u'{').remove(u'}').remove(u'"').remove(u'\'').remove(u')');
    const QRegularExpressionMatch match = pattern.match(inner.trimmed());
    return match.hasMatch() && match.captured(1) == inner.trimmed() ? match.captured(1) : QString();
}

struct EnvironmentTarget {
    QString url;
    int instances = 0;
    QString profileId;
    QString error;
};

// The application URL of an environment of the repository at root.
EnvironmentTarget environmentTarget(const QString &root, const QString &name)
{
    EnvironmentTarget target;
    QString error;
    const std::optional<EnvironmentAudit> audit = auditEnvironments(root, {}, &error);
    if (!audit) {
        target.error = error;
        return target;
    }
    target.profileId = audit->profileId;
    const AuditedEnvironment *environment = audit->environment(name);
    if (!environment) {
        QStringList names;
        for (const AuditedEnvironment &known : audit->environments)
            names << known.name;
        target.error = CheckLive::tr("no environment \"%1\" in %2 (found: %3)")
                           .arg(name, root, names.isEmpty() ? CheckLive::tr("none") : names.join(u", "_s));
        return target;
    }
    target.instances = environment->instances;
    QStringList unresolved;
    for (int pass = 0; pass < 2 && target.url.isEmpty(); ++pass) {
        for (const EnvironmentUrl &entry : environment->urls) {
            const DiscoveredUrl &url = entry.url;
            // The application's own setting first, then any other.
            if (pass == 0 && url.role != UrlRole::Application)
                continue;
            if (url.state == ValueState::Written) {
                target.url = url.connectionText();
                break;
            }
            if (url.state == ValueState::DefinedElsewhere) {
                const QString variable = referencedVariable(url.reference);
                if (!variable.isEmpty() && qEnvironmentVariableIsSet(variable.toLocal8Bit().constData())) {
                    target.url = qEnvironmentVariable(variable.toLocal8Bit().constData());
                    break;
                }
                unresolved << url.key + u" = "_s + url.reference;
            }
        }
    }
    if (target.url.isEmpty()) {
        target.error = unresolved.isEmpty()
            ? CheckLive::tr("environment \"%1\" has no connection string").arg(name)
            : CheckLive::tr("environment \"%1\" defines its connection string elsewhere (%2): set the variable "
                            "or pass the URL with --url")
                  .arg(name, unresolved.join(u", "_s));
    }
    return target;
}

int CheckLive::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Connects to a database or pooler with Qt's PostgreSQL driver and reports reachability, TLS, server version "
           "and round-trip time. Through PgBouncer's admin console it reads the version and settings, maps them to a "
           "pooler profile and flags what does not fit the code. Passwords are asked for, or read from an environment "
           "variable you name, or with --keychain from the system keychain; they are never printed, and never stored "
           "anywhere but in that keychain."));
    parser.addHelpOption();
    const QCommandLineOption envOption(u"env"_s, tr("Environment of the repository at PATH whose URL to check."),
                                       tr("name"));
    const QCommandLineOption urlOption(u"url"_s, tr("Connection string to check (instead of --env)."), tr("url"));
    const QCommandLineOption passwordEnvOption(u"password-env"_s, tr("Environment variable that holds the password."),
                                               tr("var"));
    const QCommandLineOption adminUserOption(
        u"admin-user"_s, tr("User for PgBouncer's admin console (database pgbouncer)."), tr("user"));
    const QCommandLineOption adminPasswordEnvOption(
        u"admin-password-env"_s, tr("Environment variable that holds the admin console's password."), tr("var"));
    const QCommandLineOption timeoutOption(
        u"timeout"_s, tr("Connect and statement timeout in seconds (default 5, at least 2)."), tr("seconds"), u"5"_s);
    const QCommandLineOption proveOption(
        u"prove"_s,
        tr("Replay a session SET and a LISTEN through the pooler with two clients. It changes "
           "session state on a shared server connection: disposable databases only."));
    const QCommandLineOption poolSizeOption(
        u"pool-size"_s,
        tr("Connections each application instance opens at most (default: the largest pool "
           "size set in the code, with --env)."),
        tr("N"));
    const QCommandLineOption instancesOption(
        u"instances"_s, tr("Application instances (default: the project file's, else 1)."), tr("N"));
    const QCommandLineOption formatOption(u"format"_s, tr("Output format: text or json."), tr("format"), u"text"_s);
    const QCommandLineOption poolerOption(
        u"pooler"_s, tr("Pooler profile the static findings assume until the live check finds the real one."),
        tr("profile"));
    const QCommandLineOption noScanOption(u"no-scan"_s, tr("With --env: do not scan the repository's code."));
    const QCommandLineOption keychainOption(
        u"keychain"_s,
        tr("Take passwords not given otherwise from the system keychain, and keep there those that logged in."));
    const QCommandLineOption failOnOption = cli::failOnOption(
        tr("Exit with 1 when a mismatch reaches this severity: error (default), warning, info or none. A check that "
           "cannot connect counts as an error."));
    parser.addOptions({envOption, urlOption, passwordEnvOption, adminUserOption, adminPasswordEnvOption, timeoutOption,
                       proveOption, poolSizeOption, instancesOption, formatOption, poolerOption, noScanOption,
                       keychainOption, failOnOption});
    parser.addPositionalArgument(u"path"_s, tr("Repository whose environment --env names."), tr("[PATH]"));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;

    const std::optional<QString> format = formatValue(parser, formatOption, {u"text"_s, u"json"_s});
    const std::optional<FailOn> failOn = failOnValue(parser, failOnOption);
    const std::optional<QString> pooler = profileValue(parser, poolerOption);
    if (!format || !failOn || !pooler)
        return ExitUsageError;
    const auto positiveNumber = [&](const QCommandLineOption &option, int minimum, int *value) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        *value = parser.value(option).toInt(&ok);
        if (!ok || *value < minimum) {
            printError(tr("--%1 needs a whole number of at least %2, not \"%3\"")
                           .arg(option.names().constFirst())
                           .arg(minimum)
                           .arg(parser.value(option)));
            return false;
        }
        return true;
    };
    LiveCheckOptions options;
    int instances = 0;
    if (!positiveNumber(timeoutOption, 1, &options.connectTimeoutSeconds)
        || !positiveNumber(poolSizeOption, 1, &options.applicationPoolSize)
        || !positiveNumber(instancesOption, 1, &instances))
        return ExitUsageError;
    if (parser.isSet(urlOption) == parser.isSet(envOption)) {
        printError(tr("give either --url URL or --env NAME PATH"));
        return ExitUsageError;
    }
    QString profileId = *pooler;

    QString root;
    if (parser.isSet(envOption)) {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1) {
            printError(tr("--env needs the repository: check-live --env NAME PATH"));
            return ExitUsageError;
        }
        root = positional.constFirst();
        if (!QFileInfo(root).isDir()) {
            printError(tr("%1 is not a folder").arg(root));
            return ExitUsageError;
        }
        const EnvironmentTarget target = environmentTarget(root, parser.value(envOption));
        if (!target.error.isEmpty()) {
            printError(target.error);
            return ExitUsageError;
        }
        options.url = target.url;
        options.environment = parser.value(envOption);
        if (!instances)
            instances = target.instances;
        if (profileId.isEmpty())
            profileId = target.profileId;
    } else {
        if (!parser.positionalArguments().isEmpty()) {
            printError(tr("--url takes no PATH"));
            return ExitUsageError;
        }
        options.url = parser.value(urlOption);
    }
    options.instances = std::max(1, instances);

    QString error;
    const std::optional<QString> password = passwordFromEnvironment(parser.value(passwordEnvOption), &error);
    const std::optional<QString> adminPassword = passwordFromEnvironment(parser.value(adminPasswordEnvOption), &error);
    if (!password || !adminPassword) {
        printError(error);
        return ExitUsageError;
    }
    options.password = *password;
    options.adminUser = parser.value(adminUserOption);
    options.adminPassword = *adminPassword;
    options.prove = parser.isSet(proveOption);
    const UrlAnalysis analysis = UrlAnalysis::analyze(options.url);
    // A password the URL refers to (${DB_PASSWORD}) comes from that variable, as it does for the application.
    if (options.password.isEmpty() && analysis.facts().password == PasswordState::Reference
        && !analysis.facts().passwordReference.isEmpty()) {
        options.password = qEnvironmentVariable(analysis.facts().passwordReference.toLocal8Bit().constData());
    }
    const bool keychain = parser.isSet(keychainOption);
    if (keychain) {
        // Before the prompt: a password kept earlier saves typing it.
        const KeychainUse use = takePasswordsFromKeychain(&options);
        if (!use.error.isEmpty())
            printWarning(tr("the system keychain could not be asked: %1").arg(use.error));
    }
    if (options.password.isEmpty() && analysis.facts().password != PasswordState::Literal && standardInputIsTerminal())
        options.password = promptHidden(tr("Password for %1: ").arg(analysis.masked()));
    if (!options.adminUser.isEmpty() && options.adminPassword.isEmpty() && standardInputIsTerminal())
        options.adminPassword
            = promptHidden(tr("Password for PgBouncer's admin console (%1): ").arg(options.adminUser));

    if (!root.isEmpty() && !parser.isSet(noScanOption)) {
        ScanOptions scanOptions;
        scanOptions.root = root;
        scanOptions.profileId = profileId;
        options.scan = runScan(scanOptions);
        if (!options.scan->error.isEmpty()) {
            printError(options.scan->error);
            return ExitUsageError;
        }
    }

    const LiveCheckResult result = runLiveCheck(options);
    if (keychain) {
        QString keychainError;
        keepPasswordsInKeychain(options, result, &keychainError);
        if (!keychainError.isEmpty())
            printWarning(tr("the system keychain could not keep the password: %1").arg(keychainError));
    }
    if (*format == u"json")
        out() << QJsonDocument(liveCheckToJson(result)).toJson(QJsonDocument::Indented);
    else
        printText(result);
    out().flush();
    if (result.failure == LiveFailure::BadInput) {
        printError(result.error);
        return ExitUsageError;
    }
    return failOn->reachedBy(result.verdict()) ? ExitFindings : ExitOk;
}

void CheckLive::printText(const LiveCheckResult &result)
{
    const auto yesNo = [](bool value) { return value ? tr("yes") : tr("no"); };
    out() << result.maskedUrl << '\n';
    out() << "  "
          << tr("endpoint: %1:%2, database %3, user %4").arg(result.host, result.port, result.database, result.user)
          << '\n';
    if (!result.connected) {
        out() << "  " << tr("reachable: %1").arg(yesNo(result.reachable)) << '\n';
        out() << "  " << tr("connection failed (%1): %2").arg(liveFailureId(result.failure), result.error) << '\n';
    } else {
        out() << "  " << tr("reachable: yes, connected in %1 ms").arg(result.connectMs, 0, 'f', 1) << '\n';
        out() << "  " << tr("TLS: %1").arg(result.tls ? result.tlsProtocol : tr("not in use")) << '\n';
        out() << "  " << tr("server version: %1").arg(result.serverVersion) << '\n';
        out() << "  " << tr("round trip: %1 ms").arg(result.roundTripMs, 0, 'f', 2) << '\n';
    }
    if (result.pooler) {
        const PoolerInfo &pooler = *result.pooler;
        out() << "  "
              << tr("pooler: %1 (%2)")
                     .arg(pooler.versionText.isEmpty() ? pooler.software : pooler.versionText, pooler.detectedBy)
              << '\n';
        if (pooler.adminAccess) {
            for (const QString &key :
                 {u"pool_mode"_s, u"max_prepared_statements"_s, u"max_client_conn"_s, u"default_pool_size"_s,
                  u"server_reset_query"_s, u"server_reset_query_always"_s, u"ignore_startup_parameters"_s,
                  u"track_extra_parameters"_s, u"client_tls_sslmode"_s}) {
                if (pooler.hasSetting(key))
                    out() << "    " << key << " = " << pooler.setting(key) << '\n';
            }
            out() << "    " << tr("databases:");
            for (const PoolerRow &row : pooler.databases) {
                const QString mode = row.value(u"pool_mode"_s);
                out() << ' ' << row.value(u"name"_s) << '(' << (mode.isEmpty() ? tr("global") : mode) << ')';
            }
            out() << '\n';
        }
    }
    if (!result.effectivePoolMode.isEmpty())
        out() << "  " << tr("pool mode for database %1: %2").arg(result.database, result.effectivePoolMode) << '\n';
    if (!result.effectiveProfileId.isEmpty())
        out() << "  " << tr("effective pooler profile: %1").arg(result.effectiveProfileId) << '\n';
    if (result.applicationPoolSize > 0)
        out() << "  " << tr("application pool size: %1 (%2)").arg(result.applicationPoolSize).arg(result.poolSizeSource)
              << '\n';
    for (const ProveResult &prove : result.replays) {
        out() << "  " << tr("replay (%1):").arg(prove.pattern) << '\n';
        for (const ProveStep &step : prove.steps) {
            out() << "    " << step.client << ": " << step.sql << "  ->  " << step.result;
            if (step.backendPid > 0)
                out() << "  " << tr("[server process %1]").arg(step.backendPid);
            out() << '\n';
        }
        out() << "    " << (prove.error.isEmpty() ? prove.conclusion : tr("the replay failed: %1").arg(prove.error))
              << '\n';
    }
    for (const Finding &finding : result.mismatches) {
        out() << "  " << severityId(finding.severity) << ": " << finding.message << " [" << finding.ruleId << "]\n";
        out() << "    " << finding.snippet << '\n';
        out() << "    " << tr("fix: %1").arg(finding.fix) << '\n';
    }
    int changed = 0;
    for (const RegradedFinding &entry : result.regraded)
        changed += entry.finding.severity != entry.staticSeverity ? 1 : 0;
    if (!result.regraded.isEmpty())
        out()
            << "  "
            << tr("static findings graded for %1: %n changed severity", nullptr, changed).arg(result.effectiveProfileId)
            << '\n';
    for (const RegradedFinding &entry : result.regraded) {
        if (entry.finding.severity == entry.staticSeverity)
            continue;
        out() << "    " << entry.finding.location.path << ':' << entry.finding.location.line << ": "
              << entry.finding.ruleId << ' ' << severityId(entry.staticSeverity) << " -> "
              << severityId(entry.finding.severity) << '\n';
    }
    for (const QString &note : result.notChecked)
        out() << "  " << tr("not checked: %1").arg(note) << '\n';
    for (const QString &note : result.leftBehind)
        out() << "  " << tr("left behind: %1").arg(note) << '\n';
    out() << "  " << tr("verdict: %1 (%2 ms)").arg(severityId(result.verdict())).arg(result.durationMs) << '\n';
}

} // namespace

int runCheckLive(const QStringList &arguments)
{
    return CheckLive::run(arguments);
}

} // namespace poolproof::cli
