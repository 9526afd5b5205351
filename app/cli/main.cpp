#include "console.h"
#include "exitcodes.h"
#include "sqlcheckcommand.h"

#include "i18n.h"
#include "poolproof/version.h"

#include <QCoreApplication>

namespace {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    static QString usage()
    {
        return tr("Usage: poolproof-cli COMMAND [OPTIONS]\n"
                  "\n"
                  "Commands:\n"
                  "  sql-check SQL...   tell, statement by statement, what SQL does to session state\n"
                  "\n"
                  "Options:\n"
                  "  --version          print the version\n"
                  "  --help             print this help; COMMAND --help for a command's options\n");
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("poolproof-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("PoolProof"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(poolproof::versionString));
    poolproof::installTranslations(app);

    using namespace poolproof::cli;
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == u"--version" || command == u"-v") {
        out() << "poolproof-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    if (command.isEmpty() || command == u"--help" || command == u"-h" || command == u"help") {
        out() << Cli::usage();
        out().flush();
        return command.isEmpty() ? ExitUsageError : ExitOk;
    }
    // Each command parses its own options; it sees "poolproof-cli COMMAND" as its program name.
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("poolproof-cli ") + command;
    if (command == u"sql-check")
        return runSqlCheck(arguments);

    printError(Cli::tr("unknown command \"%1\"").arg(command));
    err() << Cli::usage();
    return ExitUsageError;
}
