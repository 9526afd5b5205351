#pragma once

#include "audit/audit.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace poolproof::gui {

// The files the Export page writes, the same as `poolproof-cli audit` writes.
enum class ExportFormat { Markdown, Json, Sarif, Html };

struct ExportFormatInfo {
    ExportFormat format;
    QString id; // "markdown", "json", "sarif", "html"
    QString fileName; // the suggested name: DATABASE.md, poolproof.json, ...
    QString dialogFilter; // translated, for QFileDialog
    QString buttonText; // translated, with a mnemonic
};

QList<ExportFormatInfo> exportFormats();
ExportFormatInfo exportFormatInfo(ExportFormat format);

// The bytes of one export of the audit. Passwords are masked by core in every format.
QByteArray renderExport(const poolproof::AuditResult &audit, ExportFormat format);

// DATABASE.md from the built-in template: what the preview shows and the Markdown export writes.
QString renderDatabaseMarkdownOf(const poolproof::AuditResult &audit);

} // namespace poolproof::gui
