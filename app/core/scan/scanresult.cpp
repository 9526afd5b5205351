#include "scanresult.h"

#include <QCryptographicHash>
#include <QHash>

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
    std::sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return std::tie(a.location.path, a.location.line, a.location.column, a.ruleId, a.environment)
            < std::tie(b.location.path, b.location.line, b.location.column, b.ruleId, b.environment);
    });
    QHash<QByteArray, int> seen;
    for (Finding &finding : findings) {
        if (!finding.fingerprint.isEmpty())
            continue;
        const QString normalized = finding.snippet.simplified();
        QByteArray key = finding.ruleId.toUtf8() + '\x1f' + finding.location.path.toUtf8() + '\x1f'
            + normalized.toUtf8() + '\x1f' + finding.subject.toUtf8() + '\x1f' + finding.environment.toUtf8();
        const int ordinal = seen[key]++;
        key += '\x1f' + QByteArray::number(ordinal);
        finding.fingerprint = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32));
    }
}

} // namespace poolproof
