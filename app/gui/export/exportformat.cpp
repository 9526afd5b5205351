#include "exportformat.h"

#include "audit/auditjson.h"
#include "audit/databasereport.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace poolproof::gui {

namespace {
class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::ExportFormat)
};
} // namespace

QList<ExportFormatInfo> exportFormats()
{
    return {
        {ExportFormat::Markdown, QStringLiteral("markdown"), QStringLiteral("DATABASE.md"),
         Texts::tr("Markdown (*.md)"), Texts::tr("Export &Markdown…")},
        {ExportFormat::Json, QStringLiteral("json"), QStringLiteral("poolproof-audit.json"), Texts::tr("JSON (*.json)"),
         Texts::tr("Export &JSON…")},
        {ExportFormat::Sarif, QStringLiteral("sarif"), QStringLiteral("poolproof.sarif"),
         Texts::tr("SARIF (*.sarif *.sarif.json)"), Texts::tr("Export &SARIF…")},
        {ExportFormat::Html, QStringLiteral("html"), QStringLiteral("DATABASE.html"), Texts::tr("HTML (*.html *.htm)"),
         Texts::tr("Export &HTML…")},
    };
}

ExportFormatInfo exportFormatInfo(ExportFormat format)
{
    const QList<ExportFormatInfo> formats = exportFormats();
    for (const ExportFormatInfo &info : formats) {
        if (info.format == format)
            return info;
    }
    return formats.constFirst();
}

QString renderDatabaseMarkdownOf(const AuditResult &audit)
{
    return renderDatabaseMarkdown(DatabaseReport::build(audit), defaultDatabaseTemplate());
}

QByteArray renderExport(const AuditResult &audit, ExportFormat format)
{
    switch (format) {
    case ExportFormat::Markdown: return renderDatabaseMarkdownOf(audit).toUtf8();
    case ExportFormat::Json: return QJsonDocument(auditToJson(audit)).toJson(QJsonDocument::Indented);
    case ExportFormat::Sarif: return QJsonDocument(auditToSarif(audit)).toJson(QJsonDocument::Indented);
    case ExportFormat::Html: return renderDatabaseHtml(DatabaseReport::build(audit)).toUtf8();
    }
    return {};
}

} // namespace poolproof::gui
