#pragma once

#include "sqlstatement.h"

#include <QByteArrayView>

struct PgQuery__Node;

namespace poolproof {

// Classifies one statement of libpg_query's parse tree (RawStmt.stmt of its protobuf form, as
// unpacked by protobuf-c) by what it does to the server connection's session state, and collects
// the session-relevant function calls in it, in the order they are written.
// withCalls: also look for session-relevant function calls (a walk over the whole tree; skipped
// when the statement's text names none of those functions).
SqlStatement classifyStatement(const PgQuery__Node &stmt, bool withCalls = true);

// Whether SQL text names a function the classifier reports (advisory locks, set_config, ...).
bool mayCallSessionFunction(QByteArrayView sql);

} // namespace poolproof
