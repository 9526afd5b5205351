#pragma once

namespace poolproof::gui {

// A dark palette on the Fusion style, independent of the platform theme: for users without a
// dark desktop theme, and for screenshots under Xvfb.
void applyDarkAppearance();

} // namespace poolproof::gui
