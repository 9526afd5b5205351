#include "sqltokens.h"

#include <pg_query.h>
#include <pg_query.pb-c.h>

namespace poolproof {

namespace {

struct Token {
    PgQuery__Token kind;
    int begin;
    int end;
};

QList<Token> scanTokens(const QByteArray &utf8)
{
    QList<Token> tokens;
    if (utf8.contains('\0'))
        return tokens;
    PgQueryScanResult result = pg_query_scan(utf8.constData());
    if (!result.error) {
        PgQuery__ScanResult *scan = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                                                  reinterpret_cast<const uint8_t *>(result.pbuf.data));
        if (scan) {
            tokens.reserve(qsizetype(scan->n_tokens));
            for (size_t i = 0; i < scan->n_tokens; ++i) {
                const PgQuery__ScanToken *token = scan->tokens[i];
                if (token->token == PG_QUERY__TOKEN__SQL_COMMENT || token->token == PG_QUERY__TOKEN__C_COMMENT)
                    continue;
                tokens.append({token->token, token->start, token->end});
            }
            pg_query__scan_result__free_unpacked(scan, nullptr);
        }
    }
    pg_query_free_scan_result(result);
    return tokens;
}

QString tokenText(const QByteArray &utf8, const Token &token)
{
    return QString::fromUtf8(utf8.mid(token.begin, token.end - token.begin));
}

bool has(const QList<Token> &tokens, PgQuery__Token kind)
{
    return std::any_of(tokens.cbegin(), tokens.cend(), [kind](const Token &t) { return t.kind == kind; });
}

// Classifies one statement from its tokens (comments already removed).
SqlStatement classifyTokens(const QByteArray &utf8, const QList<Token> &tokens)
{
    SqlStatement statement;
    statement.parseNode = QStringLiteral("tokens");
    statement.location = tokens.first().begin;
    statement.length = tokens.last().end - tokens.first().begin;
    statement.text = QString::fromUtf8(utf8.mid(statement.location, statement.length));
    const PgQuery__Token first = tokens.first().kind;
    const QString second = tokens.size() > 1 ? tokenText(utf8, tokens.at(1)).toLower() : QString();
    switch (first) {
    case PG_QUERY__TOKEN__SET:
        if (tokens.size() > 1 && tokens.at(1).kind == PG_QUERY__TOKEN__LOCAL) {
            statement.kind = StatementKind::LocalSet;
            statement.subject = tokens.size() > 2 ? tokenText(utf8, tokens.at(2)).toLower() : QString();
        } else if (tokens.size() > 1 && tokens.at(1).kind == PG_QUERY__TOKEN__TRANSACTION) {
            statement.kind = StatementKind::TransactionSettings;
        } else if (tokens.size() > 1 && tokens.at(1).kind == PG_QUERY__TOKEN__ROLE) {
            statement.kind = StatementKind::SetRole;
            statement.subject = QStringLiteral("role");
        } else {
            int index = tokens.size() > 1 && tokens.at(1).kind == PG_QUERY__TOKEN__SESSION ? 2 : 1;
            statement.kind = StatementKind::SessionSet;
            statement.subject = index < tokens.size() ? tokenText(utf8, tokens.at(index)).toLower() : QString();
        }
        break;
    case PG_QUERY__TOKEN__RESET:
        statement.kind = StatementKind::SessionReset;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__LISTEN:
        statement.kind = StatementKind::Listen;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__UNLISTEN:
        statement.kind = StatementKind::Unlisten;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__PREPARE:
        statement.kind = StatementKind::Prepare;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__EXECUTE:
        statement.kind = StatementKind::Execute;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__DEALLOCATE:
        statement.kind = second == u"all" ? StatementKind::DeallocateAll : StatementKind::Deallocate;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__DISCARD:
        statement.kind = second == u"all" ? StatementKind::DiscardAll : StatementKind::Discard;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__LOAD: statement.kind = StatementKind::Load; break;
    case PG_QUERY__TOKEN__DECLARE:
        statement.kind = has(tokens, PG_QUERY__TOKEN__HOLD) && !has(tokens, PG_QUERY__TOKEN__WITHOUT)
            ? StatementKind::DeclareCursorWithHold
            : StatementKind::DeclareCursor;
        statement.subject = second;
        break;
    case PG_QUERY__TOKEN__CREATE:
        if (tokens.size() > 2
            && (tokens.at(1).kind == PG_QUERY__TOKEN__TEMP || tokens.at(1).kind == PG_QUERY__TOKEN__TEMPORARY)) {
            const bool onCommitDrop = [&] {
                for (qsizetype i = 0; i + 2 < tokens.size(); ++i) {
                    if (tokens.at(i).kind == PG_QUERY__TOKEN__ON && tokens.at(i + 1).kind == PG_QUERY__TOKEN__COMMIT
                        && tokens.at(i + 2).kind == PG_QUERY__TOKEN__DROP)
                        return true;
                }
                return false;
            }();
            statement.kind = onCommitDrop ? StatementKind::TempObjectOnCommitDrop : StatementKind::TempObject;
            statement.subject = tokens.size() > 3 ? tokenText(utf8, tokens.at(3)) : QString();
        }
        break;
    default: break;
    }
    // Session-relevant function calls: an identifier followed by an opening parenthesis.
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens.at(i).kind != PG_QUERY__TOKEN__IDENT || tokens.at(i + 1).kind != PG_QUERY__TOKEN__ASCII_40)
            continue;
        const QString name = tokenText(utf8, tokens.at(i)).toLower();
        SqlCall call;
        call.function = name;
        call.location = tokens.at(i).begin;
        if (name.startsWith(u"pg_advisory_xact_lock") || name.startsWith(u"pg_try_advisory_xact_lock"))
            call.kind = CallKind::XactAdvisoryLock;
        else if (name.startsWith(u"pg_advisory_unlock"))
            call.kind = CallKind::SessionAdvisoryUnlock;
        else if (name == u"pg_advisory_lock" || name == u"pg_advisory_lock_shared" || name == u"pg_try_advisory_lock"
                 || name == u"pg_try_advisory_lock_shared")
            call.kind = CallKind::SessionAdvisoryLock;
        else if (name == u"set_config")
            call.kind = CallKind::SetConfigUnknownScope; // the scope argument is not known without a parse
        else if (name == u"pg_notify")
            call.kind = CallKind::PgNotify;
        else
            continue;
        statement.calls.append(call);
    }
    return statement;
}

} // namespace

QList<SqlStatement> classifyByTokens(const QByteArray &utf8)
{
    QList<SqlStatement> statements;
    const QList<Token> tokens = scanTokens(utf8);
    QList<Token> current;
    for (const Token &token : tokens) {
        if (token.kind == PG_QUERY__TOKEN__ASCII_59) {
            if (!current.isEmpty())
                statements.append(classifyTokens(utf8, current));
            current.clear();
        } else {
            current.append(token);
        }
    }
    if (!current.isEmpty())
        statements.append(classifyTokens(utf8, current));
    return statements;
}

QList<SqlRange> splitStatements(const QByteArray &utf8)
{
    QList<SqlRange> ranges;
    if (utf8.contains('\0'))
        return ranges;
    PgQuerySplitResult result = pg_query_split_with_scanner(utf8.constData());
    if (!result.error) {
        for (int i = 0; i < result.n_stmts; ++i) {
            const PgQuerySplitStmt *stmt = result.stmts[i];
            ranges.append({stmt->stmt_location, stmt->stmt_location + stmt->stmt_len});
        }
    }
    pg_query_free_split_result(result);
    return ranges;
}

} // namespace poolproof
