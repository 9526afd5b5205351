#include "console.h"

#include "exitcodes.h"

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

} // namespace poolproof::cli
