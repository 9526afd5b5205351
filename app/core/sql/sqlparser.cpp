#include "sqlparser.h"

#include "sqlclassifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pg_query.h>

namespace poolproof {

namespace {

// Frees libpg_query's result however the function returns.
struct ParseResultGuard {
    PgQueryParseResult result;
    ~ParseResultGuard() { pg_query_free_parse_result(result); }
};

} // namespace

SqlParseResult parseSql(const QByteArray &utf8)
{
    SqlParseResult out;
    // libpg_query reads a NUL-terminated string; a NUL inside the text would end it early.
    const int nul = utf8.indexOf('\0');
    if (nul >= 0) {
        out.error = SqlParseError{QStringLiteral("the text contains a NUL byte"), int(QString::fromUtf8(utf8.left(nul)).size()) + 1};
        return out;
    }
    const ParseResultGuard guard{pg_query_parse(utf8.constData())};
    if (guard.result.error) {
        out.error = SqlParseError{QString::fromUtf8(guard.result.error->message), guard.result.error->cursorpos > 0
                                                                                    ? guard.result.error->cursorpos
                                                                                    : -1};
        return out;
    }
    const QJsonDocument tree = QJsonDocument::fromJson(QByteArray(guard.result.parse_tree));
    const QJsonArray stmts = tree.object().value(u"stmts").toArray();
    for (const QJsonValue &raw : stmts) {
        const QJsonObject entry = raw.toObject();
        const int location = entry.value(u"stmt_location").toInt(0);
        const int length = entry.value(u"stmt_len").toInt(0);
        // A length of 0 means "up to the end of the text".
        const int size = length > 0 ? length : int(utf8.size()) - location;
        const bool withCalls = mayCallSessionFunction(QByteArrayView(utf8).sliced(location, size));
        SqlStatement statement = classifyStatement(entry.value(u"stmt").toObject(), withCalls);
        statement.location = location;
        statement.length = size;
        statement.text = QString::fromUtf8(utf8.mid(statement.location, statement.length)).trimmed();
        out.statements.append(statement);
    }
    return out;
}

SqlParseResult parseSql(const QString &sql)
{
    return parseSql(sql.toUtf8());
}

} // namespace poolproof
