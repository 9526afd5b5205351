#pragma once

#include <QTextStream>

namespace poolproof::cli {

// Standard output and error as UTF-8 text streams, shared by every command.
QTextStream &out();
QTextStream &err();

// Prints "poolproof-cli: error: MESSAGE" on standard error.
void printError(const QString &message);

} // namespace poolproof::cli
