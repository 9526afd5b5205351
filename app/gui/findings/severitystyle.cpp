#include "severitystyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace poolproof::gui::SeverityStyle {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::SeverityStyle)
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor baseColor(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Warning: return QColor(0xe0, 0x8e, 0x00);
    case Severity::Info: return QColor(0x1e, 0x78, 0xd2);
    case Severity::Ok: return QColor(0x2e, 0x7d, 0x32);
    }
    return {};
}

// One shape per severity, so that the icons stay distinguishable without colour: a circle with a
// cross (error), a triangle with "!" (warning), a circle with "i" (info), a circle with a tick (ok).
void paintSeverity(QPainter &painter, Severity severity, const QColor &fill, bool hollow, qreal size)
{
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal margin = size * 0.06;
    const QRectF box(margin, margin, size - 2 * margin, size - 2 * margin);
    const QColor mark = hollow ? fill : QColor(Qt::white);
    QPen outline(fill, qMax(1.0, size / 12));
    painter.setPen(hollow ? outline : Qt::NoPen);
    painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(fill));
    if (severity == Severity::Warning) {
        QPainterPath triangle;
        triangle.moveTo(box.center().x(), box.top());
        triangle.lineTo(box.right(), box.bottom());
        triangle.lineTo(box.left(), box.bottom());
        triangle.closeSubpath();
        painter.drawPath(triangle);
    } else {
        painter.drawEllipse(box);
    }
    QPen pen(mark, size / 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    const QPointF c = box.center();
    const qreal r = box.width() / 2;
    switch (severity) {
    case Severity::Error:
        painter.drawLine(QPointF(c.x() - r * 0.38, c.y() - r * 0.38), QPointF(c.x() + r * 0.38, c.y() + r * 0.38));
        painter.drawLine(QPointF(c.x() + r * 0.38, c.y() - r * 0.38), QPointF(c.x() - r * 0.38, c.y() + r * 0.38));
        break;
    case Severity::Warning:
        painter.drawLine(QPointF(c.x(), box.top() + box.height() * 0.36),
                         QPointF(c.x(), box.top() + box.height() * 0.64));
        painter.drawPoint(QPointF(c.x(), box.top() + box.height() * 0.82));
        break;
    case Severity::Info:
        painter.drawLine(QPointF(c.x(), c.y() - r * 0.05), QPointF(c.x(), c.y() + r * 0.45));
        painter.drawPoint(QPointF(c.x(), c.y() - r * 0.45));
        break;
    case Severity::Ok:
        painter.drawPolyline(QList<QPointF> {QPointF(c.x() - r * 0.42, c.y()),
                                             QPointF(c.x() - r * 0.1, c.y() + r * 0.35),
                                             QPointF(c.x() + r * 0.45, c.y() - r * 0.35)});
        break;
    }
}

QIcon makeIcon(Severity severity, const QColor &fill, bool hollow)
{
    QIcon icon;
    for (const int size : {16, 22, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paintSeverity(painter, severity, fill, hollow, size);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QColor color(Severity severity, const QPalette &palette)
{
    const QColor base = baseColor(severity);
    return isDark(palette) ? base.lighter(140) : base;
}

namespace {

// Icons are cached: the tree asks for them on every repaint. The cache is emptied when the
// application object goes away, because pixmaps must not outlive it.
QHash<int, QIcon> &iconCache()
{
    static QHash<int, QIcon> cache;
    static const bool registered = [] {
        qAddPostRoutine([] { iconCache().clear(); });
        return true;
    }();
    Q_UNUSED(registered);
    return cache;
}

constexpr int suppressedOffset = 100;

} // namespace

QIcon icon(Severity severity)
{
    QHash<int, QIcon> &cache = iconCache();
    const int key = int(severity);
    auto it = cache.constFind(key);
    if (it == cache.constEnd())
        it = cache.insert(key, makeIcon(severity, baseColor(severity), false));
    return *it;
}

QIcon suppressedIcon(Severity severity)
{
    QHash<int, QIcon> &cache = iconCache();
    const int key = suppressedOffset + int(severity);
    auto it = cache.constFind(key);
    if (it == cache.constEnd())
        it = cache.insert(key, makeIcon(severity, QColor(0x90, 0x90, 0x90), true));
    return *it;
}

QString name(Severity severity)
{
    switch (severity) {
    case Severity::Error: return Texts::tr("Error");
    case Severity::Warning: return Texts::tr("Warning");
    case Severity::Info: return Texts::tr("Info");
    case Severity::Ok: return Texts::tr("OK");
    }
    return {};
}

QString pluralName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return Texts::tr("Errors");
    case Severity::Warning: return Texts::tr("Warnings");
    case Severity::Info: return Texts::tr("Info");
    case Severity::Ok: return Texts::tr("OK");
    }
    return {};
}

QString confidenceName(Confidence confidence)
{
    switch (confidence) {
    case Confidence::High: return Texts::tr("High");
    case Confidence::Medium: return Texts::tr("Medium");
    case Confidence::Low: return Texts::tr("Low");
    }
    return {};
}

} // namespace poolproof::gui::SeverityStyle
