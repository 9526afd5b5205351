#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include "i18n.h"
#include "poolproof/version.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace {

struct Command {
    const char *name;
    int (*run)(const QStringList &);
    const char *summary;
};

const std::array commands {
    Command {"audit", &poolproof::cli::runAudit,
             QT_TRANSLATE_NOOP("Cli", "scan, check the environments and export DATABASE.md, JSON, SARIF or HTML")},
    Command {"scan", &poolproof::cli::runScan,
             QT_TRANSLATE_NOOP("Cli", "scan a repository for what breaks behind a transaction pooler")},
    Command {"check-url", &poolproof::cli::runCheckUrl,
             QT_TRANSLATE_NOOP("Cli", "parse connection strings as libpq does and check them")},
    Command {"check-live", &poolproof::cli::runCheckLive,
             QT_TRANSLATE_NOOP("Cli", "connect to a database or PgBouncer and check what it really does")},
    Command {"envs", &poolproof::cli::runEnvs,
             QT_TRANSLATE_NOOP("Cli", "list a repository's environments and their connection strings")},
    Command {"sql-check", &poolproof::cli::runSqlCheck,
             QT_TRANSLATE_NOOP("Cli", "tell, statement by statement, what SQL does to session state")},
};

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    static QString usage()
    {
        QString text = tr("Usage: poolproof-cli COMMAND [OPTIONS]") + u"\n\n"_s + tr("Commands:") + u'\n';
        for (const Command &command : commands)
            text += u"  "_s + QString::fromLatin1(command.name).leftJustified(12) + tr(command.summary) + u'\n';
        text += u'\n' + tr("Options:") + u'\n';
        text += u"  --version   "_s + tr("print the version") + u'\n';
        text += u"  --help      "_s + tr("print this help; COMMAND --help for a command's options") + u'\n';
        return text;
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
    const QString name = arguments.value(1);
    if (name == u"--version" || name == u"-v") {
        out() << "poolproof-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    if (name.isEmpty() || name == u"--help" || name == u"-h" || name == u"help") {
        (name.isEmpty() ? err() : out()) << Cli::usage();
        return name.isEmpty() ? ExitUsageError : ExitOk;
    }
    // Each command sees "poolproof-cli COMMAND" as its program name.
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("poolproof-cli ") + name;
    for (const Command &command : commands) {
        if (name == QLatin1StringView(command.name))
            return command.run(arguments);
    }
    printError(Cli::tr("unknown command \"%1\"").arg(name));
    err() << Cli::usage();
    return ExitUsageError;
}
