#pragma once

#include "lexer/lexer.h"

#include <QByteArrayView>
#include <QString>

namespace poolproof {

// Where a string literal stands in host code, as far as SQL detection cares: the name of the
// call it is an argument of (query, execute, Exec, …), the tag of a tagged template (sql`…`),
// or the variable or key it is assigned to (const sql = "…"). Lower case; empty when none.
struct CallContext {
    QString callee; // enclosing call or template tag
    QString assignee; // variable or object key receiving the literal
};

CallContext callContextOf(QByteArrayView source, const LexedFile &file, int regionIndex);

// Whether a context says "this literal is SQL": a query-running call, a sql tag, or a variable
// named like a query.
bool isQueryContext(const CallContext &context);

} // namespace poolproof
