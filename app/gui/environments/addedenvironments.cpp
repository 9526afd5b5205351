#include "addedenvironments.h"

#include "url/masking.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>

namespace poolproof::gui::AddedEnvironments {

namespace {
const QString nameKey = QStringLiteral("name");
const QString urlKey = QStringLiteral("url");
} // namespace

QString settingsKey(const QString &root)
{
    // A hash, because a path's slashes would become nested settings groups.
    const QByteArray path = QDir::cleanPath(root).toUtf8();
    return QStringLiteral("environments/added-")
        + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

QList<AddedEnvironment> load(const QString &root)
{
    QList<AddedEnvironment> environments;
    QSettings settings;
    const int count = settings.beginReadArray(settingsKey(root));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(nameKey).toString().trimmed();
        if (!name.isEmpty())
            environments.append({name, maskConnectionString(settings.value(urlKey).toString())});
    }
    settings.endArray();
    return environments;
}

void save(const QString &root, const QList<AddedEnvironment> &environments)
{
    // Plain strings in an array, so that the settings file says in clear text what it holds.
    QSettings settings;
    settings.remove(settingsKey(root));
    if (environments.isEmpty())
        return;
    settings.beginWriteArray(settingsKey(root), int(environments.size()));
    for (int i = 0; i < environments.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(nameKey, environments.at(i).name);
        settings.setValue(urlKey, maskConnectionString(environments.at(i).maskedUrl));
    }
    settings.endArray();
}

} // namespace poolproof::gui::AddedEnvironments
