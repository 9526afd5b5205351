#include "sourceview.h"

#include "linenumberarea.h"
#include "sourcefile.h"
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace poolproof::gui {

namespace {
constexpr int gutterPadding = 6;
}

SourceView::SourceView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
    , m_lineNumberArea(new LineNumberArea(this))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAccessibleName(tr("Source"));
    // A viewer: no undo history, which would double the memory a large file takes.
    document()->setUndoRedoEnabled(false);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceView::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceView::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &SourceView::updateExtraSelections);

    applyTheme();
    updateLineNumberAreaWidth();
}

SourceView::~SourceView() = default;

void SourceView::setSource(const QString &fileName, const QString &text)
{
    m_fileName = fileName;
    m_marks.clear();
    KSyntaxHighlighting::Definition definition = syntaxRepository().definitionForFileName(fileName);
    // PoolProof audits PostgreSQL code: read plain .sql files with PostgreSQL's dialect.
    if (definition.name() == u"SQL")
        definition = syntaxRepository().definitionForName(QStringLiteral("SQL (PostgreSQL)"));
    m_highlighter->setDefinition(definition);
    // The highlighter queues re-highlighting of following blocks, holding QTextBlocks of the text
    // shown now. Once that text is replaced they are stale, and running the queued calls would
    // read freed memory: drop them.
    QCoreApplication::removePostedEvents(m_highlighter, QEvent::MetaCall);
    setPlainText(text);
    updateExtraSelections();
    if (!m_highlightingEnabled)
        Q_EMIT definitionChanged(tr("Plain text (highlighting off)"));
    else
        Q_EMIT definitionChanged(definition.isValid() ? definition.translatedName() : tr("Plain text"));
}

bool SourceView::openFile(const QString &path, QString *errorMessage)
{
    const SourceText source = readSourceFile(path);
    if (!source.ok) {
        if (errorMessage)
            *errorMessage = source.error;
        setSource(QString(), QString());
        return false;
    }
    setSource(QFileInfo(path).fileName(), source.text);
    m_fileName = path;
    return true;
}

void SourceView::setHighlightingEnabled(bool enabled)
{
    if (enabled == m_highlightingEnabled)
        return;
    m_highlightingEnabled = enabled;
    // Detached, the highlighter does not even visit the blocks: on a file of many megabytes that
    // visit alone would hold the event loop for seconds.
    m_highlighter->setDocument(enabled ? document() : nullptr);
}

void SourceView::appendSourceText(const QString &text)
{
    // At the end through a separate cursor: the view's own cursor, and so its scroll position,
    // stay where they are while a large file fills in.
    QTextCursor end(document());
    end.movePosition(QTextCursor::End);
    end.insertText(text);
}

KSyntaxHighlighting::Definition SourceView::definition() const
{
    return m_highlighter->definition();
}

void SourceView::setLineMarks(const QList<LineMark> &marks)
{
    m_marks = marks;
    updateExtraSelections();
    viewport()->update();
}

void SourceView::showLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    setTextCursor(cursor);
    // Centre the line rather than leave it at the edge, as analyzer views do.
    centerCursor();
}

int SourceView::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

int SourceView::firstVisibleLine() const
{
    return firstVisibleBlock().blockNumber() + 1;
}

int SourceView::lineNumberAreaWidth() const
{
    const int digits = qMax(3, int(QString::number(qMax(1, blockCount())).size()));
    return 2 * gutterPadding + fontMetrics().horizontalAdvance(u'9') * digits;
}

void SourceView::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), m_gutterColor);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool isCurrent = block.blockNumber() == current;
            painter.setPen(isCurrent ? m_currentLineNumberColor : m_lineNumberColor);
            QFont font = painter.font();
            font.setBold(isCurrent);
            painter.setFont(font);
            painter.drawText(0, top, m_lineNumberArea->width() - gutterPadding, height,
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(block.blockNumber() + 1));
        }
        top += height;
        block = block.next();
    }
}

void SourceView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_lineNumberArea->setGeometry(QRect(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height()));
}

void SourceView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

void SourceView::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    if (m_marks.isEmpty())
        return;
    // Inline annotations after the end of each marked line, like an analyzer's diagnostics.
    QPainter painter(viewport());
    QFont font = painter.font();
    font.setItalic(true);
    painter.setFont(font);
    for (const LineMark &mark : std::as_const(m_marks)) {
        const QTextBlock block = document()->findBlockByNumber(mark.line - 1);
        if (!block.isValid() || !block.isVisible() || mark.annotation.isEmpty())
            continue;
        const QRectF rect = blockBoundingGeometry(block).translated(contentOffset());
        if (rect.bottom() < event->rect().top() || rect.top() > event->rect().bottom())
            continue;
        const qreal textWidth = fontMetrics().horizontalAdvance(block.text()) + document()->documentMargin();
        // rect.left() follows the horizontal scroll position.
        const qreal x = rect.left() + textWidth + 3 * fontMetrics().horizontalAdvance(u' ');
        painter.setPen(mark.color.darker(110));
        painter.drawText(QRectF(x, rect.top(), viewport()->width() - x, rect.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("◀ ") + mark.annotation);
    }
}

void SourceView::applyTheme()
{
    if (m_applyingTheme)
        return;
    m_applyingTheme = true;
    // The theme follows the application's palette (light or dark), not the view's own, which
    // this function overrides with the theme's colours.
    const KSyntaxHighlighting::Theme theme = syntaxRepository().themeForPalette(QGuiApplication::palette());
    m_highlighter->setTheme(theme);
    QPalette pal = QGuiApplication::palette();
    pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
    pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
    setPalette(pal);
    m_lineNumberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers));
    m_currentLineNumberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLineNumber));
    m_gutterColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder));
    m_currentLineColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLine));
    m_themeName = theme.name();
    m_highlighter->rehighlight();
    updateExtraSelections();
    m_applyingTheme = false;
}

void SourceView::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SourceView::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void SourceView::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection currentLine;
    currentLine.format.setBackground(m_currentLineColor);
    currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
    currentLine.cursor = textCursor();
    currentLine.cursor.clearSelection();
    selections.append(currentLine);
    for (const LineMark &mark : std::as_const(m_marks)) {
        const QTextBlock block = document()->findBlockByNumber(mark.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection selection;
        QColor band = mark.color;
        band.setAlpha(60);
        selection.format.setBackground(band);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections.append(selection);
    }
    setExtraSelections(selections);
}

} // namespace poolproof::gui
