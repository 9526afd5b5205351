#include "plpgsqlbody.h"

#include "parsetree.h"
#include "sqlparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pg_query.h>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

// A body can hold a DO block or EXECUTE a CREATE FUNCTION: two levels are followed, no more.
constexpr int maxDepth = 2;
thread_local int depth = 0;

// What stands for a part of a dynamic statement that is only known at run time.
constexpr QByteArrayView unknownPart = "poolproof_dynamic";

struct DepthGuard {
    DepthGuard() { ++depth; }
    ~DepthGuard() { --depth; }
};

const char *stringOf(const PgQuery__Node *node)
{
    if (!node || node->node_case != PG_QUERY__NODE__NODE_STRING || !node->string)
        return nullptr;
    return node->string->sval;
}

struct Body {
    enum class Language { PlPgSql, Sql } language = Language::PlPgSql;
    QByteArray text;
    QStringList scopedSettings; // the function's SET clause: restored when it returns
};

// The body of a CREATE FUNCTION/PROCEDURE or DO statement in a language whose SQL can be read.
std::optional<Body> bodyOf(const PgQuery__Node &stmt)
{
    PgQuery__Node **options = nullptr;
    size_t count = 0;
    QByteArray language;
    if (stmt.node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT && stmt.create_function_stmt) {
        options = stmt.create_function_stmt->options;
        count = stmt.create_function_stmt->n_options;
    } else if (stmt.node_case == PG_QUERY__NODE__NODE_DO_STMT && stmt.do_stmt) {
        options = stmt.do_stmt->args;
        count = stmt.do_stmt->n_args;
        language = "plpgsql"; // DO's default
    } else {
        return std::nullopt;
    }
    Body body;
    bool hasText = false;
    for (size_t i = 0; i < count; ++i) {
        const PgQuery__Node *option = options[i];
        if (!option || option->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !option->def_elem
            || !option->def_elem->defname)
            continue;
        const PgQuery__DefElem &element = *option->def_elem;
        const PgQuery__Node *arg = element.arg;
        if (std::strcmp(element.defname, "language") == 0) {
            if (const char *name = stringOf(arg))
                language = QByteArray(name).toLower();
        } else if (std::strcmp(element.defname, "as") == 0) {
            // CREATE FUNCTION: a list (a C function has two items); DO: the string itself.
            const char *text = stringOf(arg);
            if (!text && arg && arg->node_case == PG_QUERY__NODE__NODE_LIST && arg->list && arg->list->n_items == 1)
                text = stringOf(arg->list->items[0]);
            if (text) {
                body.text = QByteArray(text);
                hasText = true;
            }
        } else if (std::strcmp(element.defname, "set") == 0 && arg
                   && arg->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT && arg->variable_set_stmt
                   && arg->variable_set_stmt->name) {
            body.scopedSettings.append(QString::fromUtf8(arg->variable_set_stmt->name).toLower());
        }
    }
    if (!hasText)
        return std::nullopt;
    if (language == "plpgsql")
        body.language = Body::Language::PlPgSql;
    else if (language == "sql")
        body.language = Body::Language::Sql;
    else
        return std::nullopt;
    return body;
}

// A piece of SQL taken from a body, and where in the statement's text it came from.
struct Piece {
    QByteArray sql; // what the SQL parser reads
    int prefix = 0; // bytes of sql before the part that is written in the source ("SELECT ")
    qsizetype source = 0; // offset in the statement's text of sql[prefix]
    qsizetype sourceLength = 0; // of the part written in the source
    bool exact = true; // false: every location is reported at source
    bool dynamic = false;
    QString shown; // the statement as written, where sql is not ("PERFORM f()", not "SELECT f()")

    int map(int location) const
    {
        if (!exact || location < prefix)
            return int(source);
        return int(source + std::min<qsizetype>(location - prefix, sourceLength));
    }
};

// The text an EXECUTE runs, as far as its constants tell: 'LISTEN ' || name gives
// "LISTEN poolproof_dynamic", format('SET search_path TO %I', t) "SET search_path TO
// poolproof_dynamic". complete stays true only where every part is a constant.
void appendConstantText(const PgQuery__Node *node, QByteArray &out, bool &complete);

void appendFormatTemplate(const char *format, QByteArray &out, bool &complete)
{
    for (const char *p = format; *p; ++p) {
        if (*p != '%') {
            out += *p;
            continue;
        }
        if (p[1] == '%') {
            out += '%';
            ++p;
            continue;
        }
        // %I, %L, %s with optional position and width (%1$I, %-10s): one unknown value.
        ++p;
        while (*p && std::strchr("0123456789$-*", *p))
            ++p;
        if (!*p)
            break;
        out += unknownPart;
        complete = false;
    }
}

void appendConstantText(const PgQuery__Node *node, QByteArray &out, bool &complete)
{
    if (!node) {
        out += unknownPart;
        complete = false;
        return;
    }
    switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
        if (node->a_const && node->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && node->a_const->sval) {
            out += node->a_const->sval->sval;
        } else {
            out += unknownPart;
            complete = false;
        }
        return;
    case PG_QUERY__NODE__NODE_TYPE_CAST:
        appendConstantText(node->type_cast ? node->type_cast->arg : nullptr, out, complete);
        return;
    case PG_QUERY__NODE__NODE_A_EXPR: {
        const PgQuery__AExpr *expr = node->a_expr;
        if (expr && expr->n_name == 1 && qstrcmp(stringOf(expr->name[0]), "||") == 0) {
            appendConstantText(expr->lexpr, out, complete);
            appendConstantText(expr->rexpr, out, complete);
            return;
        }
        break;
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
        const PgQuery__FuncCall *call = node->func_call;
        if (call && call->n_funcname > 0 && qstrcmp(stringOf(call->funcname[call->n_funcname - 1]), "format") == 0
            && call->n_args > 0 && call->args[0]->node_case == PG_QUERY__NODE__NODE_A_CONST
            && call->args[0]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
            appendFormatTemplate(call->args[0]->a_const->sval->sval, out, complete);
            return;
        }
        break;
    }
    default: break;
    }
    out += unknownPart;
    complete = false;
}

// The statement a PL/pgSQL EXECUTE expression builds, as far as constants tell; complete: all of it.
QByteArray executedText(const QByteArray &expression, bool &complete)
{
    complete = true;
    const QByteArray select = "SELECT " + expression;
    const ParsedTree parsed(select.constData());
    QByteArray out;
    const PgQuery__ParseResult *tree = parsed.tree;
    if (tree && tree->n_stmts == 1 && tree->stmts[0]->stmt
        && tree->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
        const PgQuery__SelectStmt *query = tree->stmts[0]->stmt->select_stmt;
        if (query && query->n_target_list == 1 && query->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
            appendConstantText(query->target_list[0]->res_target->val, out, complete);
    }
    // Nothing known at all: nothing to read.
    return out == unknownPart ? QByteArray() : out;
}

// Reads the JSON of libpg_query's PL/pgSQL parser and collects the pieces of SQL in it.
class BodyReader
{
public:
    BodyReader(QByteArrayView statementText, qsizetype bodyOffset, qsizetype bodyLength)
        : m_bodyOffset(bodyOffset)
        , m_body(bodyOffset >= 0 ? statementText.sliced(bodyOffset, bodyLength) : QByteArrayView())
    {
        m_lineStarts.push_back(0);
        for (qsizetype i = 0; i < m_body.size(); ++i) {
            if (m_body[i] == '\n')
                m_lineStarts.push_back(i + 1);
        }
    }

    void visit(const QJsonValue &value, const QString &key, const QString &statement, int line)
    {
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                visit(item, key, statement, line);
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString innerStatement = statement;
            int innerLine = line;
            if (it.key().startsWith(u"PLpgSQL_stmt_")) {
                innerStatement = it.key();
                innerLine = it.value().toObject().value(u"lineno").toInt(line);
            }
            if (it.key() == u"PLpgSQL_expr")
                addExpression(it.value().toObject(), key, innerStatement, innerLine);
            visit(it.value(), it.key(), innerStatement, innerLine);
        }
    }

    const QList<Piece> &pieces() const { return m_pieces; }

private:
    void addExpression(const QJsonObject &expression, const QString &key, const QString &statement, int line)
    {
        const QByteArray query = expression.value(u"query").toString().toUtf8();
        const int mode = expression.value(u"parseMode").toInt();
        if (query.isEmpty())
            return;
        Piece piece;
        QByteArray written = query; // the part as it appears in the body
        qsizetype writtenOffset = 0; // of the part that sql[prefix] starts, within written
        if (statement == u"PLpgSQL_stmt_dynexecute" && key == u"query") {
            bool complete = true;
            piece.sql = executedText(query, complete);
            piece.exact = false;
            piece.dynamic = !complete;
            piece.shown = u"EXECUTE "_s + QString::fromUtf8(query);
        } else if (statement == u"PLpgSQL_stmt_perform" && query.startsWith("SELECT ")) {
            // PERFORM f() reaches the parser as SELECT f().
            piece.sql = query;
            piece.prefix = 7;
            written = query.sliced(7);
            piece.shown = u"PERFORM "_s + QString::fromUtf8(written);
        } else if (mode == 0) {
            piece.sql = query; // a statement, as written
        } else if (mode >= 3) {
            // An assignment, "target := expression": the expression is what runs.
            qsizetype operatorAt = query.indexOf(":=");
            qsizetype operatorLength = 2;
            if (operatorAt < 0) {
                operatorAt = query.indexOf('=');
                operatorLength = 1;
            }
            if (operatorAt < 0)
                return;
            writtenOffset = operatorAt + operatorLength;
            while (writtenOffset < query.size() && (query[writtenOffset] == ' ' || query[writtenOffset] == '\t'))
                ++writtenOffset;
            piece.sql = "SELECT " + query.sliced(writtenOffset);
            piece.prefix = 7;
            piece.shown = QString::fromUtf8(query);
        } else {
            piece.sql = "SELECT " + query; // an expression: its calls are what count
            piece.prefix = 7;
            piece.shown = QString::fromUtf8(query);
        }
        if (piece.sql.isEmpty())
            return;
        locate(written, writtenOffset, line, piece);
        m_pieces.append(piece);
    }

    // Where the written part is in the body: searched from its statement's line, since the same
    // text may appear twice; where it is not there as written, the start of that line.
    void locate(const QByteArray &written, qsizetype writtenOffset, int line, Piece &piece) const
    {
        if (m_bodyOffset < 0)
            return; // the body is not in the text as written: the statement's start
        const size_t lineIndex = size_t(std::clamp(line, 1, int(m_lineStarts.size())) - 1);
        const qsizetype lineStart = m_lineStarts[lineIndex];
        qsizetype at = m_body.indexOf(written, lineStart);
        if (at < 0)
            at = m_body.indexOf(written);
        if (at >= 0 && piece.exact) {
            piece.source = m_bodyOffset + at + writtenOffset;
            piece.sourceLength = written.size() - writtenOffset;
            return;
        }
        qsizetype first = at >= 0 ? at : lineStart;
        while (first < m_body.size() && (m_body[first] == ' ' || m_body[first] == '\t'))
            ++first;
        piece.source = m_bodyOffset + first;
        piece.exact = false;
    }

    qsizetype m_bodyOffset;
    QByteArrayView m_body;
    std::vector<qsizetype> m_lineStarts;
    QList<Piece> m_pieces;
};

QList<Piece> plpgsqlPieces(QByteArrayView statementText, qsizetype bodyOffset, qsizetype bodyLength)
{
    const QByteArray input = statementText.toByteArray(); // NUL-terminated for the parser
    PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(input.constData());
    QList<Piece> pieces;
    if (!result.error && result.plpgsql_funcs) {
        const QJsonDocument functions = QJsonDocument::fromJson(QByteArray(result.plpgsql_funcs));
        BodyReader reader(statementText, bodyOffset, bodyLength);
        reader.visit(functions.array(), QString(), QString(), 1);
        pieces = reader.pieces();
    }
    pg_query_free_plpgsql_parse_result(result);
    return pieces;
}

bool matters(const SqlStatement &statement)
{
    return statement.kind != StatementKind::Other || !statement.calls.isEmpty();
}

} // namespace

QList<SqlStatement> bodyStatements(const PgQuery__Node &stmt, QByteArrayView statementText)
{
    if (depth >= maxDepth)
        return {};
    const std::optional<Body> body = bodyOf(stmt);
    if (!body || body->text.trimmed().isEmpty())
        return {};
    const DepthGuard guard;
    // Dollar-quoted, the body is in the text as written; in a quoted string with doubled quotes
    // it is not, and everything in it is reported at the statement's start.
    const qsizetype bodyOffset = statementText.indexOf(body->text);
    QList<Piece> pieces;
    if (body->language == Body::Language::Sql) {
        Piece piece;
        piece.sql = body->text;
        piece.source = std::max<qsizetype>(bodyOffset, 0);
        piece.sourceLength = body->text.size();
        piece.exact = bodyOffset >= 0;
        pieces.append(piece);
    } else {
        pieces = plpgsqlPieces(statementText, bodyOffset, body->text.size());
    }
    QList<SqlStatement> out;
    for (const Piece &piece : std::as_const(pieces)) {
        const SqlParseResult parsed = parseSql(piece.sql);
        if (!parsed.ok())
            continue;
        for (SqlStatement statement : parsed.statements) {
            if (!matters(statement))
                continue;
            const bool scoped
                = (statement.kind == StatementKind::SessionSet || statement.kind == StatementKind::SessionReset)
                && body->scopedSettings.contains(statement.subject.toLower());
            if (scoped)
                continue;
            statement.location = piece.map(statement.location);
            statement.length = piece.exact ? int(piece.sourceLength) : 0;
            statement.dynamic = statement.dynamic || piece.dynamic;
            if (!piece.shown.isEmpty() && parsed.statements.size() == 1)
                statement.text = piece.shown.simplified();
            if (piece.dynamic && statement.subject == QLatin1StringView(unknownPart))
                statement.subject.clear();
            for (SqlCall &call : statement.calls) {
                call.location = call.location >= 0 ? piece.map(call.location) : statement.location;
                if (call.argument == QLatin1StringView(unknownPart))
                    call.argument.clear();
            }
            out.append(statement);
        }
    }
    return out;
}

} // namespace poolproof
