#pragma once

#include "sqlstatement.h"

#include <QByteArrayView>

struct PgQuery__Node;

namespace poolproof {

// The statements and calls inside a function body or DO block that a rule may care about: a
// session advisory lock taken by a function runs on whatever server connection the pooler
// lent the caller, just as one sent directly would.
//
// PL/pgSQL bodies (CREATE FUNCTION or PROCEDURE ... LANGUAGE plpgsql, DO) go through
// libpg_query's PL/pgSQL parser, and each SQL statement and expression in them through the SQL
// parser; LANGUAGE sql bodies through the SQL parser directly. EXECUTE of a string built from
// constants (with ||, format()) is read as the statement it builds, marked dynamic. A SET of a
// parameter the function's own SET clause names ends with the call and is left out.
//
// stmt: the statement's parse tree; statementText: its text, in which the locations returned are
// byte offsets. Empty for any other statement, and for a body that does not parse.
QList<SqlStatement> bodyStatements(const PgQuery__Node &stmt, QByteArrayView statementText);

} // namespace poolproof
