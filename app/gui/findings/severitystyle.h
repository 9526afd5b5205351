#pragma once

#include "scan/finding.h"

#include <QColor>
#include <QIcon>
#include <QString>

class QPalette;

namespace poolproof::gui {

// How a severity looks everywhere in the application: one colour, one icon and one name, so that
// the findings tree, the source view's marks and the details pane agree.
namespace SeverityStyle {

// A colour that reads well on the palette's base colour (lighter tones on a dark base).
QColor color(Severity severity, const QPalette &palette);
// Drawn with QPainter rather than taken from an icon theme: the build root and many desktops
// have no theme with severity icons, and the shapes must match the colours above.
QIcon icon(Severity severity);
// The icon of a suppressed finding: the same shape, hollow and grey.
QIcon suppressedIcon(Severity severity);
QString name(Severity severity); // "Error"
QString pluralName(Severity severity); // "Errors"
QString confidenceName(Confidence confidence);

} // namespace SeverityStyle

} // namespace poolproof::gui
