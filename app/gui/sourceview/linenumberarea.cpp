#include "linenumberarea.h"

#include "sourceview.h"

namespace poolproof::gui {

LineNumberArea::LineNumberArea(SourceView *view)
    : QWidget(view)
    , m_view(view)
{
}

QSize LineNumberArea::sizeHint() const
{
    return {m_view->lineNumberAreaWidth(), 0};
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_view->paintLineNumbers(event);
}

} // namespace poolproof::gui
