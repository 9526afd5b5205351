#include "scanresult.h"

#include "sha256.h"

#include <QHash>

#include <algorithm>

namespace poolproof {

int ScanResult::count(Severity severity, bool includeSuppressed) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(), [&](const Finding &f) {
        return f.severity == severity && (includeSuppressed || !f.suppressed);
    }));
}

int ScanResult::suppressedCount() const
{
    return int(std::count_if(findings.cbegin(), findings.cend(), [](const Finding &f) { return f.suppressed; }));
}

std::optional<Severity> ScanResult::worst() const
{
    std::optional<Severity> worst;
    for (const Finding &finding : findings) {
        if (!finding.suppressed && (!worst || finding.severity > *worst))
            worst = finding.severity;
    }
    return worst;
}

namespace {

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

// text.toUtf8() appended, without a temporary for the ASCII text nearly every key is.
void appendUtf8(QByteArray &out, QStringView text)
{
    if (!isAscii(text)) {
        out += text.toUtf8();
        return;
    }
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *p = out.data() + at;
    for (const QChar c : text)
        *p++ = char(c.unicode());
}

// text.simplified().toUtf8() appended: whitespace trimmed at both ends and each run inside made
// one space. ASCII whitespace is what QChar::isSpace() says for ASCII.
void appendSimplifiedUtf8(QByteArray &out, QStringView text)
{
    if (!isAscii(text)) {
        out += text.toString().simplified().toUtf8();
        return;
    }
    const auto isSpace = [](char16_t c) { return c == u' ' || (c >= u'\t' && c <= u'\r'); };
    // Written through a pointer into room made once: the result is never longer than text.
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *const begin = out.data() + at;
    char *p = begin;
    bool pendingSpace = false;
    bool any = false;
    for (const QChar c : text) {
        if (isSpace(c.unicode())) {
            pendingSpace = any;
            continue;
        }
        if (pendingSpace)
            *p++ = ' ';
        pendingSpace = false;
        any = true;
        *p++ = char(c.unicode());
    }
    out.resize(at + (p - begin));
}

// The first bytes of digest in lower-case hex, as toHex().left(2 * bytes) writes them.
QString hexPrefix(const QByteArray &digest, qsizetype bytes)
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    QString hex(2 * bytes, Qt::Uninitialized);
    char16_t *p = reinterpret_cast<char16_t *>(hex.data());
    for (qsizetype i = 0; i < bytes; ++i) {
        const auto byte = uchar(digest[i]);
        *p++ = digits[byte >> 4];
        *p++ = digits[byte & 0xf];
    }
    return hex;
}

} // namespace

void finalizeFindings(QList<Finding> &findings)
{
    // By path, line, column, rule, environment. Each text is compared once, three-way, and the
    // findings of one file share one path string, which then needs no comparing at all.
    const auto compareTexts = [](const QString &a, const QString &b) {
        return a.constData() == b.constData() && a.size() == b.size() ? 0 : a.compare(b);
    };
    const auto before = [&compareTexts](const Finding &a, const Finding &b) {
        if (const int byPath = compareTexts(a.location.path, b.location.path))
            return byPath < 0;
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        if (a.location.column != b.location.column)
            return a.location.column < b.location.column;
        if (const int byRule = compareTexts(a.ruleId, b.ruleId))
            return byRule < 0;
        return compareTexts(a.environment, b.environment) < 0;
    };
    // A scan hands its findings over in order, file by file, with a few more (the driver rules')
    // at the end: only that tail needs sorting, then one merge.
    const auto sortedEnd = std::is_sorted_until(findings.begin(), findings.end(), before);
    if (sortedEnd != findings.end()) {
        std::sort(sortedEnd, findings.end(), before);
        std::inplace_merge(findings.begin(), sortedEnd, findings.end(), before);
    }
    QHash<QByteArray, int> seen;
    QByteArray key;
    for (Finding &finding : findings) {
        if (!finding.fingerprint.isEmpty())
            continue;
        // Rule, path, the snippet with its whitespace simplified, subject and environment, with
        // the ordinal among findings that agree on all of them. Baselines keep these digests:
        // the bytes hashed must never change.
        key.resize(0);
        appendUtf8(key, finding.ruleId);
        key += '\x1f';
        appendUtf8(key, finding.location.path);
        key += '\x1f';
        appendSimplifiedUtf8(key, finding.snippet);
        key += '\x1f';
        appendUtf8(key, finding.subject);
        key += '\x1f';
        appendUtf8(key, finding.environment);
        const int ordinal = seen[key]++;
        key += '\x1f';
        key += QByteArray::number(ordinal);
        finding.fingerprint = hexPrefix(sha256(key), 16);
    }
}

} // namespace poolproof
