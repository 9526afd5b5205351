#pragma once

#include "environmententry.h"

class QPalette;

namespace poolproof::gui {

// One environment setting as rich text for QTextBrowser: what reads it, whether libpq and the
// driver accept it, whether it goes through the pooler, its issues (rule, message, fix) and the
// parameters it sets. Passwords appear only as "****".
QString environmentDetailsHtml(const EnvironmentEntry &entry, const QPalette &palette);

} // namespace poolproof::gui
