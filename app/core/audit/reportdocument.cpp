#include "reportdocument.h"

using namespace Qt::StringLiterals;

namespace poolproof {

ReportBlock ReportBlock::heading(int level, const QString &text)
{
    ReportBlock block;
    block.kind = Kind::Heading;
    block.level = level;
    block.text = text;
    return block;
}

ReportBlock ReportBlock::paragraph(const ReportText &text)
{
    ReportBlock block;
    block.kind = Kind::Paragraph;
    block.text = text;
    return block;
}

ReportBlock ReportBlock::table(const QList<ReportText> &headers, const QList<QList<ReportText>> &rows)
{
    ReportBlock block;
    block.kind = Kind::Table;
    block.headers = headers;
    block.rows = rows;
    return block;
}

ReportBlock ReportBlock::codeBlock(const QString &code, const QString &language)
{
    ReportBlock block;
    block.kind = Kind::CodeBlock;
    block.code = code;
    block.language = language;
    return block;
}

ReportBlock ReportBlock::list(const QList<ReportText> &items)
{
    ReportBlock block;
    block.kind = Kind::List;
    block.items = items;
    return block;
}

namespace {

// Escapes what CommonMark would read as markup in ordinary text.
QString escapeMarkdown(const QString &text, bool inTable)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\\' || c == u'*' || c == u'_' || c == u'`' || c == u'[' || c == u']' || c == u'<' || c == u'>'
            || c == u'#' || c == u'|' || c == u'&')
            out += u'\\';
        if (c == u'\n') {
            out += inTable ? QStringLiteral(" ") : QStringLiteral("\n");
            continue;
        }
        out += c;
    }
    return out;
}

// A code span that survives backticks inside it, and pipes inside tables.
QString markdownCode(QString text, bool inTable)
{
    text.replace(u'\n', u' ');
    if (inTable)
        text.replace(u'|', QStringLiteral("\\|"));
    int longest = 0;
    int run = 0;
    for (const QChar c : std::as_const(text)) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(longest + 1, u'`');
    const bool pad = text.startsWith(u'`') || text.endsWith(u'`') || text.isEmpty();
    return fence + (pad ? QStringLiteral(" ") : QString()) + text + (pad ? QStringLiteral(" ") : QString()) + fence;
}

QString markdownText(const ReportText &text, bool inTable)
{
    QString out;
    for (const ReportText::Span &span : text.spans) {
        QString piece = span.code ? markdownCode(span.text, inTable) : escapeMarkdown(span.text, inTable);
        if (span.strong && !span.code)
            piece = u"**"_s + piece + u"**"_s;
        if (!span.link.isEmpty())
            piece = u'[' + piece + u"](<"_s + QString(span.link).replace(u'>', QStringLiteral("%3E")) + u">)"_s;
        out += piece;
    }
    return out;
}

QString htmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

QString htmlText(const ReportText &text)
{
    QString out;
    for (const ReportText::Span &span : text.spans) {
        QString piece = htmlEscape(span.text);
        if (span.code)
            piece = u"<code>"_s + piece + u"</code>"_s;
        if (span.strong)
            piece = u"<strong>"_s + piece + u"</strong>"_s;
        if (!span.link.isEmpty())
            piece = u"<a href=\""_s + htmlEscape(span.link) + u"\">"_s + piece + u"</a>"_s;
        out += piece;
    }
    return out;
}

} // namespace

QString renderMarkdown(const ReportSection &blocks)
{
    QStringList parts;
    for (const ReportBlock &block : blocks) {
        switch (block.kind) {
        case ReportBlock::Kind::Heading:
            parts << QString(std::clamp(block.level, 1, 6), u'#') + u' ' + markdownText(block.text, false);
            break;
        case ReportBlock::Kind::Paragraph: parts << markdownText(block.text, false); break;
        case ReportBlock::Kind::Table: {
            QStringList lines;
            QStringList header;
            for (const ReportText &cell : block.headers)
                header << markdownText(cell, true);
            lines << u"| "_s + header.join(u" | "_s) + u" |"_s;
            lines << u"|"_s + QStringList(header.size(), u" --- "_s).join(u'|') + u"|"_s;
            for (const QList<ReportText> &row : block.rows) {
                QStringList cells;
                for (qsizetype i = 0; i < block.headers.size(); ++i) {
                    const QString cell = i < row.size() ? markdownText(row.at(i), true) : QString();
                    cells << (cell.isEmpty() ? u" "_s : cell);
                }
                lines << u"| "_s + cells.join(u" | "_s) + u" |"_s;
            }
            parts << lines.join(u'\n');
            break;
        }
        case ReportBlock::Kind::CodeBlock: {
            int longest = 2;
            for (const QString &line : block.code.split(u'\n')) {
                int run = 0;
                while (run < line.size() && line.at(run) == u'`')
                    ++run;
                longest = std::max(longest, run);
            }
            const QString fence(longest + 1, u'`');
            parts << fence + block.language + u'\n' + block.code + (block.code.endsWith(u'\n') ? QString() : u"\n"_s)
                    + fence;
            break;
        }
        case ReportBlock::Kind::List: {
            QStringList lines;
            for (const ReportText &item : block.items)
                lines << u"- "_s + markdownText(item, true);
            parts << lines.join(u'\n');
            break;
        }
        }
    }
    return parts.join(u"\n\n"_s) + u'\n';
}

QString renderHtml(const ReportSection &blocks)
{
    QString out;
    for (const ReportBlock &block : blocks) {
        switch (block.kind) {
        case ReportBlock::Kind::Heading: {
            const QString tag = u'h' + QString::number(std::clamp(block.level, 1, 6));
            out += u'<' + tag + u'>' + htmlText(block.text) + u"</"_s + tag + u">\n"_s;
            break;
        }
        case ReportBlock::Kind::Paragraph: out += u"<p>"_s + htmlText(block.text) + u"</p>\n"_s; break;
        case ReportBlock::Kind::Table:
            out += u"<table>\n<thead><tr>"_s;
            for (const ReportText &cell : block.headers)
                out += u"<th>"_s + htmlText(cell) + u"</th>"_s;
            out += u"</tr></thead>\n<tbody>\n"_s;
            for (const QList<ReportText> &row : block.rows) {
                out += u"<tr>"_s;
                for (const ReportText &cell : row)
                    out += u"<td>"_s + htmlText(cell) + u"</td>"_s;
                out += u"</tr>\n"_s;
            }
            out += u"</tbody>\n</table>\n"_s;
            break;
        case ReportBlock::Kind::CodeBlock:
            out += u"<pre><code>"_s + htmlEscape(block.code) + u"</code></pre>\n"_s;
            break;
        case ReportBlock::Kind::List:
            out += u"<ul>\n"_s;
            for (const ReportText &item : block.items)
                out += u"<li>"_s + htmlText(item) + u"</li>\n"_s;
            out += u"</ul>\n"_s;
            break;
        }
    }
    return out;
}

} // namespace poolproof
