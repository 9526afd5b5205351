#include "console.h"

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

} // namespace poolproof::cli
