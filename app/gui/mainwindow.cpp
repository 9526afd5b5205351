#include "mainwindow.h"

#include "sourceview/sourceview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace poolproof::gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_sourceView(new SourceView(this))
    , m_syntaxLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PoolProof"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/poolproof.svg")));
    m_sourceView->setObjectName(QStringLiteral("sourceView"));
    setCentralWidget(m_sourceView);
    statusBar()->addPermanentWidget(m_syntaxLabel);
    connect(m_sourceView, &SourceView::definitionChanged, m_syntaxLabel, &QLabel::setText);
    setupMenus();
    resize(1100, 720);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    if (!m_sourceView->openFile(path, &error)) {
        statusBar()->showMessage(error);
        return false;
    }
    setWindowTitle(tr("%1 – PoolProof").arg(QDir::toNativeSeparators(path)));
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open File"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::setupMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open File…"), this, &MainWindow::chooseFile);
    open->setObjectName(QStringLiteral("openFileAction"));
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
}

} // namespace poolproof::gui
