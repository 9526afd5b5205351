#include "suppression.h"

namespace poolproof {

namespace {
constexpr QByteArrayView marker = "poolproof-ignore";

bool isIdChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
} // namespace

bool parseSuppression(QByteArrayView comment, Suppression *out)
{
    const qsizetype at = comment.indexOf(marker);
    if (at < 0)
        return false;
    qsizetype i = at + marker.size();
    // "poolproof-ignore-next" and friends are not this marker.
    if (i < comment.size() && isIdChar(comment[i]))
        return false;
    QStringList ids;
    while (i < comment.size()) {
        while (i < comment.size() && (comment[i] == ' ' || comment[i] == '\t' || comment[i] == ','))
            ++i;
        const qsizetype start = i;
        while (i < comment.size() && isIdChar(comment[i]))
            ++i;
        if (i == start)
            break;
        ids << QString::fromUtf8(comment.sliced(start, i - start)).toUpper();
    }
    QString reason;
    if (i < comment.size() && comment[i] == ':') {
        reason = QString::fromUtf8(comment.sliced(i + 1)).trimmed();
        // Closing markers of block comments are not part of the reason.
        for (const QString &closer : {QStringLiteral("*/"), QStringLiteral("-->"), QStringLiteral("=end")}) {
            if (reason.endsWith(closer))
                reason = reason.chopped(closer.size()).trimmed();
        }
    }
    out->ruleIds = ids;
    out->reason = reason;
    return true;
}

} // namespace poolproof
