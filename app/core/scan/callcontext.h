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
    QString receiver; // what the callee is called on, when named: DB in DB::statement(…)
    QString assignee; // variable or object key receiving the literal
};

CallContext callContextOf(QByteArrayView source, const LexedFile &file, int regionIndex);

// Whether a context says "this literal is SQL": a query-running call, a sql tag, or a variable
// named like a query.
bool isQueryContext(const CallContext &context);

// Whether a context says "this literal is a message, not SQL": an argument of a logging, printing
// or error-raising call, or a test's title. Such a text may read as SQL ("SET search_path to
// tenant") and still never reach the database.
bool isMessageContext(const CallContext &context);

} // namespace poolproof
