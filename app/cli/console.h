#pragma once

#include "env/environmentaudit.h"
#include "scan/finding.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace poolproof::cli {

// Hands a value over to the end of the process, which returns all its memory at once: a scan's
// tens of thousands of findings, destroyed one by one, delay the exit more than their report
// took to write. What is kept stays reachable, so leak checkers do not count it.
template<typename T> void keepUntilExit(T &&value)
{
    static auto *kept = new std::vector<const void *>;
    kept->push_back(new std::decay_t<T>(std::forward<T>(value)));
}

// Standard output and error as UTF-8 text streams, shared by every command.
QTextStream &out();
QTextStream &err();

// Prints "poolproof-cli: error: MESSAGE" on standard error.
void printError(const QString &message);
// Prints "poolproof-cli: warning: MESSAGE" on standard error.
void printWarning(const QString &message);

// Parses a command's arguments; handles --help and parse errors the same way for every command.
// Returns the exit code to stop with, or nothing when the command should go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);

// The value of a --format option when it is one of accepted; otherwise prints an error naming the
// accepted values and returns nothing.
std::optional<QString> formatValue(const QCommandLineParser &parser, const QCommandLineOption &option,
                                   const QStringList &accepted);

// --pooler: the profile id when it is set and known, an empty string when it is not set;
// prints an error listing the known profiles and returns nothing for an unknown one.
std::optional<QString> profileValue(const QCommandLineParser &parser, const QCommandLineOption &option);

// --env-file [NAME=]FILE, repeatable, the same for every command that reads environments.
QCommandLineOption envFileOption();
QList<EnvironmentFile> envFileValues(const QCommandLineParser &parser, const QCommandLineOption &option);

// --fail-on: the lowest severity that makes a command exit with 1; "none" never does.
struct FailOn {
    std::optional<Severity> threshold; // nothing: "none"

    bool reachedBy(Severity severity) const { return threshold && severity >= *threshold; }
};

// The same option text and parsing for every command: error (default), warning, info or none.
QCommandLineOption failOnOption(const QString &description);
// Prints an error and returns nothing for an unknown value.
std::optional<FailOn> failOnValue(const QCommandLineParser &parser, const QCommandLineOption &option);

} // namespace poolproof::cli
