#pragma once

#include "audit.h"
#include "reportdocument.h"

#include <QHash>

namespace poolproof {

// The sections of the audit report, keyed by the placeholder that stands for them in a template
// ("architecture", "environments", ...), plus the inline values ("project", "date", ...).
struct DatabaseReport {
    QHash<QString, QString> values;
    QHash<QString, ReportSection> sections;
    QStringList sectionOrder; // the built-in order, for the HTML rendering

    static DatabaseReport build(const AuditResult &audit);
};

// The built-in template (resources/templates/DATABASE.md).
QString defaultDatabaseTemplate();

// Fills a Markdown template: "{{name}}" is replaced by a value; a line holding only "{{section}}"
// by that section's Markdown. Unknown placeholders are left as they are and reported.
QString renderDatabaseMarkdown(const DatabaseReport &report, const QString &templateText,
                               QStringList *unknown = nullptr);

// A self-contained HTML page of the same report (inline CSS, no external resources).
QString renderDatabaseHtml(const DatabaseReport &report);

} // namespace poolproof
