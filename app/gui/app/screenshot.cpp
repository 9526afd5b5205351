#include "screenshot.h"

#include "audit/auditcontroller.h"
#include "findings/findingsview.h"
#include "history/historycontroller.h"
#include "mainwindow.h"
#include "pages/environmentspage.h"
#include "scanning/scancontroller.h"

#include <QApplication>
#include <QElapsedTimer>
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
constexpr int pollMs = 100;

const QList<std::pair<QString, MainWindow::Page>> &pageNames()
{
    static const QList<std::pair<QString, MainWindow::Page>> names {
        {QStringLiteral("start"), MainWindow::Page::Start},
        {QStringLiteral("findings"), MainWindow::Page::Findings},
        {QStringLiteral("environments"), MainWindow::Page::Environments},
        {QStringLiteral("export"), MainWindow::Page::Export},
        {QStringLiteral("history"), MainWindow::Page::History},
    };
    return names;
}

void selectRow(MainWindow *window, MainWindow::Page page, int number)
{
    if (number <= 0)
        return;
    if (page == MainWindow::Page::Environments) {
        window->environmentsPage()->selectEntry(number - 1);
        return;
    }
    FindingsView *view = window->findingsPage()->view();
    const QList<QModelIndex> findings = view->findingIndexes();
    if (number <= findings.size()) {
        view->setCurrentIndex(findings.at(number - 1));
        view->scrollTo(view->currentIndex());
    }
}

void grab(MainWindow *window, const ScreenshotRequest &request)
{
    for (const auto &[name, page] : pageNames()) {
        if (name == request.page)
            window->showPage(page);
    }
    selectRow(window, window->currentPage(), request.findingNumber);
    QTimer::singleShot(settleMs, window, [window, request] {
        const QPixmap shot = window->screen()->grabWindow(window->winId());
        const bool saved = shot.save(request.file);
        if (!saved)
            std::fprintf(stderr, "poolproof: could not save %s\n", qUtf8Printable(request.file));
        QApplication::exit(saved ? 0 : 1);
    });
}

bool busy(MainWindow *window)
{
    return window->scanController()->isRunning() || window->auditController()->isRunning()
        || window->historyController()->isRunning();
}

} // namespace

QStringList screenshotPageNames()
{
    QStringList names;
    for (const auto &entry : pageNames())
        names << entry.first;
    return names;
}

void takeScreenshotWhenReady(MainWindow *window, const ScreenshotRequest &request)
{
    // Polled rather than signalled: the scan hands over to the audit, and either may be skipped.
    auto *poll = new QTimer(window);
    auto *clock = new QElapsedTimer;
    clock->start();
    QObject::connect(poll, &QTimer::timeout, window, [window, request, poll, clock] {
        if (busy(window) && clock->elapsed() < patienceMs)
            return;
        poll->stop();
        poll->deleteLater();
        delete clock;
        grab(window, request);
    });
    poll->start(pollMs);
}

} // namespace poolproof::gui
