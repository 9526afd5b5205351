#pragma once

#include "sqlstatement.h"

#include <QJsonObject>

namespace poolproof {

// Classifies one statement of libpg_query's parse tree (the value of "stmt") by what it does to
// the server connection's session state, and collects the session-relevant function calls in it.
SqlStatement classifyStatement(const QJsonObject &stmt);

} // namespace poolproof
