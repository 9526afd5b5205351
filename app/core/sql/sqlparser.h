#pragma once

#include "sqlstatement.h"

#include <QByteArray>

namespace poolproof {

// Parses SQL with the real PostgreSQL parser (libpg_query) and classifies each statement.
// Locations in the result are byte offsets into the UTF-8 text. Safe to call from several
// threads at once: libpg_query keeps its state per thread.
SqlParseResult parseSql(const QByteArray &utf8);
SqlParseResult parseSql(const QString &sql);

} // namespace poolproof
