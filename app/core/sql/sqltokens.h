#pragma once

#include "sqlstatement.h"

#include <QByteArray>

namespace poolproof {

// The fallback for SQL the parser rejects (a fragment, a dialect extension, a template with holes
// in odd places): classifies statements from libpg_query's own scanner tokens, never from regular
// expressions. Statements are split at top-level semicolons. Results carry less certainty.
QList<SqlStatement> classifyByTokens(const QByteArray &utf8);

// Splits a script into statements with libpg_query's scanner (byte ranges), for parsing them one
// by one when the script as a whole does not parse.
struct SqlRange {
    int begin = 0;
    int end = 0;
};
QList<SqlRange> splitStatements(const QByteArray &utf8);

} // namespace poolproof
