#include "app/appearance.h"
#include "app/screenshot.h"
#include "mainwindow.h"
#include "settings/settings.h"

#include "i18n.h"
#include "poolproof/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>

using namespace poolproof::gui;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PoolProof"));
    QApplication::setOrganizationName(QStringLiteral("PoolProof"));
    QApplication::setApplicationVersion(QString::fromLatin1(poolproof::versionString));
    QApplication::setDesktopFileName(QStringLiteral("org.poolproof.PoolProof"));
    // The language chosen in the Settings dialog, unless the environment forces one.
    const QString language = Settings::language();
    if (!language.isEmpty() && qEnvironmentVariableIsEmpty("POOLPROOF_LANGUAGE"))
        qputenv("POOLPROOF_LANGUAGE", language.toUtf8());
    poolproof::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Checks a backend for PgBouncer transaction pooling."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QApplication::translate("main", "A folder to scan or a file to show."));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QApplication::translate("main", "Grade findings for pooler profile ID."),
                                           QStringLiteral("ID"));
    const QCommandLineOption darkOption(QStringLiteral("dark"), QApplication::translate("main", "Use a dark palette."));
    // For documentation: grab the real window once it is ready, save it, and quit.
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a screenshot of the window to FILE and quit."), QStringLiteral("FILE"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"),
        QApplication::translate("main", "With --screenshot: select the Nth finding or environment setting (0: none)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"), QApplication::translate("main", "Window size, e.g. 1500x940."), QStringLiteral("WxH"));
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        QApplication::translate("main", "With --screenshot: show page NAME (%1).")
                                            .arg(screenshotPageNames().join(QStringLiteral(", "))),
                                        QStringLiteral("NAME"));
    parser.addOptions({profileOption, darkOption, screenshotOption, selectOption, sizeOption, pageOption});
    parser.process(app);

    if (parser.isSet(pageOption) && !screenshotPageNames().contains(parser.value(pageOption))) {
        std::fprintf(
            stderr, "%s\n",
            qUtf8Printable(QApplication::translate("main", "Unknown page: %1 (known: %2)")
                               .arg(parser.value(pageOption), screenshotPageNames().join(QStringLiteral(", ")))));
        return 2;
    }
    if (parser.isSet(darkOption))
        applyDarkAppearance();
    // A screenshot shows the default layout and leaves the user's settings and recent folders alone.
    QTemporaryDir screenshotSettings;
    if (parser.isSet(screenshotOption)) {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, screenshotSettings.path());
        // Nor the user's audit history, unless a history is given on purpose.
        if (qEnvironmentVariableIsEmpty("POOLPROOF_HISTORY"))
            qputenv("POOLPROOF_HISTORY", screenshotSettings.filePath(QStringLiteral("history.sqlite")).toUtf8());
    }

    MainWindow window;
    if (parser.isSet(profileOption)) {
        const QString profile = parser.value(profileOption);
        window.setProfileId(profile);
        if (window.profileId() != profile) {
            std::fprintf(stderr, "%s\n",
                         qUtf8Printable(QApplication::translate("main", "Unknown pooler profile: %1").arg(profile)));
            return 2;
        }
    }
    if (parser.isSet(sizeOption)) {
        const QStringList size = parser.value(sizeOption).split(u'x');
        if (size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
            window.resize(size.at(0).toInt(), size.at(1).toInt());
    }
    const QStringList paths = parser.positionalArguments();
    if (!paths.isEmpty())
        window.openPath(paths.first());
    window.show();

    if (parser.isSet(screenshotOption))
        takeScreenshotWhenReady(
            &window, {parser.value(screenshotOption), parser.value(selectOption).toInt(), parser.value(pageOption)});
    return QApplication::exec();
}
