#include "sqldescription.h"

#include <QCoreApplication>

namespace poolproof {

namespace {
class SqlDescription
{
    Q_DECLARE_TR_FUNCTIONS(SqlDescription)
public:
    static QString statement(StatementKind kind);
    static QString call(CallKind kind);
};

QString SqlDescription::statement(StatementKind kind)
{
    switch (kind) {
    case StatementKind::Other: return tr("leaves no session state behind");
    case StatementKind::SessionSet:
        return tr("session-level SET: the value stays on the server connection after the transaction ends");
    case StatementKind::LocalSet: return tr("transaction-local SET: the value is reverted when the transaction ends");
    case StatementKind::SessionReset:
        return tr("session-level RESET: changes the server connection's settings for whoever uses it next");
    case StatementKind::SetRole:
        return tr("SET ROLE: changes the role of the server connection for the rest of the session");
    case StatementKind::SetSessionAuthorization:
        return tr("SET SESSION AUTHORIZATION: changes the user of the server connection for the rest of the session");
    case StatementKind::SessionCharacteristics:
        return tr("sets the default transaction characteristics for the rest of the session");
    case StatementKind::TransactionSettings: return tr("sets the characteristics of the current transaction only");
    case StatementKind::Listen: return tr("LISTEN: subscribes the server connection, not the client, to a channel");
    case StatementKind::Unlisten: return tr("UNLISTEN: ends a subscription held by the server connection");
    case StatementKind::Notify:
        return tr("NOTIFY: sends a notification when the transaction commits; no session state");
    case StatementKind::Prepare:
        return tr("SQL PREPARE: creates a prepared statement that lives on the server connection");
    case StatementKind::Execute:
        return tr("SQL EXECUTE: runs a prepared statement that must exist on this server connection");
    case StatementKind::Deallocate:
        return tr("SQL DEALLOCATE: removes a prepared statement from the server connection");
    case StatementKind::DeallocateAll:
        return tr("DEALLOCATE ALL: removes every prepared statement of the server connection");
    case StatementKind::DiscardAll: return tr("DISCARD ALL: resets the whole session state of the server connection");
    case StatementKind::Discard: return tr("DISCARD: resets part of the session state of the server connection");
    case StatementKind::DeclareCursorWithHold:
        return tr("cursor WITH HOLD: stays open on the server connection after the transaction commits");
    case StatementKind::DeclareCursor: return tr("cursor without hold: closed when the transaction ends");
    case StatementKind::TempObject:
        return tr("temporary object that lives on the server connection until the session ends");
    case StatementKind::TempObjectOnCommitDrop: return tr("temporary table dropped at commit: no session state");
    case StatementKind::Load:
        return tr("LOAD: loads a shared library into the server connection for the rest of the session");
    case StatementKind::TransactionControl: return tr("transaction control");
    }
    return {};
}

QString SqlDescription::call(CallKind kind)
{
    switch (kind) {
    case CallKind::SessionAdvisoryLock:
        return tr("session advisory lock: held by the server connection until unlocked or the session ends");
    case CallKind::SessionAdvisoryUnlock:
        return tr("session advisory unlock: only works on the server connection that took the lock");
    case CallKind::XactAdvisoryLock: return tr("transaction advisory lock: released when the transaction ends");
    case CallKind::SetConfigSession: return tr("set_config(…, false): a session-level setting");
    case CallKind::SetConfigLocal: return tr("set_config(…, true): a transaction-local setting");
    case CallKind::SetConfigUnknownScope:
        return tr("set_config with a scope that is not a constant: may be session-level");
    case CallKind::PgNotify:
        return tr("pg_notify: sends a notification when the transaction commits; no session state");
    case CallKind::SequenceSessionValue:
        return tr("currval/lastval: read a value the session remembers from an earlier nextval");
    }
    return {};
}
} // namespace

QString describeStatement(const SqlStatement &statement)
{
    return SqlDescription::statement(statement.kind);
}

QString describeCall(const SqlCall &call)
{
    return SqlDescription::call(call.kind);
}

} // namespace poolproof
