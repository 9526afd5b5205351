#include "settings.h"

#include <QDir>
#include <QSettings>

namespace poolproof::gui::Settings {

namespace {
// The language key is shared with main(), which reads it before any widget exists.
const QString languageKey = QStringLiteral("language");
const QString recentKey = QStringLiteral("recentFolders");
const QString profileKey = QStringLiteral("scan/profile");
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString findingsPageKey = QStringLiteral("findings/pageState");
const QString groupByKey = QStringLiteral("findings/groupBy");
const QString environmentsPageKey = QStringLiteral("environments/pageState");
const QString exportFolderKey = QStringLiteral("export/folder");
} // namespace

QStringList recentFolders()
{
    return QSettings().value(recentKey).toStringList();
}

void addRecentFolder(const QString &path)
{
    const QString folder = QDir::cleanPath(path);
    QStringList folders = recentFolders();
    folders.removeAll(folder);
    folders.prepend(folder);
    while (folders.size() > maxRecentFolders)
        folders.removeLast();
    QSettings().setValue(recentKey, folders);
}

void clearRecentFolders()
{
    QSettings().remove(recentKey);
}

QString profileId()
{
    return QSettings().value(profileKey).toString();
}

void setProfileId(const QString &profileId)
{
    QSettings().setValue(profileKey, profileId);
}

QString language()
{
    return QSettings().value(languageKey).toString();
}

void setLanguage(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(languageKey);
    else
        settings.setValue(languageKey, language);
}

QByteArray windowGeometry()
{
    return QSettings().value(geometryKey).toByteArray();
}

QByteArray windowState()
{
    return QSettings().value(stateKey).toByteArray();
}

void setWindowGeometry(const QByteArray &geometry, const QByteArray &state)
{
    QSettings settings;
    settings.setValue(geometryKey, geometry);
    settings.setValue(stateKey, state);
}

QByteArray findingsPageState()
{
    return QSettings().value(findingsPageKey).toByteArray();
}

void setFindingsPageState(const QByteArray &state)
{
    QSettings().setValue(findingsPageKey, state);
}

int groupBy()
{
    return QSettings().value(groupByKey, 0).toInt();
}

void setGroupBy(int groupBy)
{
    QSettings().setValue(groupByKey, groupBy);
}

QByteArray environmentsPageState()
{
    return QSettings().value(environmentsPageKey).toByteArray();
}

void setEnvironmentsPageState(const QByteArray &state)
{
    QSettings().setValue(environmentsPageKey, state);
}

QString exportFolder()
{
    return QSettings().value(exportFolderKey).toString();
}

void setExportFolder(const QString &folder)
{
    QSettings().setValue(exportFolderKey, folder);
}

} // namespace poolproof::gui::Settings
