#pragma once

#include "sqltokens.h"

#include <QByteArrayView>
#include <QList>

namespace poolproof {

// Splits a script at the semicolons that end statements, the way PostgreSQL's scanner sees
// them: never inside a quoted string ('...', E'...'), a quoted identifier ("..."), a
// dollar-quoted body ($tag$...$tag$) or a comment (-- ..., nested /* ... */). One linear pass
// without the scanner, for picking out the few statements worth handing to it; unlike
// splitStatements(), pieces that hold no keyword (only comments, say) are kept. Each range runs
// from just after the previous semicolon up to (not including) its own; the text after the last
// semicolon is a last range when it is not empty.
QList<SqlRange> splitAtSemicolons(QByteArrayView sql);

} // namespace poolproof
