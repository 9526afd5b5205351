#include "scanjson.h"

#include "drivers/driversjson.h"

#include <QJsonArray>

#include <charconv>
#include <cstdio>
#include <string>
#include <QJsonDocument>

namespace poolproof {

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject object{
        {QStringLiteral("ruleId"), finding.ruleId},
        {QStringLiteral("severity"), severityId(finding.severity)},
        {QStringLiteral("confidence"), confidenceId(finding.confidence)},
        {QStringLiteral("path"), finding.location.path},
        {QStringLiteral("line"), finding.location.line},
        {QStringLiteral("column"), finding.location.column},
        {QStringLiteral("message"), finding.message},
        {QStringLiteral("fix"), finding.fix},
        {QStringLiteral("snippet"), finding.snippet},
        {QStringLiteral("fingerprint"), finding.fingerprint},
        {QStringLiteral("suppressed"), finding.suppressed},
    };
    if (!finding.subject.isEmpty())
        object.insert(QStringLiteral("subject"), finding.subject);
    if (!finding.environment.isEmpty())
        object.insert(QStringLiteral("environment"), finding.environment);
    if (finding.suppressed)
        object.insert(QStringLiteral("suppressionReason"), finding.suppressionReason);
    return object;
}

namespace {

QJsonObject noteToJson(const ScanNote &note)
{
    return QJsonObject{{QStringLiteral("kind"), scanNoteKindId(note.kind)},
                       {QStringLiteral("path"), note.path},
                       {QStringLiteral("message"), note.message}};
}

// Everything but the findings and notes.
QJsonObject scanHeader(const ScanResult &result, const QString &toolVersion);

// A JSON string literal, written by hand: serialising tens of thousands of small QJsonObjects
// costs far more than the scan itself. The findings go into a std::string, whose small appends
// are inline.
void appendJsonString(std::string &out, QStringView text)
{
    out += '"';
    // Printable ASCII needs no escape and is copied as it is; the rest goes through UTF-8.
    qsizetype plain = 0;
    while (plain < text.size()) {
        const char16_t c = text[plain].unicode();
        if (c < 0x20 || c >= 0x80 || c == u'"' || c == u'\\')
            break;
        ++plain;
    }
    const size_t at = out.size();
    out.resize(at + size_t(plain));
    for (qsizetype i = 0; i < plain; ++i)
        out[at + size_t(i)] = char(text[i].unicode());
    if (plain < text.size()) {
        const QByteArray utf8 = text.sliced(plain).toUtf8();
        for (const char byte : utf8) {
            const auto c = static_cast<unsigned char>(byte);
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", c);
                    out += escape;
                } else {
                    out += byte;
                }
            }
        }
    }
    out += '"';
}

void appendField(std::string &out, const char *key, const QString &value, bool first = false)
{
    if (!first)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
    appendJsonString(out, value);
}

void appendNumberField(std::string &out, const char *key, int value)
{
    out += ",\"";
    out += key;
    out += "\":";
    char digits[16];
    const std::to_chars_result written = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, size_t(written.ptr - digits));
}

void appendFindingJson(std::string &out, const Finding &finding)
{
    appendField(out, "ruleId", finding.ruleId, true);
    appendField(out, "severity", severityId(finding.severity));
    appendField(out, "confidence", confidenceId(finding.confidence));
    appendField(out, "path", finding.location.path);
    appendNumberField(out, "line", finding.location.line);
    appendNumberField(out, "column", finding.location.column);
    appendField(out, "message", finding.message);
    appendField(out, "fix", finding.fix);
    appendField(out, "snippet", finding.snippet);
    appendField(out, "fingerprint", finding.fingerprint);
    out += finding.suppressed ? ",\"suppressed\":true" : ",\"suppressed\":false";
    if (!finding.subject.isEmpty())
        appendField(out, "subject", finding.subject);
    if (!finding.environment.isEmpty())
        appendField(out, "environment", finding.environment);
    if (finding.suppressed)
        appendField(out, "suppressionReason", finding.suppressionReason);
}

} // namespace

QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion)
{
    QJsonArray findings;
    for (const Finding &finding : result.findings)
        findings.append(findingToJson(finding));
    QJsonArray notes;
    for (const ScanNote &note : result.notes)
        notes.append(noteToJson(note));
    QJsonObject object = scanHeader(result, toolVersion);
    object.insert(QStringLiteral("findings"), findings);
    object.insert(QStringLiteral("notes"), notes);
    return object;
}

QByteArray scanResultToJsonBytes(const ScanResult &result, const QString &toolVersion)
{
    QByteArray out = QJsonDocument(scanHeader(result, toolVersion)).toJson(QJsonDocument::Compact);
    out.chop(1); // the closing brace: the lists follow
    out += ",\n\"findings\": [";
    std::string findings;
    findings.reserve(size_t(result.findings.size()) * 640);
    for (qsizetype i = 0; i < result.findings.size(); ++i) {
        findings += i == 0 ? "\n  {" : ",\n  {";
        appendFindingJson(findings, result.findings.at(i));
        findings += '}';
    }
    out.append(QByteArrayView(findings.data(), qsizetype(findings.size())));
    out += "\n],\n\"notes\": [";
    for (qsizetype i = 0; i < result.notes.size(); ++i) {
        out += i == 0 ? "\n  " : ",\n  ";
        out += QJsonDocument(noteToJson(result.notes.at(i))).toJson(QJsonDocument::Compact);
    }
    out += "\n]\n}\n";
    return out;
}

namespace {

QJsonObject scanHeader(const ScanResult &result, const QString &toolVersion)
{
    QJsonObject dependencies;
    const QHash<QString, QSet<QString>> packages = result.dependencies.packages();
    for (auto it = packages.constBegin(); it != packages.constEnd(); ++it) {
        QStringList names = it.value().values();
        names.sort();
        dependencies.insert(it.key(), QJsonArray::fromStringList(names));
    }
    const QJsonObject summary{
        {QStringLiteral("error"), result.count(Severity::Error)},
        {QStringLiteral("warning"), result.count(Severity::Warning)},
        {QStringLiteral("info"), result.count(Severity::Info)},
        {QStringLiteral("suppressed"), result.suppressedCount()},
        {QStringLiteral("filesListed"), result.filesListed},
        {QStringLiteral("filesScanned"), result.filesScanned},
        {QStringLiteral("bytesScanned"), double(result.bytesScanned)},
    };
    return QJsonObject{
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("name"), QStringLiteral("PoolProof")},
                                             {QStringLiteral("version"), toolVersion}}},
        {QStringLiteral("schemaVersion"), 1},
        {QStringLiteral("root"), result.root},
        {QStringLiteral("pooler"), result.profileId},
        {QStringLiteral("cancelled"), result.cancelled},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("dependencies"), dependencies},
        {QStringLiteral("clients"), clientsToJson(result.clients)},
        {QStringLiteral("poolSettings"), poolSettingsToJson(result.poolSettings)},
    };
}

} // namespace

} // namespace poolproof
