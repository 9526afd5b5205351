#include "commands.h"

#include "console.h"
#include "exitcodes.h"

namespace poolproof::cli {

int runEnvs(const QStringList &arguments)
{
    printError(QStringLiteral("%1 is not available in this build").arg(arguments.value(0)));
    return ExitUsageError;
}

} // namespace poolproof::cli
