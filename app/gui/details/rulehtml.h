#pragma once

#include "rules/rule.h"
#include "scan/finding.h"

#include <QString>

class QPalette;

namespace poolproof::gui {

// The URL under which the details pane registers a severity's icon for <img> tags.
QString severityImageUrl(poolproof::Severity severity);

// The details of a rule as rich text for QTextBrowser: title, grade on the chosen profile, the
// finding itself when there is one, why it breaks, the safe replacement, examples, the error
// messages users see, references, and the grade on every pooler profile.
QString ruleDetailsHtml(const poolproof::Rule &rule, const poolproof::Finding *finding, const QString &profileId,
                        const QPalette &palette);

} // namespace poolproof::gui
