#include "sqlclassifier.h"

#include <pg_query.pb-c.h>

#include <algorithm>
#include <cstring>

namespace poolproof {

namespace {

// PostgreSQL's CURSOR_OPT_HOLD (parsenodes.h).
constexpr int cursorOptionHold = 0x0020;

QString text(const char *value)
{
    return value ? QString::fromUtf8(value) : QString();
}

bool isEmpty(const char *value)
{
    return !value || !*value;
}

// The name PostgreSQL gives an enum value (TRANS_STMT_BEGIN, DISCARD_ALL, ...).
QString enumName(const ProtobufCEnumDescriptor &descriptor, int value)
{
    const ProtobufCEnumValue *entry = protobuf_c_enum_descriptor_get_value(&descriptor, value);
    return entry ? QString::fromLatin1(entry->name) : QString();
}

// The message a Node holds, or nullptr for an empty node.
const ProtobufCMessage *nodeMessage(const PgQuery__Node &node)
{
    if (node.node_case == PG_QUERY__NODE__NODE__NOT_SET)
        return nullptr;
    const ProtobufCFieldDescriptor *field
        = protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, int(node.node_case));
    if (!field)
        return nullptr;
    return *reinterpret_cast<ProtobufCMessage *const *>(reinterpret_cast<const char *>(&node) + field->offset);
}

// libpg_query's node name, e.g. "VariableSetStmt".
QString nodeName(const PgQuery__Node &node)
{
    const ProtobufCMessage *message = nodeMessage(node);
    return message ? QString::fromLatin1(message->descriptor->short_name) : QString();
}

bool isTemporary(const PgQuery__RangeVar *rangeVar)
{
    return rangeVar && rangeVar->relpersistence && std::strcmp(rangeVar->relpersistence, "t") == 0;
}

void classifyVariableSet(const PgQuery__VariableSetStmt &body, SqlStatement &out)
{
    const QString name = text(body.name);
    const bool isLocal = body.is_local;
    out.subject = name;
    if (body.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI) {
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
    if (body.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET
        || body.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL) {
        out.kind = StatementKind::SessionReset;
        if (body.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL)
            out.subject = QStringLiteral("all");
        return;
    }
    out.kind = isLocal ? StatementKind::LocalSet : StatementKind::SessionSet;
}

void classifyInto(const PgQuery__IntoClause *into, SqlStatement &out)
{
    if (!into || !isTemporary(into->rel))
        return;
    out.subject = text(into->rel->relname);
    out.kind = into->on_commit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP ? StatementKind::TempObjectOnCommitDrop
                                                                            : StatementKind::TempObject;
}

void classifyTopLevel(const PgQuery__Node &node, SqlStatement &out)
{
    switch (node.node_case) {
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: classifyVariableSet(*node.variable_set_stmt, out); break;
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
        out.kind = StatementKind::Listen;
        out.subject = text(node.listen_stmt->conditionname);
        break;
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
        out.kind = StatementKind::Unlisten;
        // UNLISTEN * leaves the channel out.
        out.subject = isEmpty(node.unlisten_stmt->conditionname) ? QStringLiteral("*")
                                                                 : text(node.unlisten_stmt->conditionname);
        break;
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
        out.kind = StatementKind::Notify;
        out.subject = text(node.notify_stmt->conditionname);
        break;
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
        out.kind = StatementKind::Prepare;
        out.subject = text(node.prepare_stmt->name);
        break;
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
        out.kind = StatementKind::Execute;
        out.subject = text(node.execute_stmt->name);
        break;
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: {
        // libpg_query 17 sets isall; older trees only leave the name out.
        const bool all = node.deallocate_stmt->isall || isEmpty(node.deallocate_stmt->name);
        out.kind = all ? StatementKind::DeallocateAll : StatementKind::Deallocate;
        out.subject = all ? QStringLiteral("all") : text(node.deallocate_stmt->name);
        break;
    }
    case PG_QUERY__NODE__NODE_DISCARD_STMT: {
        const PgQuery__DiscardMode target = node.discard_stmt->target;
        out.kind = target == PG_QUERY__DISCARD_MODE__DISCARD_ALL ? StatementKind::DiscardAll : StatementKind::Discard;
        out.subject = enumName(pg_query__discard_mode__descriptor, target).mid(int(qstrlen("DISCARD_"))).toLower();
        break;
    }
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT: {
        const bool hold = node.declare_cursor_stmt->options & cursorOptionHold;
        out.kind = hold ? StatementKind::DeclareCursorWithHold : StatementKind::DeclareCursor;
        out.subject = text(node.declare_cursor_stmt->portalname);
        break;
    }
    case PG_QUERY__NODE__NODE_CREATE_STMT: {
        const PgQuery__RangeVar *rel = node.create_stmt->relation;
        if (isTemporary(rel)) {
            out.subject = text(rel->relname);
            out.kind = node.create_stmt->oncommit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP
                ? StatementKind::TempObjectOnCommitDrop
                : StatementKind::TempObject;
        }
        break;
    }
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: classifyInto(node.create_table_as_stmt->into, out); break;
    case PG_QUERY__NODE__NODE_SELECT_STMT:
        // SELECT ... INTO TEMP name
        classifyInto(node.select_stmt->into_clause, out);
        break;
    case PG_QUERY__NODE__NODE_VIEW_STMT:
        if (isTemporary(node.view_stmt->view)) {
            out.kind = StatementKind::TempObject;
            out.subject = text(node.view_stmt->view->relname);
        }
        break;
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
        if (isTemporary(node.create_seq_stmt->sequence)) {
            out.kind = StatementKind::TempObject;
            out.subject = text(node.create_seq_stmt->sequence->relname);
        }
        break;
    case PG_QUERY__NODE__NODE_LOAD_STMT:
        out.kind = StatementKind::Load;
        out.subject = text(node.load_stmt->filename);
        break;
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
        out.kind = StatementKind::TransactionControl;
        out.subject = enumName(pg_query__transaction_stmt_kind__descriptor, node.transaction_stmt->kind)
                          .mid(int(qstrlen("TRANS_STMT_")))
                          .toLower();
        break;
    default: break;
    }
}

// A TypeCast's operand, or the node itself.
const PgQuery__Node *uncast(const PgQuery__Node *node)
{
    if (node && node->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
        return node->type_cast->arg;
    return node;
}

// set_config's third argument: true, false, or not a constant.
std::optional<bool> constantBoolean(const PgQuery__Node *arg)
{
    const PgQuery__Node *node = uncast(arg);
    if (!node || node->node_case != PG_QUERY__NODE__NODE_A_CONST)
        return std::nullopt;
    const PgQuery__AConst &constant = *node->a_const;
    switch (constant.val_case) {
    case PG_QUERY__A__CONST__VAL_BOOLVAL: return bool(constant.boolval->boolval);
    case PG_QUERY__A__CONST__VAL_SVAL: {
        const QString value = text(constant.sval->sval).trimmed().toLower();
        if (value == u"true" || value == u"t" || value == u"on" || value == u"yes" || value == u"1")
            return true;
        if (value == u"false" || value == u"f" || value == u"off" || value == u"no" || value == u"0")
            return false;
        return std::nullopt;
    }
    case PG_QUERY__A__CONST__VAL_IVAL: return constant.ival->ival != 0;
    default: return std::nullopt;
    }
}

QString constantString(const PgQuery__Node *arg)
{
    const PgQuery__Node *node = uncast(arg);
    if (!node || node->node_case != PG_QUERY__NODE__NODE_A_CONST
        || node->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL)
        return {};
    return text(node->a_const->sval->sval);
}

// The last part of a function name, lower case: how functions are matched whatever the schema.
QString unqualifiedName(const PgQuery__FuncCall &call)
{
    if (call.n_funcname == 0)
        return {};
    const PgQuery__Node *last = call.funcname[call.n_funcname - 1];
    if (!last || last->node_case != PG_QUERY__NODE__NODE_STRING)
        return {};
    return text(last->string->sval).toLower();
}

std::optional<SqlCall> classifyCall(const PgQuery__FuncCall &body)
{
    const QString name = unqualifiedName(body);
    SqlCall call;
    call.function = name;
    call.location = body.location;
    if (name.startsWith(u"pg_advisory_xact_lock") || name.startsWith(u"pg_try_advisory_xact_lock")) {
        call.kind = CallKind::XactAdvisoryLock;
    } else if (name.startsWith(u"pg_advisory_unlock")) {
        call.kind = CallKind::SessionAdvisoryUnlock;
    } else if (name == u"pg_advisory_lock" || name == u"pg_advisory_lock_shared" || name == u"pg_try_advisory_lock"
               || name == u"pg_try_advisory_lock_shared") {
        call.kind = CallKind::SessionAdvisoryLock;
    } else if (name == u"set_config") {
        call.argument = body.n_args == 0 ? QString() : constantString(body.args[0]);
        const std::optional<bool> isLocal = body.n_args == 3 ? constantBoolean(body.args[2]) : std::nullopt;
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

// Visits every message below message, depth first, through protobuf-c's descriptors, so that
// no node type has to be named; calls visitCall for each function call held by a Node.
template<typename Visit> void walkMessages(const ProtobufCMessage *message, const Visit &visitCall)
{
    if (!message)
        return;
    const ProtobufCMessageDescriptor *descriptor = message->descriptor;
    const char *base = reinterpret_cast<const char *>(message);
    if (descriptor == &pg_query__node__descriptor) {
        const auto *node = reinterpret_cast<const PgQuery__Node *>(message);
        if (node->node_case == PG_QUERY__NODE__NODE_FUNC_CALL)
            visitCall(*node->func_call);
        walkMessages(nodeMessage(*node), visitCall);
        return;
    }
    for (unsigned i = 0; i < descriptor->n_fields; ++i) {
        const ProtobufCFieldDescriptor &field = descriptor->fields[i];
        if (field.type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        if (field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            // Only the member that is set may be read.
            if (*reinterpret_cast<const uint32_t *>(base + field.quantifier_offset) != field.id)
                continue;
        }
        if (field.label == PROTOBUF_C_LABEL_REPEATED) {
            const size_t count = *reinterpret_cast<const size_t *>(base + field.quantifier_offset);
            const auto *items = *reinterpret_cast<ProtobufCMessage *const *const *>(base + field.offset);
            for (size_t k = 0; k < count; ++k)
                walkMessages(items[k], visitCall);
        } else {
            walkMessages(*reinterpret_cast<ProtobufCMessage *const *>(base + field.offset), visitCall);
        }
    }
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

SqlStatement classifyStatement(const PgQuery__Node &stmt, bool withCalls)
{
    SqlStatement out;
    out.parseNode = nodeName(stmt);
    classifyTopLevel(stmt, out);
    if (!withCalls)
        return out;
    walkMessages(&stmt.base, [&out](const PgQuery__FuncCall &body) {
        if (std::optional<SqlCall> call = classifyCall(body))
            out.calls.append(*call);
    });
    // In the order they are written, whatever the order of the tree's fields.
    std::stable_sort(out.calls.begin(), out.calls.end(),
                     [](const SqlCall &a, const SqlCall &b) { return a.location < b.location; });
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
    case StatementKind::Load: return true;
    default: return false;
    }
}

bool keepsSessionState(CallKind kind)
{
    return kind == CallKind::SessionAdvisoryLock || kind == CallKind::SessionAdvisoryUnlock
        || kind == CallKind::SetConfigSession || kind == CallKind::SetConfigUnknownScope
        || kind == CallKind::SequenceSessionValue;
}

} // namespace poolproof
