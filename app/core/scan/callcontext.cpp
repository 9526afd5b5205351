#include "callcontext.h"

#include <QSet>
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

// Where the identifier that ends right before end begins (spaces, "!" and generics skipped as
// identifierBefore does not need: only plain names are looked at here).
qsizetype identifierStart(QByteArrayView source, qsizetype end)
{
    qsizetype i = end;
    while (i > 0 && isSpace(source[i - 1]))
        --i;
    if (i > 0 && source[i - 1] == '!')
        --i;
    while (i > 0 && isIdentChar(source[i - 1]))
        --i;
    return i;
}

// The name a call is made on: DB in DB::statement(, conn in conn.Exec(, $this->db in ->query(.
QString receiverBefore(QByteArrayView source, qsizetype calleeStart)
{
    qsizetype i = calleeStart;
    if (i >= 2 && ((source[i - 1] == ':' && source[i - 2] == ':') || (source[i - 1] == '>' && source[i - 2] == '-')))
        i -= 2;
    else if (i >= 1 && source[i - 1] == '.')
        --i;
    else
        return {};
    return identifierBefore(source, i);
}

// The variable or key a value starting at start is assigned to: `sql = "…"`, `query: "…"`,
// `SQL := "…"`; empty when none.
QString assigneeBefore(QByteArrayView source, qsizetype start)
{
    qsizetype i = start;
    while (i > 0 && isSpace(source[i - 1]))
        --i;
    if (i > 0 && (source[i - 1] == '=' || source[i - 1] == ':')
        && !(i > 1 && (source[i - 2] == '=' || source[i - 2] == '!'))) {
        qsizetype j = i - 1;
        if (j > 0 && source[j - 1] == ':') // Go's :=, Ruby's ::
            --j;
        return identifierBefore(source, j);
    }
    return {};
}

// Calls that only format their arguments into a text (format!, fmt.Sprintf, String.format): a
// literal in one goes wherever the text goes, so the call around them is the one that counts.
bool isFormattingCall(const QString &callee)
{
    return callee == u"format" || callee == u"sprintf" || callee == u"formatted";
}

// A command call without parentheses, as Ruby and Elixir write them: `execute "SET …"`,
// `puts "…"`. Only a name directly before the literal, on the same line, counts.
QString commandBefore(QByteArrayView source, qsizetype literalStart)
{
    qsizetype i = literalStart;
    while (i > 0 && (source[i - 1] == ' ' || source[i - 1] == '\t'))
        --i;
    if (i == literalStart || i == 0 || !isIdentChar(source[i - 1]))
        return {};
    return identifierBefore(source, i);
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

    context.assignee = assigneeBefore(source, start);
    if (context.callee.isEmpty()) {
        const QString command = commandBefore(source, start);
        if (isQueryContext({command, {}, {}}) || isMessageContext({command, {}, {}}))
            context.callee = command;
    }
    // The enclosing call: walk back over balanced brackets and other literals to an open "(".
    // A formatting call is walked past, to the call its text is handed to.
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
                if (c != '(')
                    break;
                const QString callee = identifierBefore(source, p);
                const qsizetype calleeStart = identifierStart(source, p);
                if (isFormattingCall(callee) && calleeStart > limit) {
                    // `let sql = format!(…)`: the formatted text is assigned.
                    qsizetype callStart = calleeStart;
                    const QString receiver = receiverBefore(source, calleeStart);
                    if (!receiver.isEmpty())
                        callStart = identifierStart(source, callStart - (source[callStart - 1] == '.' ? 1 : 2));
                    if (context.assignee.isEmpty())
                        context.assignee = assigneeBefore(source, callStart);
                    p = callStart; // on to the call around the formatting one
                    continue;
                }
                context.callee = callee;
                context.receiver = receiverBefore(source, calleeStart);
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
    static const QSet<QString> calls = {
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
        // Laravel's DB facade (DB::statement below, with its receiver)
        QStringLiteral("affectingstatement"),
    };
    // Async variants (ExecuteAsync, QueryFirstAsync) run the same SQL.
    QString callee = context.callee;
    if (callee.endsWith(u"async") && callee.size() > 5)
        callee.chop(5);
    if (calls.contains(callee) || callee.startsWith(u"queryfirst") || callee.startsWith(u"querysingle"))
        return true;
    // A name too common to count alone ("statement") counts on the receiver that runs SQL.
    if (callee == u"statement" && context.receiver == u"db")
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

bool isMessageContext(const CallContext &context)
{
    static const QSet<QString> calls = {
        // Logging, in most languages' usual names (console.log, logger.info, Logger.warn,
        // _logger.LogInformation, log.Printf, slog.Info, tracing's info!, Rails.logger.debug)
        QStringLiteral("log"),
        QStringLiteral("trace"),
        QStringLiteral("debug"),
        QStringLiteral("info"),
        QStringLiteral("notice"),
        QStringLiteral("warn"),
        QStringLiteral("warning"),
        QStringLiteral("error"),
        QStringLiteral("critical"),
        QStringLiteral("fatal"),
        QStringLiteral("exception"),
        QStringLiteral("logtrace"),
        QStringLiteral("logdebug"),
        QStringLiteral("loginformation"),
        QStringLiteral("logwarning"),
        QStringLiteral("logerror"),
        QStringLiteral("logcritical"),
        QStringLiteral("tracef"),
        QStringLiteral("debugf"),
        QStringLiteral("infof"),
        QStringLiteral("warnf"),
        QStringLiteral("warningf"),
        QStringLiteral("errorf"),
        QStringLiteral("fatalf"),
        QStringLiteral("panicf"),
        QStringLiteral("logf"),
        // Printing and stopping
        QStringLiteral("print"),
        QStringLiteral("println"),
        QStringLiteral("printf"),
        QStringLiteral("puts"),
        QStringLiteral("eprint"),
        QStringLiteral("eprintln"),
        QStringLiteral("fprint"),
        QStringLiteral("fprintln"),
        QStringLiteral("fprintf"),
        QStringLiteral("echo"),
        QStringLiteral("die"),
        QStringLiteral("panic"),
        QStringLiteral("raise"),
        QStringLiteral("abort"),
        // Tests' titles
        QStringLiteral("describe"),
        QStringLiteral("it"),
        QStringLiteral("test"),
    };
    const QString &callee = context.callee;
    if (calls.contains(callee))
        return true;
    // Errors and exceptions made with a message: new Error("…"), ValueError("…"),
    // IllegalStateException("…"), errors.New is not one (its name is "new").
    return callee.size() > 5 && (callee.endsWith(u"error") || callee.endsWith(u"exception"));
}

} // namespace poolproof
