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
    for (Finding &finding : findings) {
        if (!finding.fingerprint.isEmpty())
            continue;
        const QString normalized = finding.snippet.simplified();
        QByteArray key = finding.ruleId.toUtf8() + '\x1f' + finding.location.path.toUtf8() + '\x1f'
            + normalized.toUtf8() + '\x1f' + finding.subject.toUtf8() + '\x1f' + finding.environment.toUtf8();
        const int ordinal = seen[key]++;
        key += '\x1f' + QByteArray::number(ordinal);
        finding.fingerprint = QString::fromLatin1(sha256(key).toHex().left(32));
    }
}

} // namespace poolproof
