#pragma once

#include <QString>

class QSqlDatabase;
class QSqlError;

namespace poolproof {

// The history database's schema, one numbered step per version. Opening a database brings it
// to the newest version in one transaction; a database written by a newer PoolProof, or one that
// is not a history database at all, is refused and left untouched.
int historySchemaVersion();
// On failure, sqlError is set when SQLite refused a statement (a damaged or locked file), and
// message says what is wrong otherwise.
bool migrateHistorySchema(QSqlDatabase &database, QSqlError *sqlError, QString *message);

} // namespace poolproof
