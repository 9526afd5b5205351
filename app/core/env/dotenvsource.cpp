// .env files: KEY=value lines as dotenv, docker compose env_file and most platforms read them.
#include "sourcehelpers.h"

#include <QRegularExpression>

namespace poolproof {

namespace {

// ".env" and ".env.example" are development; ".env.production", ".env.staging.example",
// ".env.qa" name their environment; "production.env" too.
QString environmentOfEnvFile(const QString &path)
{
    const QString name = path.section(u'/', -1).toLower();
    static const QStringList ignored {QStringLiteral("env"),      QStringLiteral("example"), QStringLiteral("sample"),
                                      QStringLiteral("template"), QStringLiteral("dist"),    QStringLiteral("defaults"),
                                      QStringLiteral("local")};
    const QStringList words = name.split(u'.', Qt::SkipEmptyParts);
    const bool dotEnv = name.startsWith(u".env");
    for (const QString &word : words) {
        if (ignored.contains(word))
            continue;
        // After ".env" any word names the environment; in "db.env" only a known one does.
        if (dotEnv || environmentKindFromName(word) != EnvironmentKind::Other)
            return normalizedEnvironmentName(word);
    }
    return QStringLiteral("development");
}

struct ParsedValue {
    QString value;
    qsizetype start = 0; // offset of the value's first character in the line
    bool multiLine = false;
};

ParsedValue parseValue(const QString &line, qsizetype start, const QStringList &lines, qsizetype *lineIndex)
{
    ParsedValue parsed;
    qsizetype p = start;
    while (p < line.size() && (line[p] == u' ' || line[p] == u'\t'))
        ++p;
    if (p < line.size() && (line[p] == u'"' || line[p] == u'\'' || line[p] == u'`')) {
        const QChar quote = line[p];
        parsed.start = p + 1;
        QString text = line.mid(p + 1);
        // Double-quoted values may go on over several lines.
        while (true) {
            qsizetype close = -1;
            for (qsizetype i = 0; i < text.size(); ++i) {
                if (quote == u'"' && text[i] == u'\\') {
                    ++i;
                    continue;
                }
                if (text[i] == quote) {
                    close = i;
                    break;
                }
            }
            if (close >= 0) {
                text.truncate(close);
                break;
            }
            if (*lineIndex + 1 >= lines.size())
                break;
            ++*lineIndex;
            parsed.multiLine = true;
            text += u'\n' + lines.at(*lineIndex);
        }
        if (quote == u'"') {
            QString unescaped;
            for (qsizetype i = 0; i < text.size(); ++i) {
                if (text[i] == u'\\' && i + 1 < text.size()) {
                    const QChar next = text[++i];
                    unescaped += next == u'n' ? QChar(u'\n') : next;
                } else {
                    unescaped += text[i];
                }
            }
            text = unescaped;
        }
        parsed.value = text;
        return parsed;
    }
    parsed.start = p;
    QString text = line.mid(p);
    // An unquoted value ends at " #".
    static const QRegularExpression comment(QStringLiteral("\\s+#"));
    const QRegularExpressionMatch match = comment.match(text);
    if (match.hasMatch())
        text.truncate(match.capturedStart());
    parsed.value = text.trimmed();
    return parsed;
}

} // namespace

void readDotEnv(const SettingsFile &file, DiscoveryResult *result)
{
    readDotEnv(file, environmentOfEnvFile(file.path), result);
}

void readDotEnv(const SettingsFile &file, const QString &environment, DiscoveryResult *result)
{
    static const QRegularExpression assignment(QStringLiteral("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*="));
    const QStringList lines = file.text.split(u'\n');
    bool any = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QRegularExpressionMatch match = assignment.match(line);
        if (!match.hasMatch())
            continue;
        const int lineNumber = int(i) + 1;
        const ParsedValue parsed = parseValue(line, match.capturedEnd(), lines, &i);
        detail::FoundSetting setting;
        setting.key = match.captured(1);
        setting.value = parsed.value;
        setting.location = SourceLocation {file.path, lineNumber, int(parsed.start) + 1, 0, 0};
        setting.singleLine = !parsed.multiLine;
        if (detail::addSetting(setting, environment, QStringLiteral("dotenv"), result))
            any = true;
        if (isPasswordKey(setting.key)) {
            const KeyMeaning meaning = classifyKey(setting.key);
            const QString trimmed = parsed.value.trimmed();
            result->secrets.append({setting.key, meaning.environment.isEmpty() ? environment : meaning.environment,
                                    setting.location, !trimmed.isEmpty() && !containsReference(trimmed)});
        }
    }
    if (any)
        result->files << file.path;
}

} // namespace poolproof
