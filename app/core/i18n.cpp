#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <algorithm>

namespace poolproof {

void installTranslations(QCoreApplication &app)
{
    const QString forced = qEnvironmentVariable("POOLPROOF_LANGUAGE");
    installTranslations(app, forced.isEmpty() ? QLocale() : QLocale(forced));
}

void installTranslations(QCoreApplication &app, const QLocale &locale)
{
    // The catalogs installed with the programs (share/poolproof/translations, as the install rule in
    // translations/CMakeLists.txt puts them) come first, so an updated translation needs no
    // rebuild; the copies compiled into core are the fallback for a build that is not installed.
    const QStringList directories {QCoreApplication::applicationDirPath()
                                       + QStringLiteral("/../share/poolproof/translations"),
                                   QStringLiteral(":/i18n")};
    auto *own = new QTranslator(&app);
    const bool loaded = std::any_of(directories.cbegin(), directories.cend(), [&](const QString &directory) {
        return own->load(locale, QStringLiteral("poolproof"), QStringLiteral("_"), directory);
    });
    if (loaded)
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

} // namespace poolproof
