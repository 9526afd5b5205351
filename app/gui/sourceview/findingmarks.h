#pragma once

#include "linemark.h"
#include "scan/finding.h"

#include <QList>

class QPalette;

namespace poolproof::gui {

// The marks for one file's findings: one per line, coloured by the worst finding on it (grey when
// all are suppressed), with the rules and messages as the inline note.
QList<LineMark> lineMarksForFile(const QList<poolproof::Finding> &findings, const QString &path,
                                 const QPalette &palette);

} // namespace poolproof::gui
