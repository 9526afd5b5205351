#pragma once

#include "linemark.h"

#include <QList>
#include <QPlainTextEdit>

#include <KSyntaxHighlighting/Definition>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace poolproof::gui {

class LineNumberArea;

// A read-only source view: highlighted by KSyntaxHighlighting with a theme that follows the
// palette, line numbers in a gutter, and marked lines with inline annotations.
class SourceView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SourceView(QWidget *parent = nullptr);
    ~SourceView() override;

    // Shows text; the syntax definition is chosen from the file name.
    void setSource(const QString &fileName, const QString &text);
    // Reads and shows a file; returns false and leaves the view empty when it cannot be read.
    bool openFile(const QString &path, QString *errorMessage = nullptr);

    // Off: the text stays plain (for very large files). Takes effect with the next setSource().
    void setHighlightingEnabled(bool enabled);
    bool isHighlightingEnabled() const { return m_highlightingEnabled; }
    // Adds text at the end without moving the view, for filling in a large file piece by piece.
    void appendSourceText(const QString &text);

    QString fileName() const { return m_fileName; }
    KSyntaxHighlighting::Definition definition() const;

    void setLineMarks(const QList<LineMark> &marks);
    QList<LineMark> lineMarks() const { return m_marks; }
    // Scrolls the line into the middle of the view and puts the cursor on it.
    void showLine(int line);
    int currentLine() const;
    // 1-based number of the first line shown at the top of the view.
    int firstVisibleLine() const;
    QString themeName() const { return m_themeName; }

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

Q_SIGNALS:
    void definitionChanged(const QString &name);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyTheme();
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateExtraSelections();

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    LineNumberArea *m_lineNumberArea;
    QString m_fileName;
    QList<LineMark> m_marks;
    QColor m_lineNumberColor;
    QColor m_currentLineNumberColor;
    QColor m_gutterColor;
    QColor m_currentLineColor;
    QString m_themeName;
    bool m_applyingTheme = false;
    bool m_highlightingEnabled = true;
};

} // namespace poolproof::gui
