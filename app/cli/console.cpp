#include "console.h"

#include "exitcodes.h"

#include "rules/rulecatalog.h"

#include <QCoreApplication>

#include <cstdio>

namespace poolproof::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

void printError(const QString &message)
{
    out().flush();
    err() << "poolproof-cli: " << QCoreApplication::translate("poolproof::cli", "error: %1").arg(message) << Qt::endl;
}

void printWarning(const QString &message)
{
    out().flush();
    err() << "poolproof-cli: " << QCoreApplication::translate("poolproof::cli", "warning: %1").arg(message) << Qt::endl;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return ExitUsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    return std::nullopt;
}

std::optional<QString> formatValue(const QCommandLineParser &parser, const QCommandLineOption &option,
                                   const QStringList &accepted)
{
    const QString format = parser.value(option);
    if (accepted.contains(format))
        return format;
    QStringList quoted = accepted;
    const QString last = quoted.takeLast();
    const QString choices = quoted.isEmpty()
        ? last
        : QCoreApplication::translate("poolproof::cli", "%1 or %2").arg(quoted.join(QStringLiteral(", ")), last);
    printError(QCoreApplication::translate("poolproof::cli", "unknown format \"%1\" (use %2)").arg(format, choices));
    return std::nullopt;
}

std::optional<QString> profileValue(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return QString();
    const QString id = parser.value(option);
    const RuleCatalog &catalog = RuleCatalog::builtin();
    if (catalog.profile(id))
        return id;
    QStringList known;
    for (const PoolerProfile &profile : catalog.profiles())
        known << profile.id;
    printError(QCoreApplication::translate("poolproof::cli", "unknown pooler profile \"%1\" (known: %2)")
                   .arg(id, known.join(QStringLiteral(", "))));
    return std::nullopt;
}

QCommandLineOption envFileOption()
{
    return QCommandLineOption(
        QStringLiteral("env-file"),
        QCoreApplication::translate("poolproof::cli",
                                    "Also read this dotenv file, e.g. deployment secrets kept outside the "
                                    "repository; NAME=FILE names its environment. May be repeated."),
        QCoreApplication::translate("poolproof::cli", "[name=]file"));
}

QList<EnvironmentFile> envFileValues(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    QList<EnvironmentFile> files;
    for (const QString &argument : parser.values(option))
        files << environmentFileFromArgument(argument);
    return files;
}

QCommandLineOption failOnOption(const QString &description)
{
    return QCommandLineOption(QStringLiteral("fail-on"), description,
                              QCoreApplication::translate("poolproof::cli", "severity"), QStringLiteral("error"));
}

std::optional<FailOn> failOnValue(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    const QString value = parser.value(option);
    if (value == u"none")
        return FailOn {};
    const std::optional<Severity> severity = severityFromId(value);
    if (!severity || *severity == Severity::Ok) {
        printError(QCoreApplication::translate(
                       "poolproof::cli", "unknown severity \"%1\" for --fail-on (use error, warning, info or none)")
                       .arg(value));
        return std::nullopt;
    }
    return FailOn {severity};
}

} // namespace poolproof::cli
