#include "noticebar.h"

#include "findings/severitystyle.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace poolproof::gui {

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(SeverityStyle::icon(Severity::Info).pixmap(iconSize, iconSize));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("noticeCloseButton"));
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close this notice"));
    close->setAccessibleName(tr("Close this notice"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(close);
    applyColors();
    hide();
}

void NoticeBar::showNotice(const QString &text)
{
    m_text->setText(text);
    setAccessibleName(text);
    show();
}

QString NoticeBar::text() const
{
    return m_text->text();
}

void NoticeBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyColors();
}

void NoticeBar::applyColors()
{
    // A pale tint of the info colour over the window colour, readable in light and dark palettes.
    QPalette pal = QGuiApplication::palette();
    const QColor window = pal.color(QPalette::Window);
    const QColor info = SeverityStyle::color(Severity::Info, pal);
    const QColor tint
        = QColor::fromRgbF(window.redF() * 0.85f + info.redF() * 0.15f, window.greenF() * 0.85f + info.greenF() * 0.15f,
                           window.blueF() * 0.85f + info.blueF() * 0.15f);
    pal.setColor(QPalette::Window, tint);
    setPalette(pal);
}

} // namespace poolproof::gui
