#pragma once

#include <QWidget>

namespace poolproof::gui {

class SourceView;

// The gutter left of a SourceView: line numbers, painted by the view it belongs to.
class LineNumberArea : public QWidget
{
    Q_OBJECT
public:
    explicit LineNumberArea(SourceView *view);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    SourceView *m_view;
};

} // namespace poolproof::gui
