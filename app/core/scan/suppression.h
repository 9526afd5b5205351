#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace poolproof {

// A "poolproof-ignore PB101[, PB120]: reason" comment. It covers the line it ends on and the
// line below it, so it can stand at the end of the offending line or on its own line above.
struct Suppression {
    QStringList ruleIds;
    QString reason; // empty when none was given: that is itself a finding
    int line = 0; // the comment's last line
    int column = 0;
    int commentLine = 0; // where the marker itself is

    bool covers(const QString &ruleId, int findingLine) const
    {
        return ruleIds.contains(ruleId) && (findingLine == line || findingLine == line + 1);
    }
};

// Reads the suppressions out of one comment's text. Returns false when the comment has none.
bool parseSuppression(QByteArrayView comment, Suppression *out);

} // namespace poolproof
