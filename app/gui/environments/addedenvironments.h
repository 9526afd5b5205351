#pragma once

#include <QList>
#include <QString>

namespace poolproof::gui {

// An environment the user added on the Environments page, as remembered between sessions.
struct AddedEnvironment {
    QString name;
    QString maskedUrl; // the connection string with its password replaced by "****"

    friend bool operator==(const AddedEnvironment &, const AddedEnvironment &) = default;
};

// The environments added for one repository, kept in QSettings. Passwords are never stored:
// save() masks each string before it reaches the settings, whatever it is given.
namespace AddedEnvironments {

QList<AddedEnvironment> load(const QString &root);
void save(const QString &root, const QList<AddedEnvironment> &environments);
// The settings key under which a repository's environments are kept (for tests).
QString settingsKey(const QString &root);

} // namespace AddedEnvironments

} // namespace poolproof::gui
