#pragma once

#include <QString>

#include <optional>

namespace poolproof::gui {

class MainWindow;

struct ScreenshotRequest {
    QString file;
    int findingNumber = 1; // which row to select, in the order shown (1-based); 0: none
    QString page; // "start", "findings", "environments", "export", "history"; empty: as opened
};

// The page names --page accepts, in the sidebar's order.
QStringList screenshotPageNames();

// For the documentation: once the window has finished its scan and audit (if any), shows the
// page, selects a row, lets the views settle, grabs the real window from the screen, saves it
// and quits the application.
void takeScreenshotWhenReady(MainWindow *window, const ScreenshotRequest &request);

} // namespace poolproof::gui
