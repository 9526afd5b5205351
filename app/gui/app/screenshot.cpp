#include "screenshot.h"

#include "findings/findingsview.h"
#include "mainwindow.h"
#include "scanning/scancontroller.h"

#include <QApplication>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>

namespace poolproof::gui {

namespace {

// Long enough for the source view to lay out and the highlighter to run.
constexpr int settleMs = 800;
// A scan that has not finished by then is photographed as it is.
constexpr int patienceMs = 60000;

void grab(MainWindow *window, const ScreenshotRequest &request)
{
    if (request.findingNumber > 0) {
        FindingsView *view = window->findingsPage()->view();
        const QList<QModelIndex> findings = view->findingIndexes();
        if (request.findingNumber <= findings.size()) {
            view->setCurrentIndex(findings.at(request.findingNumber - 1));
            view->scrollTo(view->currentIndex());
        }
    }
    QTimer::singleShot(settleMs, window, [window, request] {
        const QPixmap shot = window->screen()->grabWindow(window->winId());
        const bool saved = shot.save(request.file);
        if (!saved)
            std::fprintf(stderr, "poolproof: could not save %s\n", qUtf8Printable(request.file));
        QApplication::exit(saved ? 0 : 1);
    });
}

} // namespace

void takeScreenshotWhenReady(MainWindow *window, const ScreenshotRequest &request)
{
    ScanController *scan = window->scanController();
    if (!scan->isRunning()) {
        QTimer::singleShot(settleMs, window, [window, request] { grab(window, request); });
        return;
    }
    auto *guard = new QObject(window); // disconnects the one-shot connections below
    QObject::connect(scan, &ScanController::finished, guard, [window, request, guard] {
        guard->deleteLater();
        grab(window, request);
    });
    QTimer::singleShot(patienceMs, guard, [window, request, guard] {
        guard->deleteLater();
        grab(window, request);
    });
}

} // namespace poolproof::gui
