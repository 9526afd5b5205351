#pragma once

#include <QColor>
#include <QString>

namespace poolproof::gui {

// A line the source view marks, e.g. a finding: a coloured band and a short note after the text.
struct LineMark {
    int line = 0; // 1-based
    QColor color;
    QString annotation;
};

} // namespace poolproof::gui
