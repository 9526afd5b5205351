#include "findingmarks.h"

#include "findings/severitystyle.h"

#include <QMap>
#include <QPalette>

namespace poolproof::gui {

QList<LineMark> lineMarksForFile(const QList<Finding> &findings, const QString &path, const QPalette &palette)
{
    struct Line {
        int worst = -1; // unsuppressed severity
        QStringList notes;
    };
    QMap<int, Line> lines; // ordered by line number
    for (const Finding &finding : findings) {
        if (finding.location.path != path)
            continue;
        Line &line = lines[finding.location.line];
        if (!finding.suppressed)
            line.worst = qMax(line.worst, int(finding.severity));
        line.notes.append(finding.ruleId + u": " + finding.message);
    }
    QList<LineMark> marks;
    marks.reserve(lines.size());
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        const QColor color = it->worst < 0 ? palette.color(QPalette::Disabled, QPalette::Text)
                                           : SeverityStyle::color(Severity(it->worst), palette);
        marks.append(LineMark {it.key(), color, it->notes.join(QStringLiteral("  ·  "))});
    }
    return marks;
}

} // namespace poolproof::gui
