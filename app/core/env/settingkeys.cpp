#include "settingkeys.h"

#include <QRegularExpression>
#include <QStringList>

namespace poolproof {

namespace {

QStringList tokens(QStringView key)
{
    return normalizedKey(key).split(u'_', Qt::SkipEmptyParts);
}

bool isDatabaseToken(const QString &token)
{
    static const QStringList words {
        QStringLiteral("DATABASE"), QStringLiteral("DATABASES"),  QStringLiteral("DB"),
        QStringLiteral("DIRECT"),   QStringLiteral("MIGRATION"),  QStringLiteral("MIGRATIONS"),
        QStringLiteral("MIGRATE"),  QStringLiteral("DATASOURCE"), QStringLiteral("JDBC"),
        QStringLiteral("POOLER"),   QStringLiteral("FLYWAY"),     QStringLiteral("LIQUIBASE"),
        QStringLiteral("SHADOW")};
    return words.contains(token) || token.startsWith(u"PG") || token.startsWith(u"POSTGRES");
}

QString environmentWord(const QString &token)
{
    static const QList<std::pair<QStringList, QString>> words {
        {{QStringLiteral("DEV"), QStringLiteral("DEVELOPMENT"), QStringLiteral("LOCAL")},
         QStringLiteral("development")},
        {{QStringLiteral("PROD"), QStringLiteral("PRODUCTION"), QStringLiteral("PRD"), QStringLiteral("LIVE")},
         QStringLiteral("production")},
        {{QStringLiteral("STAGING"), QStringLiteral("STAGE"), QStringLiteral("STG")}, QStringLiteral("staging")},
        {{QStringLiteral("TEST"), QStringLiteral("TESTING")}, QStringLiteral("test")},
    };
    for (const auto &[list, name] : words) {
        if (list.contains(token))
            return name;
    }
    return {};
}

} // namespace

QString normalizedKey(QStringView key)
{
    QString result;
    const QString text = key.trimmed().toString();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isLetterOrNumber()) {
            // camelCase boundary: databaseUrl -> DATABASE_URL
            if (c.isUpper() && i > 0 && text[i - 1].isLower())
                result += u'_';
            result += c.toUpper();
        } else if (!result.endsWith(u'_')) {
            result += u'_';
        }
    }
    while (result.endsWith(u'_'))
        result.chop(1);
    while (result.startsWith(u'_'))
        result.remove(0, 1);
    return result;
}

KeyMeaning classifyKey(QStringView key)
{
    KeyMeaning meaning;
    QStringList list = tokens(key);
    if (list.isEmpty())
        return meaning;
    if (list.size() > 2) {
        meaning.environment = environmentWord(list.first());
        if (!meaning.environment.isEmpty())
            list.removeFirst();
    }
    const QString last = list.last();
    const bool urlLike = last == u"URL" || last == u"URI" || last == u"DSN" || last == u"CONNSTR"
        || (last == u"STRING" && list.size() >= 2 && list.at(list.size() - 2) == u"CONNECTION")
        || (list.size() >= 2 && (list.at(list.size() - 2) == u"URL" && (last == u"UNPOOLED" || last == u"NON")))
        || (list.size() >= 3 && list.at(list.size() - 3) == u"URL" && last == u"POOLING");
    bool database = false;
    for (const QString &token : std::as_const(list))
        database = database || isDatabaseToken(token);
    meaning.namesConnection = urlLike && database;
    // Spring keeps the URL in spring.datasource.url.
    if (list.contains(QStringLiteral("DATASOURCE")) && last == u"URL")
        meaning.namesConnection = true;
    static const QStringList migrationWords {
        QStringLiteral("MIGRATION"), QStringLiteral("MIGRATIONS"), QStringLiteral("MIGRATE"),
        QStringLiteral("MIGRATOR"),  QStringLiteral("DIRECT"),     QStringLiteral("UNPOOLED"),
        QStringLiteral("NON"),       QStringLiteral("SHADOW"),     QStringLiteral("ADMIN"),
        QStringLiteral("OWNER"),     QStringLiteral("FLYWAY"),     QStringLiteral("LIQUIBASE"),
        QStringLiteral("DDL")};
    for (const QString &token : std::as_const(list)) {
        if (migrationWords.contains(token))
            meaning.role = UrlRole::Migration;
    }
    return meaning;
}

bool isPasswordKey(QStringView key)
{
    const QStringList list = tokens(key);
    for (const QString &token : list) {
        if (token == u"PASSWORD" || token == u"PASSWD" || token == u"PASS" || token == u"PWD" || token == u"PGPASSWORD"
            || token.endsWith(u"PASSWORD"))
            return true;
    }
    return false;
}

bool looksLikeConnectionString(QStringView value)
{
    const QStringView text = value.trimmed();
    static const QRegularExpression url(QStringLiteral("^(?:postgres(?:ql)?(?:\\+[A-Za-z0-9_]+)?://|jdbc:postgresql:)"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (url.matchView(text).hasMatch())
        return true;
    // Npgsql / ADO.NET
    static const QRegularExpression npgsql(
        QStringLiteral("^(?=.*\\b(?:Host|Server)\\s*=)(?=.*\\b(?:Database|Username|User ID)\\s*=)[^=;]+=[^;]*;"),
        QRegularExpression::CaseInsensitiveOption);
    if (npgsql.matchView(text).hasMatch())
        return true;
    // libpq keyword/value
    static const QRegularExpression keywordValue(
        QStringLiteral("^(?:host|hostaddr|dbname|user|port)\\s*=\\s*\\S+(?:\\s+\\w+\\s*=\\s*\\S+)+$"));
    return keywordValue.matchView(text).hasMatch();
}

bool hasOtherScheme(QStringView value)
{
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.\\-]*):(?://)?"));
    const QRegularExpressionMatch match = scheme.matchView(value.trimmed());
    if (!match.hasMatch() || !value.contains(u"://"))
        return false;
    return !looksLikeConnectionString(value);
}

QString environmentFromPath(const QString &relativePath, const QString &fallback)
{
    static const QRegularExpression separators(QStringLiteral("[^A-Za-z0-9]+"));
    static const QStringList noise {
        QStringLiteral("env"),        QStringLiteral("example"),     QStringLiteral("sample"),
        QStringLiteral("template"),   QStringLiteral("dist"),        QStringLiteral("defaults"),
        QStringLiteral("yml"),        QStringLiteral("yaml"),        QStringLiteral("json"),
        QStringLiteral("properties"), QStringLiteral("ini"),         QStringLiteral("py"),
        QStringLiteral("docker"),     QStringLiteral("compose"),     QStringLiteral("override"),
        QStringLiteral("values"),     QStringLiteral("application"), QStringLiteral("appsettings"),
        QStringLiteral("settings"),   QStringLiteral("pgbouncer"),   QStringLiteral("config"),
        QStringLiteral("database"),   QStringLiteral("local")};
    const QStringList segments = relativePath.split(u'/', Qt::SkipEmptyParts);
    // The file name first: ".env.production.example", "values-prod.yaml", "application-prod.yml".
    if (!segments.isEmpty()) {
        const QStringList words = segments.last().toLower().split(separators, Qt::SkipEmptyParts);
        for (const QString &word : words) {
            if (noise.contains(word))
                continue;
            const EnvironmentKind kind = environmentKindFromName(word);
            if (kind != EnvironmentKind::Other)
                return normalizedEnvironmentName(word);
        }
        // ".env.local" on its own is development.
        if (words.contains(QStringLiteral("local")))
            return QStringLiteral("development");
    }
    // Then the folders, deepest first: "overlays/staging/deployment.yaml".
    for (qsizetype i = segments.size() - 2; i >= 0; --i) {
        const QStringList words = segments.at(i).toLower().split(separators, Qt::SkipEmptyParts);
        for (const QString &word : words) {
            const EnvironmentKind kind = environmentKindFromName(word);
            if (kind != EnvironmentKind::Other && kind != EnvironmentKind::Test && word != u"example"
                && word != u"sample")
                return normalizedEnvironmentName(word);
        }
    }
    return fallback;
}

} // namespace poolproof
