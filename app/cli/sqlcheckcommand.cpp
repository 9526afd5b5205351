#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "sql/sqldescription.h"
#include "sql/sqlparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace poolproof::cli {

namespace {

class SqlCheck
{
    Q_DECLARE_TR_FUNCTIONS(SqlCheck)
public:
    static int run(const QStringList &arguments);

private:
    static void printText(const SqlParseResult &result);
    static void printJson(const SqlParseResult &result);
    static void printParseError(const QString &sql, const SqlParseError &error);
};

int SqlCheck::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Parses SQL with the PostgreSQL parser and tells, for each statement, "
                                        "whether it leaves state on the server connection."));
    parser.addHelpOption();
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("Output format: text or json."), tr("format"),
                                          QStringLiteral("text"));
    const QCommandLineOption fileOption(QStringLiteral("file"), tr("Read the SQL from a file (- for standard input)."),
                                        tr("path"));
    parser.addOption(formatOption);
    parser.addOption(fileOption);
    parser.addPositionalArgument(QStringLiteral("sql"), tr("The SQL text; several arguments are joined with spaces."));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;
    const std::optional<QString> format
        = formatValue(parser, formatOption, {QStringLiteral("text"), QStringLiteral("json")});
    if (!format)
        return ExitUsageError;

    QByteArray sql;
    if (parser.isSet(fileOption)) {
        QFile file;
        const QString path = parser.value(fileOption);
        const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                         : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened) {
            printError(tr("cannot read %1: %2").arg(path, file.errorString()));
            return ExitUsageError;
        }
        sql = file.readAll();
    } else {
        sql = parser.positionalArguments().join(u' ').toUtf8();
    }
    if (sql.trimmed().isEmpty()) {
        printError(tr("no SQL given (pass it as an argument or with --file)"));
        return ExitUsageError;
    }

    const SqlParseResult result = parseSql(sql);
    if (!result.ok()) {
        if (*format == u"json")
            printJson(result);
        printParseError(QString::fromUtf8(sql), *result.error);
        return ExitUsageError;
    }
    if (*format == u"json")
        printJson(result);
    else
        printText(result);
    return ExitOk;
}

void SqlCheck::printText(const SqlParseResult &result)
{
    int index = 0;
    for (const SqlStatement &statement : result.statements) {
        ++index;
        out() << index << ": " << statement.text.simplified() << '\n';
        out() << "   " << statementKindId(statement.kind);
        if (!statement.subject.isEmpty())
            out() << " (" << statement.subject << ')';
        out() << ": " << describeStatement(statement) << '\n';
        for (const SqlCall &call : statement.calls) {
            out() << "   " << callKindId(call.kind) << " (" << call.function << "): " << describeCall(call) << '\n';
        }
    }
    out().flush();
}

void SqlCheck::printJson(const SqlParseResult &result)
{
    QJsonObject root;
    QJsonArray statements;
    for (const SqlStatement &statement : result.statements) {
        QJsonObject object {
            {QStringLiteral("text"), statement.text},
            {QStringLiteral("kind"), statementKindId(statement.kind)},
            {QStringLiteral("node"), statement.parseNode},
            {QStringLiteral("subject"), statement.subject},
            {QStringLiteral("keepsSessionState"), keepsSessionState(statement.kind)},
            {QStringLiteral("offset"), statement.location},
        };
        QJsonArray calls;
        for (const SqlCall &call : statement.calls) {
            calls.append(QJsonObject {{QStringLiteral("kind"), callKindId(call.kind)},
                                      {QStringLiteral("function"), call.function},
                                      {QStringLiteral("keepsSessionState"), keepsSessionState(call.kind)}});
        }
        object.insert(QStringLiteral("calls"), calls);
        statements.append(object);
    }
    root.insert(QStringLiteral("statements"), statements);
    if (result.error) {
        root.insert(QStringLiteral("error"),
                    QJsonObject {{QStringLiteral("message"), result.error->message},
                                 {QStringLiteral("position"), result.error->position}});
    }
    out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
    out().flush();
}

void SqlCheck::printParseError(const QString &sql, const SqlParseError &error)
{
    if (error.position < 1) {
        printError(tr("the SQL does not parse: %1").arg(error.message));
        return;
    }
    printError(tr("the SQL does not parse: %1 (at position %2)").arg(error.message).arg(error.position));
    // Show the line the position falls on, with a caret under the character.
    const int index = qMin(error.position - 1, int(sql.size()));
    const int lineStart = int(sql.lastIndexOf(u'\n', index - 1)) + 1;
    int lineEnd = int(sql.indexOf(u'\n', index));
    if (lineEnd < 0)
        lineEnd = int(sql.size());
    err() << "  " << sql.mid(lineStart, lineEnd - lineStart) << '\n'
          << "  " << QString(index - lineStart, u' ') << "^\n";
    err().flush();
}

} // namespace

int runSqlCheck(const QStringList &arguments)
{
    return SqlCheck::run(arguments);
}

} // namespace poolproof::cli
