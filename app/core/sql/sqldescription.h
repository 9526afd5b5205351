#pragma once

#include "sqlstatement.h"

namespace poolproof {

// One sentence, translated, on what a statement or call does to the server connection.
QString describeStatement(const SqlStatement &statement);
QString describeCall(const SqlCall &call);

} // namespace poolproof
