#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace poolproof::gui {

// The application's stored preferences, typed, over QSettings (the organisation and application
// names set in main() decide where). Tests isolate them with QStandardPaths' test mode.
namespace Settings {

inline constexpr int maxRecentFolders = 8;

QStringList recentFolders();
// Puts the folder first; drops duplicates and folders beyond the limit.
void addRecentFolder(const QString &path);
void clearRecentFolders();

QString profileId(); // empty: the catalog's default
void setProfileId(const QString &profileId);

// "en", "de", or empty for the system's language; read by main() before translations load.
QString language();
void setLanguage(const QString &language);

QByteArray windowGeometry();
QByteArray windowState();
void setWindowGeometry(const QByteArray &geometry, const QByteArray &state);

QByteArray findingsPageState();
void setFindingsPageState(const QByteArray &state);

int groupBy();
void setGroupBy(int groupBy);

QByteArray environmentsPageState();
void setEnvironmentsPageState(const QByteArray &state);

// Where the last report was exported to; the export dialogs start there.
QString exportFolder();
void setExportFolder(const QString &folder);

} // namespace Settings

} // namespace poolproof::gui
