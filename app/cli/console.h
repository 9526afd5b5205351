#pragma once

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace poolproof::cli {

// Standard output and error as UTF-8 text streams, shared by every command.
QTextStream &out();
QTextStream &err();

// Prints "poolproof-cli: error: MESSAGE" on standard error.
void printError(const QString &message);

// Parses a command's arguments; handles --help and parse errors the same way for every command.
// Returns the exit code to stop with, or nothing when the command should go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);

} // namespace poolproof::cli
