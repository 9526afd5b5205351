#include "sqlparser.h"

#include "parsetree.h"
#include "plpgsqlbody.h"
#include "sqlclassifier.h"

#include <algorithm>

namespace poolproof {

SqlParseResult parseSql(const QByteArray &utf8)
{
    SqlParseResult out;
    // libpg_query reads a NUL-terminated string; a NUL inside the text would end it early.
    const int nul = utf8.indexOf('\0');
    if (nul >= 0) {
        out.error = SqlParseError {QStringLiteral("the text contains a NUL byte"),
                                   int(QString::fromUtf8(utf8.left(nul)).size()) + 1};
        return out;
    }
    // The tree comes as protobuf: unpacking it costs a fraction of building and reading JSON.
    const ParsedTree guard(utf8.constData());
    if (guard.result.error) {
        out.error = SqlParseError {QString::fromUtf8(guard.result.error->message),
                                   guard.result.error->cursorpos > 0 ? guard.result.error->cursorpos : -1};
        return out;
    }
    if (!guard.tree) {
        out.error = SqlParseError {QStringLiteral("the parser's output could not be read"), -1};
        return out;
    }
    out.statements.reserve(qsizetype(guard.tree->n_stmts));
    for (size_t i = 0; i < guard.tree->n_stmts; ++i) {
        const PgQuery__RawStmt *entry = guard.tree->stmts[i];
        const int location = std::clamp(int(entry->stmt_location), 0, int(utf8.size()));
        // A length of 0 means "up to the end of the text".
        const int size = entry->stmt_len > 0 ? std::min(int(entry->stmt_len), int(utf8.size()) - location)
                                             : int(utf8.size()) - location;
        const bool withCalls = mayCallSessionFunction(QByteArrayView(utf8).sliced(location, size));
        static const PgQuery__Node emptyNode = PG_QUERY__NODE__INIT;
        SqlStatement statement = classifyStatement(entry->stmt ? *entry->stmt : emptyNode, withCalls);
        statement.location = location;
        statement.length = size;
        statement.text = QString::fromUtf8(QByteArrayView(utf8).sliced(location, size)).trimmed();
        out.statements.append(statement);
        // What a function body or DO block runs, right after it: in the order it is written.
        if (entry->stmt
            && (entry->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT
                || entry->stmt->node_case == PG_QUERY__NODE__NODE_DO_STMT)) {
            QList<SqlStatement> inner = bodyStatements(*entry->stmt, QByteArrayView(utf8).sliced(location, size));
            for (SqlStatement &innerStatement : inner) {
                innerStatement.location += location;
                for (SqlCall &call : innerStatement.calls)
                    call.location += location;
            }
            out.statements += inner;
        }
    }
    return out;
}

SqlParseResult parseSql(const QString &sql)
{
    return parseSql(sql.toUtf8());
}

} // namespace poolproof
