#include "scanjson.h"

#include "chunkedwrite.h"
#include "drivers/driversjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace poolproof {

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject object {
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
    return QJsonObject {{QStringLiteral("kind"), scanNoteKindId(note.kind)},
                        {QStringLiteral("path"), note.path},
                        {QStringLiteral("message"), note.message}};
}

// Everything but the findings and notes.
QJsonObject scanHeader(const ScanResult &result, const QString &toolVersion);

// The findings' JSON, written by hand: serialising tens of thousands of small QJsonObjects costs
// far more than the scan itself. Bytes go through a cursor into room made in advance (which
// QByteArray::resize() leaves uninitialised), so that each small write is a store, not a call.
class JsonBytes
{
public:
    // reuse: a buffer whose memory may serve again (its bytes do not matter).
    explicit JsonBytes(qsizetype expected, QByteArray &&reuse = {})
        : m_bytes(std::move(reuse))
    {
        m_bytes.resize(std::max<qsizetype>({expected, m_bytes.capacity(), 64}));
        m_at = m_bytes.data();
        m_end = m_at + m_bytes.size();
    }

    template<qsizetype N> void literal(const char (&text)[N])
    {
        char *p = room(N - 1);
        std::memcpy(p, text, N - 1);
        m_at = p + N - 1;
    }

    void string(QStringView text);

    void number(int value)
    {
        char *p = room(16);
        m_at = std::to_chars(p, p + 16, value).ptr;
    }

    QByteArray take()
    {
        m_bytes.truncate(m_at - m_bytes.constData());
        return std::move(m_bytes);
    }

private:
    char *room(qsizetype count)
    {
        if (m_end - m_at < count) {
            const qsizetype used = m_at - m_bytes.constData();
            m_bytes.resize(std::max(m_bytes.size() * 2, used + count));
            m_at = m_bytes.data() + used;
            m_end = m_bytes.data() + m_bytes.size();
        }
        return m_at;
    }

    QByteArray m_bytes;
    char *m_at = nullptr;
    char *m_end = nullptr;
};

#if defined(__SSE2__)
// Whether all eight UTF-16 units are printable ASCII other than '"' and '\\'.
inline bool isPlainAscii(__m128i units)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i ascii = _mm_cmpeq_epi16(_mm_and_si128(units, _mm_set1_epi16(short(0xff80))), zero);
    const __m128i printable = _mm_cmpgt_epi16(units, _mm_set1_epi16(0x1f)); // signed: right for ASCII
    const __m128i special
        = _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')), _mm_cmpeq_epi16(units, _mm_set1_epi16('\\')));
    return _mm_movemask_epi8(_mm_andnot_si128(special, _mm_and_si128(ascii, printable))) == 0xffff;
}
#endif

// A string literal: at most six bytes per UTF-16 unit ("\u001f").
void JsonBytes::string(QStringView text)
{
    char *p = room(2 + text.size() * 6);
    const auto writeAscii = [&p](char c) {
        if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = c;
        } else if (static_cast<unsigned char>(c) >= 0x20) {
            *p++ = c;
        } else {
            *p++ = '\\';
            switch (c) {
            case '\n': *p++ = 'n'; break;
            case '\r': *p++ = 'r'; break;
            case '\t': *p++ = 't'; break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = "0123456789abcdef"[c >> 4];
                *p++ = "0123456789abcdef"[c & 0xf];
            }
        }
    };
    *p++ = '"';
    const char16_t *units = text.utf16();
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
#if defined(__SSE2__)
        // Eight units at a time while they need neither an escape nor more than one byte.
        while (i + 8 <= text.size()) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + i));
            if (!isPlainAscii(block))
                break;
            _mm_storel_epi64(reinterpret_cast<__m128i *>(p), _mm_packus_epi16(block, block));
            p += 8;
            i += 8;
        }
        if (i == text.size())
            break;
#endif
        const char16_t c = units[i];
        if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\') {
            *p++ = char(c); // most of every text
        } else if (c < 0x80) {
            writeAscii(char(c));
        } else if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isSurrogate(c)) {
            break; // pairs and strays: QString::toUtf8() below decides, as it does everywhere else
        } else {
            *p++ = char(0xe0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
            *p++ = char(0x80 | (c & 0x3f));
        }
    }
    if (i < text.size()) {
        // Rare in code: the rest of this text goes through UTF-8 byte by byte, where only ASCII
        // may need an escape. It never needs more room than was made.
        const QByteArray utf8 = text.sliced(i).toUtf8();
        for (const char byte : utf8) {
            if (static_cast<unsigned char>(byte) < 0x80)
                writeAscii(byte);
            else
                *p++ = byte;
        }
    }
    *p++ = '"';
    m_at = p;
}

void appendFindingJson(JsonBytes &out, const Finding &finding)
{
    out.literal("{\"ruleId\":");
    out.string(finding.ruleId);
    out.literal(",\"severity\":");
    out.string(severityId(finding.severity));
    out.literal(",\"confidence\":");
    out.string(confidenceId(finding.confidence));
    out.literal(",\"path\":");
    out.string(finding.location.path);
    out.literal(",\"line\":");
    out.number(finding.location.line);
    out.literal(",\"column\":");
    out.number(finding.location.column);
    out.literal(",\"message\":");
    out.string(finding.message);
    out.literal(",\"fix\":");
    out.string(finding.fix);
    out.literal(",\"snippet\":");
    out.string(finding.snippet);
    out.literal(",\"fingerprint\":");
    out.string(finding.fingerprint);
    if (finding.suppressed)
        out.literal(",\"suppressed\":true");
    else
        out.literal(",\"suppressed\":false");
    if (!finding.subject.isEmpty()) {
        out.literal(",\"subject\":");
        out.string(finding.subject);
    }
    if (!finding.environment.isEmpty()) {
        out.literal(",\"environment\":");
        out.string(finding.environment);
    }
    if (finding.suppressed) {
        out.literal(",\"suppressionReason\":");
        out.string(finding.suppressionReason);
    }
    out.literal("}");
}

} // namespace

QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion)
{
    QJsonArray findings;
    for (const Finding &finding : result.findings)
        findings.append(findingToJson(finding));
    return scanResultToJson(result, toolVersion, findings);
}

QJsonObject scanResultToJson(const ScanResult &result, const QString &toolVersion, const QJsonArray &findings)
{
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
    QByteArray out;
    out.reserve(1024 + result.findings.size() * 640);
    writeScanResultJson(result, toolVersion, [&out](QByteArrayView part) {
        out += part;
        return true;
    });
    return out;
}

bool writeScanResultJson(const ScanResult &result, const QString &toolVersion,
                         const std::function<bool(QByteArrayView)> &write)
{
    QByteArray head = QJsonDocument(scanHeader(result, toolVersion)).toJson(QJsonDocument::Compact);
    head.chop(1); // the closing brace: the lists follow
    head += ",\n\"findings\": [";
    if (!write(head))
        return false;
    // The bytes are the same as one pass over the findings.
    const auto render = [&result](qsizetype begin, qsizetype end, QByteArray &out) {
        JsonBytes part((end - begin) * 640, std::move(out));
        for (qsizetype i = begin; i < end; ++i) {
            if (i == 0)
                part.literal("\n  ");
            else
                part.literal(",\n  ");
            appendFindingJson(part, result.findings.at(i));
        }
        out = part.take();
    };
    if (!writeInChunks(result.findings.size(), 1024, render, write))
        return false;
    QByteArray tail = "\n],\n\"notes\": [";
    for (qsizetype i = 0; i < result.notes.size(); ++i) {
        tail += i == 0 ? "\n  " : ",\n  ";
        tail += QJsonDocument(noteToJson(result.notes.at(i))).toJson(QJsonDocument::Compact);
    }
    tail += "\n]\n}\n";
    return write(tail);
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
    const QJsonObject summary {
        {QStringLiteral("error"), result.count(Severity::Error)},
        {QStringLiteral("warning"), result.count(Severity::Warning)},
        {QStringLiteral("info"), result.count(Severity::Info)},
        {QStringLiteral("suppressed"), result.suppressedCount()},
        {QStringLiteral("filesListed"), result.filesListed},
        {QStringLiteral("filesScanned"), result.filesScanned},
        {QStringLiteral("bytesScanned"), double(result.bytesScanned)},
    };
    return QJsonObject {
        {QStringLiteral("tool"),
         QJsonObject {{QStringLiteral("name"), QStringLiteral("PoolProof")}, {QStringLiteral("version"), toolVersion}}},
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
