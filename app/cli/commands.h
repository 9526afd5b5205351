#pragma once

#include <QStringList>

namespace poolproof::cli {

// Each command parses its own options from arguments (arguments[0] is "poolproof-cli COMMAND")
// and returns an ExitCode.
int runSqlCheck(const QStringList &arguments);
int runScan(const QStringList &arguments);
int runCheckUrl(const QStringList &arguments);
int runEnvs(const QStringList &arguments);
int runAudit(const QStringList &arguments);
int runCheckLive(const QStringList &arguments);

} // namespace poolproof::cli
