#pragma once

#include <QStringList>

namespace poolproof::cli {

// poolproof-cli sql-check [--format text|json] SQL...
// Parses SQL with libpg_query and says, statement by statement, what it does to session state.
int runSqlCheck(const QStringList &arguments);

} // namespace poolproof::cli
