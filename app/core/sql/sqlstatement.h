#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace poolproof {

// What one SQL statement does to the state of its server connection.
enum class StatementKind {
    Other, // no session state involved (SELECT, UPDATE ... SET, DDL, ...)
    SessionSet, // SET name ... (session level)
    LocalSet, // SET LOCAL name ... (ends with the transaction)
    SessionReset, // RESET name / RESET ALL
    SetRole, // SET ROLE / RESET ROLE (session level)
    SetSessionAuthorization,
    SessionCharacteristics, // SET SESSION CHARACTERISTICS AS TRANSACTION ...
    TransactionSettings, // SET TRANSACTION ... (this transaction only)
    Listen,
    Unlisten,
    Notify,
    Prepare,
    Execute,
    Deallocate,
    DeallocateAll,
    DiscardAll,
    Discard, // DISCARD PLANS / SEQUENCES / TEMP
    DeclareCursorWithHold,
    DeclareCursor,
    TempObject, // temp table, view or sequence that outlives the transaction
    TempObjectOnCommitDrop,
    Load,
    TransactionControl, // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...
};

// A function call inside a statement that touches session state.
enum class CallKind {
    SessionAdvisoryLock, // pg_advisory_lock, pg_try_advisory_lock and _shared forms
    SessionAdvisoryUnlock, // pg_advisory_unlock, _shared, pg_advisory_unlock_all
    XactAdvisoryLock, // pg_advisory_xact_lock and friends: fine
    SetConfigSession, // set_config(name, value, false)
    SetConfigLocal, // set_config(name, value, true)
    SetConfigUnknownScope, // set_config with a third argument that is not a constant
    PgNotify, // pg_notify: fine
    SequenceSessionValue, // currval / lastval: read state of the session
};

struct SqlCall {
    CallKind kind = CallKind::PgNotify;
    QString function; // as written, lower case
    QString argument; // set_config's parameter name when constant
    int location = -1; // byte offset in the parsed text
};

struct SqlStatement {
    StatementKind kind = StatementKind::Other;
    QString parseNode; // libpg_query's node name, e.g. "VariableSetStmt"
    QString subject; // parameter, channel, statement or cursor name where one applies
    QString text; // the statement as written
    int location = 0; // byte offset of the statement in the parsed text
    int length = 0; // byte length
    QList<SqlCall> calls;
    bool dynamic = false; // built at run time (EXECUTE in PL/pgSQL): only its constant parts are known
};

struct SqlParseError {
    QString message;
    int position = -1; // 1-based character position libpg_query reports, -1 when unknown
};

struct SqlParseResult {
    QList<SqlStatement> statements;
    std::optional<SqlParseError> error;
    bool ok() const { return !error.has_value(); }
};

QString statementKindId(StatementKind kind);
QString callKindId(CallKind kind);
// Whether the statement or call leaves state on the server connection after its transaction.
bool keepsSessionState(StatementKind kind);
bool keepsSessionState(CallKind kind);

} // namespace poolproof
