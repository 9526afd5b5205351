#include "mainwindow.h"

#include "i18n.h"
#include "poolproof/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PoolProof"));
    QApplication::setOrganizationName(QStringLiteral("PoolProof"));
    QApplication::setApplicationVersion(QString::fromLatin1(poolproof::versionString));
    QApplication::setDesktopFileName(QStringLiteral("org.poolproof.PoolProof"));
    poolproof::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Checks a backend for PgBouncer transaction pooling."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"), QApplication::translate("main", "A file to show."));
    // For documentation: grab the real window once it is on screen, save it, and quit.
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QApplication::translate("main", "Save a screenshot of the window to FILE and quit."),
                                              QStringLiteral("FILE"));
    parser.addOption(screenshotOption);
    parser.process(app);

    poolproof::gui::MainWindow window;
    const QStringList paths = parser.positionalArguments();
    if (!paths.isEmpty())
        window.openFile(paths.first());
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString target = parser.value(screenshotOption);
        QTimer::singleShot(1500, &window, [&window, target] {
            const QPixmap shot = window.screen()->grabWindow(window.winId());
            QApplication::exit(shot.save(target) ? 0 : 1);
        });
    }
    return QApplication::exec();
}
