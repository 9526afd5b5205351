#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// A small document model between the audit data and its renderings (Markdown, HTML), so that
// both say the same thing in the same order.
struct ReportText {
    struct Span {
        QString text;
        bool code = false;
        bool strong = false;
        QString link; // target URL when the span is a link
    };
    QList<Span> spans;

    ReportText() = default;
    ReportText(const QString &plain) { spans.append({plain, false, false, {}}); } // NOLINT: implicit on purpose
    static ReportText code(const QString &text)
    {
        ReportText t;
        t.spans.append({text, true, false, {}});
        return t;
    }
    static ReportText strong(const QString &text)
    {
        ReportText t;
        t.spans.append({text, false, true, {}});
        return t;
    }
    ReportText &plain(const QString &text)
    {
        spans.append({text, false, false, {}});
        return *this;
    }
    ReportText &withCode(const QString &text)
    {
        spans.append({text, true, false, {}});
        return *this;
    }
    ReportText &withStrong(const QString &text)
    {
        spans.append({text, false, true, {}});
        return *this;
    }
    ReportText &withLink(const QString &text, const QString &url)
    {
        spans.append({text, false, false, url});
        return *this;
    }
    bool isEmpty() const { return spans.isEmpty(); }
};

struct ReportBlock {
    enum class Kind { Heading, Paragraph, Table, CodeBlock, List };
    Kind kind = Kind::Paragraph;
    int level = 2; // headings
    ReportText text; // heading, paragraph
    QList<ReportText> headers; // table
    QList<QList<ReportText>> rows; // table
    QList<ReportText> items; // list
    QString code; // code block
    QString language; // code block info string

    static ReportBlock heading(int level, const QString &text);
    static ReportBlock paragraph(const ReportText &text);
    static ReportBlock table(const QList<ReportText> &headers, const QList<QList<ReportText>> &rows);
    static ReportBlock codeBlock(const QString &code, const QString &language = QString());
    static ReportBlock list(const QList<ReportText> &items);
};

using ReportSection = QList<ReportBlock>;

QString renderMarkdown(const ReportSection &blocks);
QString renderHtml(const ReportSection &blocks);

} // namespace poolproof
