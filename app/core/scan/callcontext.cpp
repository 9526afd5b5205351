#include "callcontext.h"

#include <QStringList>

#include <algorithm>

namespace poolproof {

namespace {

constexpr qsizetype maxLookBack = 4096;

bool isIdentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The region that contains offset, if any (regions are sorted and do not overlap).
const LexedRegion *regionAt(const LexedFile &file, quint32 offset)
{
    const auto it = std::upper_bound(file.regions.begin(), file.regions.end(), offset,
                                     [](quint32 value, const LexedRegion &region) { return value < region.begin; });
    if (it == file.regions.begin())
        return nullptr;
    const LexedRegion &candidate = *(it - 1);
    return offset < candidate.end ? &candidate : nullptr;
}

// Reads the identifier that ends right before position end (after skipping spaces, a Rust "!"
// and a generic argument list); returns it lower-cased.
QString identifierBefore(QByteArrayView source, qsizetype end)
{
    qsizetype i = end;
    while (i > 0 && isSpace(source[i - 1]))
        --i;
    if (i > 0 && source[i - 1] == '!')
        --i;
    if (i > 0 && source[i - 1] == '>') {
        int depth = 0;
        while (i > 0) {
            const char c = source[--i];
            if (c == '>')
                ++depth;
            else if (c == '<' && --depth == 0)
                break;
        }
        while (i > 0 && isSpace(source[i - 1]))
            --i;
    }
    const qsizetype stop = i;
    while (i > 0 && isIdentChar(source[i - 1]))
        --i;
    return QString::fromLatin1(source.sliced(i, stop - i)).toLower();
}

} // namespace

CallContext callContextOf(QByteArrayView source, const LexedFile &file, int regionIndex)
{
    CallContext context;
    const LexedRegion &region = file.regions[size_t(regionIndex)];
    const qsizetype start = region.begin;
    // A tagged template: an identifier glued to the opening backtick.
    if (start > 0 && source[start] == '`' && isIdentChar(source[start - 1]))
        context.callee = identifierBefore(source, start);

    // Assignment or key right before the literal: `sql = "…"`, `query: "…"`, `SQL := "…"`.
    qsizetype i = start;
    while (i > 0 && isSpace(source[i - 1]))
        --i;
    if (i > 0 && (source[i - 1] == '=' || source[i - 1] == ':')
        && !(i > 1 && (source[i - 2] == '=' || source[i - 2] == '!'))) {
        qsizetype j = i - 1;
        if (j > 0 && source[j - 1] == ':') // Go's :=, Ruby's ::
            --j;
        context.assignee = identifierBefore(source, j);
    }

    // The enclosing call: walk back over balanced brackets and other literals to an open "(".
    int depth = 0;
    const qsizetype limit = std::max<qsizetype>(0, start - maxLookBack);
    for (qsizetype p = start - 1; p >= limit && context.callee.isEmpty(); --p) {
        if (const LexedRegion *other = regionAt(file, quint32(p))) {
            p = other->begin; // skip the whole literal or comment
            continue;
        }
        const char c = source[p];
        if (c == ')' || c == ']' || c == '}') {
            ++depth;
        } else if (c == '(' || c == '[' || c == '{') {
            if (depth == 0) {
                if (c == '(')
                    context.callee = identifierBefore(source, p);
                break;
            }
            --depth;
        } else if (depth == 0 && c == ';') {
            break;
        }
    }
    return context;
}

bool isQueryContext(const CallContext &context)
{
    static const QStringList calls = {
        QStringLiteral("query"),
        QStringLiteral("queryraw"),
        QStringLiteral("queryrawunsafe"),
        QStringLiteral("execute"),
        QStringLiteral("executeraw"),
        QStringLiteral("executerawunsafe"),
        QStringLiteral("exec"),
        QStringLiteral("execsql"),
        QStringLiteral("raw"),
        QStringLiteral("sql"),
        QStringLiteral("unsafe"),
        QStringLiteral("prepare"),
        QStringLiteral("text"),
        QStringLiteral("executemany"),
        QStringLiteral("execute_values"),
        QStringLiteral("fetch"),
        QStringLiteral("fetchrow"),
        QStringLiteral("fetchval"),
        QStringLiteral("querycontext"),
        QStringLiteral("queryrow"),
        QStringLiteral("queryrowcontext"),
        QStringLiteral("execcontext"),
        QStringLiteral("mustexec"),
        QStringLiteral("namedexec"),
        QStringLiteral("rawquery"),
        QStringLiteral("sqlquery"),
        QStringLiteral("createnativequery"),
        QStringLiteral("createquery"),
        QStringLiteral("preparestatement"),
        QStringLiteral("preparecall"),
        QStringLiteral("executequery"),
        QStringLiteral("executeupdate"),
        QStringLiteral("addbatch"),
        QStringLiteral("exec_query"),
        QStringLiteral("exec_params"),
        QStringLiteral("async_exec"),
        QStringLiteral("find_by_sql"),
        QStringLiteral("select_all"),
        QStringLiteral("select_one"),
        QStringLiteral("select_value"),
        QStringLiteral("execute_sql"),
        QStringLiteral("batch_execute"),
        QStringLiteral("simple_query"),
        QStringLiteral("none"),
        QStringLiteral("oneornone"),
        QStringLiteral("manyornone"),
        QStringLiteral("executescalar"),
        QStringLiteral("executenonquery"),
        QStringLiteral("executereader"),
        QStringLiteral("npgsqlcommand"),
        QStringLiteral("fromsqlraw"),
        QStringLiteral("executesqlraw"),
        QStringLiteral("executesqlrawasync"),
        QStringLiteral("fromsql"),
        QStringLiteral("executesql"),
        QStringLiteral("query_as"),
        QStringLiteral("query_scalar"),
        QStringLiteral("exec_prepared"),
        QStringLiteral("exec_params"),
        QStringLiteral("exec_driver_sql"),
        // Spring's JdbcTemplate
        QStringLiteral("queryforobject"),
        QStringLiteral("queryforlist"),
        QStringLiteral("queryformap"),
        QStringLiteral("queryforrowset"),
        QStringLiteral("queryforstream"),
        QStringLiteral("batchupdate"),
        QStringLiteral("executesqlinterpolated"),
        QStringLiteral("fromsqlinterpolated"),
        QStringLiteral("unprepared"),
        QStringLiteral("sql_query"),
        // tokio-postgres
        QStringLiteral("query_one"),
        QStringLiteral("query_opt"),
        QStringLiteral("query_raw"),
        QStringLiteral("execute_raw"),
        // Doctrine DBAL
        QStringLiteral("executestatement"),
        QStringLiteral("fetchone"),
        QStringLiteral("fetchassociative"),
        QStringLiteral("fetchallassociative"),
        // encode/databases, Tortoise ORM
        QStringLiteral("fetch_one"),
        QStringLiteral("fetch_all"),
        QStringLiteral("fetch_val"),
        QStringLiteral("execute_query"),
        QStringLiteral("execute_script"),
    };
    // Async variants (ExecuteAsync, QueryFirstAsync) run the same SQL.
    QString callee = context.callee;
    if (callee.endsWith(u"async") && callee.size() > 5)
        callee.chop(5);
    if (calls.contains(callee) || callee.startsWith(u"queryfirst") || callee.startsWith(u"querysingle"))
        return true;
    // ADO.NET's command.CommandText = "…" too.
    static const QStringList nameParts = {QStringLiteral("sql"), QStringLiteral("query"), QStringLiteral("stmt"),
                                          QStringLiteral("statement"), QStringLiteral("commandtext")};
    for (const QString &part : nameParts) {
        if (context.assignee.contains(part))
            return true;
    }
    return false;
}

} // namespace poolproof
