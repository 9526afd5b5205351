#pragma once

#include <QString>

namespace poolproof::gui {

class MainWindow;

struct ScreenshotRequest {
    QString file;
    int findingNumber = 1; // which finding to select, in the order shown (1-based); 0: none
};

// For the documentation: once the window has finished its scan (if any), selects a finding, lets
// the views settle, grabs the real window from the screen, saves it and quits the application.
void takeScreenshotWhenReady(MainWindow *window, const ScreenshotRequest &request);

} // namespace poolproof::gui
