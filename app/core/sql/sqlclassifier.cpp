#include "sqlclassifier.h"

#include "parsetree.h"

#include <QByteArrayView>
#include <QJsonArray>

namespace poolproof {

using namespace parsetree;

namespace {

// PostgreSQL's CURSOR_OPT_HOLD (parsenodes.h).
constexpr int cursorOptionHold = 0x0020;

bool isTemporary(const QJsonObject &rangeVar)
{
    return rangeVar.value(u"relpersistence").toString() == u"t";
}

void classifyVariableSet(const QJsonObject &body, SqlStatement &out)
{
    const QString kind = body.value(u"kind").toString();
    const QString name = body.value(u"name").toString();
    const bool isLocal = body.value(u"is_local").toBool();
    out.subject = name;
    if (kind == u"VAR_SET_MULTI") {
        // SET TRANSACTION ... and SET SESSION CHARACTERISTICS AS TRANSACTION ...
        out.kind = name == u"TRANSACTION" || isLocal ? StatementKind::TransactionSettings
                                                      : StatementKind::SessionCharacteristics;
        return;
    }
    if (name == u"role") {
        out.kind = isLocal ? StatementKind::LocalSet : StatementKind::SetRole;
        return;
    }
    if (name == u"session_authorization") {
        out.kind = isLocal ? StatementKind::LocalSet : StatementKind::SetSessionAuthorization;
        return;
    }
    if (kind == u"VAR_RESET" || kind == u"VAR_RESET_ALL") {
        out.kind = StatementKind::SessionReset;
        if (kind == u"VAR_RESET_ALL")
            out.subject = QStringLiteral("all");
        return;
    }
    out.kind = isLocal ? StatementKind::LocalSet : StatementKind::SessionSet;
}

void classifyCreateTableAs(const QJsonObject &body, SqlStatement &out)
{
    const QJsonObject into = body.value(u"into").toObject();
    const QJsonObject rel = into.value(u"rel").toObject();
    if (!isTemporary(rel))
        return;
    out.subject = rel.value(u"relname").toString();
    out.kind = into.value(u"onCommit").toString() == u"ONCOMMIT_DROP" ? StatementKind::TempObjectOnCommitDrop
                                                                        : StatementKind::TempObject;
}

void classifyTopLevel(const QString &node, const QJsonObject &body, SqlStatement &out)
{
    if (node == u"VariableSetStmt") {
        classifyVariableSet(body, out);
    } else if (node == u"ListenStmt") {
        out.kind = StatementKind::Listen;
        out.subject = body.value(u"conditionname").toString();
    } else if (node == u"UnlistenStmt") {
        out.kind = StatementKind::Unlisten;
        out.subject = body.value(u"conditionname").toString(QStringLiteral("*"));
    } else if (node == u"NotifyStmt") {
        out.kind = StatementKind::Notify;
        out.subject = body.value(u"conditionname").toString();
    } else if (node == u"PrepareStmt") {
        out.kind = StatementKind::Prepare;
        out.subject = body.value(u"name").toString();
    } else if (node == u"ExecuteStmt") {
        out.kind = StatementKind::Execute;
        out.subject = body.value(u"name").toString();
    } else if (node == u"DeallocateStmt") {
        // libpg_query 17 sets isall; older trees only leave the name out.
        const bool all = body.value(u"isall").toBool() || !body.contains(u"name");
        out.kind = all ? StatementKind::DeallocateAll : StatementKind::Deallocate;
        out.subject = all ? QStringLiteral("all") : body.value(u"name").toString();
    } else if (node == u"DiscardStmt") {
        const QString target = body.value(u"target").toString();
        out.kind = target == u"DISCARD_ALL" ? StatementKind::DiscardAll : StatementKind::Discard;
        out.subject = target.mid(int(qstrlen("DISCARD_"))).toLower();
    } else if (node == u"DeclareCursorStmt") {
        const bool hold = body.value(u"options").toInt() & cursorOptionHold;
        out.kind = hold ? StatementKind::DeclareCursorWithHold : StatementKind::DeclareCursor;
        out.subject = body.value(u"portalname").toString();
    } else if (node == u"CreateStmt") {
        const QJsonObject rel = body.value(u"relation").toObject();
        if (isTemporary(rel)) {
            out.subject = rel.value(u"relname").toString();
            out.kind = body.value(u"oncommit").toString() == u"ONCOMMIT_DROP" ? StatementKind::TempObjectOnCommitDrop
                                                                                : StatementKind::TempObject;
        }
    } else if (node == u"CreateTableAsStmt") {
        classifyCreateTableAs(body, out);
    } else if (node == u"SelectStmt" && body.contains(u"intoClause")) {
        // SELECT ... INTO TEMP name
        QJsonObject wrapper;
        wrapper.insert(QStringLiteral("into"), body.value(u"intoClause"));
        classifyCreateTableAs(wrapper, out);
    } else if (node == u"ViewStmt") {
        const QJsonObject view = body.value(u"view").toObject();
        if (isTemporary(view)) {
            out.kind = StatementKind::TempObject;
            out.subject = view.value(u"relname").toString();
        }
    } else if (node == u"CreateSeqStmt") {
        const QJsonObject seq = body.value(u"sequence").toObject();
        if (isTemporary(seq)) {
            out.kind = StatementKind::TempObject;
            out.subject = seq.value(u"relname").toString();
        }
    } else if (node == u"LoadStmt") {
        out.kind = StatementKind::Load;
        out.subject = body.value(u"filename").toString();
    } else if (node == u"TransactionStmt") {
        out.kind = StatementKind::TransactionControl;
        out.subject = body.value(u"kind").toString().mid(int(qstrlen("TRANS_STMT_"))).toLower();
    }
}

// set_config's third argument: true, false, or not a constant.
std::optional<bool> constantBoolean(const QJsonValue &arg)
{
    QJsonObject node = arg.toObject();
    if (nodeName(node) == u"TypeCast")
        node = nodeBody(node).value(u"arg").toObject();
    if (nodeName(node) != u"A_Const")
        return std::nullopt;
    const QJsonObject body = nodeBody(node);
    if (body.contains(u"boolval"))
        return body.value(u"boolval").toObject().value(u"boolval").toBool();
    if (body.contains(u"sval")) {
        const QString text = body.value(u"sval").toObject().value(u"sval").toString().trimmed().toLower();
        if (text == u"true" || text == u"t" || text == u"on" || text == u"yes" || text == u"1")
            return true;
        if (text == u"false" || text == u"f" || text == u"off" || text == u"no" || text == u"0")
            return false;
    }
    if (body.contains(u"ival"))
        return body.value(u"ival").toObject().value(u"ival").toInt() != 0;
    return std::nullopt;
}

QString constantString(const QJsonValue &arg)
{
    QJsonObject node = arg.toObject();
    if (nodeName(node) == u"TypeCast")
        node = nodeBody(node).value(u"arg").toObject();
    if (nodeName(node) != u"A_Const")
        return {};
    return nodeBody(node).value(u"sval").toObject().value(u"sval").toString();
}

std::optional<SqlCall> classifyCall(const QJsonObject &body)
{
    const QString name = unqualifiedName(body.value(u"funcname"));
    SqlCall call;
    call.function = name;
    call.location = body.value(u"location").toInt(-1);
    if (name.startsWith(u"pg_advisory_xact_lock") || name.startsWith(u"pg_try_advisory_xact_lock")) {
        call.kind = CallKind::XactAdvisoryLock;
    } else if (name.startsWith(u"pg_advisory_unlock")) {
        call.kind = CallKind::SessionAdvisoryUnlock;
    } else if (name == u"pg_advisory_lock" || name == u"pg_advisory_lock_shared" || name == u"pg_try_advisory_lock"
               || name == u"pg_try_advisory_lock_shared") {
        call.kind = CallKind::SessionAdvisoryLock;
    } else if (name == u"set_config") {
        const QJsonArray args = body.value(u"args").toArray();
        call.argument = args.isEmpty() ? QString() : constantString(args.first());
        const std::optional<bool> isLocal = args.size() == 3 ? constantBoolean(args.at(2)) : std::nullopt;
        call.kind = !isLocal ? CallKind::SetConfigUnknownScope
                             : (*isLocal ? CallKind::SetConfigLocal : CallKind::SetConfigSession);
    } else if (name == u"pg_notify") {
        call.kind = CallKind::PgNotify;
    } else if (name == u"currval" || name == u"lastval") {
        call.kind = CallKind::SequenceSessionValue;
    } else {
        return std::nullopt;
    }
    return call;
}

} // namespace

bool mayCallSessionFunction(QByteArrayView sql)
{
    static constexpr QByteArrayView names[] = {"advisory", "set_config", "currval", "lastval", "pg_notify"};
    for (QByteArrayView name : names) {
        const qsizetype last = sql.size() - name.size();
        for (qsizetype i = 0; i <= last; ++i) {
            qsizetype k = 0;
            while (k < name.size()) {
                const char c = sql[i + k];
                if ((c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c) != name[k])
                    break;
                ++k;
            }
            if (k == name.size())
                return true;
        }
    }
    return false;
}

SqlStatement classifyStatement(const QJsonObject &stmt, bool withCalls)
{
    SqlStatement out;
    out.parseNode = nodeName(stmt);
    classifyTopLevel(out.parseNode, nodeBody(stmt), out);
    if (!withCalls)
        return out;
    walk(stmt, [&out](const QString &node, const QJsonObject &body) {
        if (node != u"FuncCall")
            return;
        if (std::optional<SqlCall> call = classifyCall(body))
            out.calls.append(*call);
    });
    return out;
}

QString statementKindId(StatementKind kind)
{
    switch (kind) {
    case StatementKind::Other: return QStringLiteral("other");
    case StatementKind::SessionSet: return QStringLiteral("session-set");
    case StatementKind::LocalSet: return QStringLiteral("local-set");
    case StatementKind::SessionReset: return QStringLiteral("session-reset");
    case StatementKind::SetRole: return QStringLiteral("set-role");
    case StatementKind::SetSessionAuthorization: return QStringLiteral("set-session-authorization");
    case StatementKind::SessionCharacteristics: return QStringLiteral("session-characteristics");
    case StatementKind::TransactionSettings: return QStringLiteral("transaction-settings");
    case StatementKind::Listen: return QStringLiteral("listen");
    case StatementKind::Unlisten: return QStringLiteral("unlisten");
    case StatementKind::Notify: return QStringLiteral("notify");
    case StatementKind::Prepare: return QStringLiteral("prepare");
    case StatementKind::Execute: return QStringLiteral("execute");
    case StatementKind::Deallocate: return QStringLiteral("deallocate");
    case StatementKind::DeallocateAll: return QStringLiteral("deallocate-all");
    case StatementKind::DiscardAll: return QStringLiteral("discard-all");
    case StatementKind::Discard: return QStringLiteral("discard");
    case StatementKind::DeclareCursorWithHold: return QStringLiteral("declare-with-hold");
    case StatementKind::DeclareCursor: return QStringLiteral("declare-cursor");
    case StatementKind::TempObject: return QStringLiteral("temp-object");
    case StatementKind::TempObjectOnCommitDrop: return QStringLiteral("temp-object-on-commit-drop");
    case StatementKind::Load: return QStringLiteral("load");
    case StatementKind::TransactionControl: return QStringLiteral("transaction-control");
    }
    return {};
}

QString callKindId(CallKind kind)
{
    switch (kind) {
    case CallKind::SessionAdvisoryLock: return QStringLiteral("session-advisory-lock");
    case CallKind::SessionAdvisoryUnlock: return QStringLiteral("session-advisory-unlock");
    case CallKind::XactAdvisoryLock: return QStringLiteral("xact-advisory-lock");
    case CallKind::SetConfigSession: return QStringLiteral("set-config-session");
    case CallKind::SetConfigLocal: return QStringLiteral("set-config-local");
    case CallKind::SetConfigUnknownScope: return QStringLiteral("set-config-unknown-scope");
    case CallKind::PgNotify: return QStringLiteral("pg-notify");
    case CallKind::SequenceSessionValue: return QStringLiteral("sequence-session-value");
    }
    return {};
}

bool keepsSessionState(StatementKind kind)
{
    switch (kind) {
    case StatementKind::SessionSet:
    case StatementKind::SessionReset:
    case StatementKind::SetRole:
    case StatementKind::SetSessionAuthorization:
    case StatementKind::SessionCharacteristics:
    case StatementKind::Listen:
    case StatementKind::Unlisten:
    case StatementKind::Prepare:
    case StatementKind::Execute:
    case StatementKind::Deallocate:
    case StatementKind::DeallocateAll:
    case StatementKind::DiscardAll:
    case StatementKind::Discard:
    case StatementKind::DeclareCursorWithHold:
    case StatementKind::TempObject:
    case StatementKind::Load:
        return true;
    default:
        return false;
    }
}

bool keepsSessionState(CallKind kind)
{
    return kind == CallKind::SessionAdvisoryLock || kind == CallKind::SessionAdvisoryUnlock
        || kind == CallKind::SetConfigSession || kind == CallKind::SetConfigUnknownScope
        || kind == CallKind::SequenceSessionValue;
}

} // namespace poolproof
