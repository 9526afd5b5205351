#pragma once

#include "livecheck.h"

#include <QString>
#include <QStringList>

namespace poolproof {

// The live check's passwords and the system keychain (see SecretStore): a password is taken from
// it only when none was given, and kept in it only after it logged in. One entry per user,
// endpoint and database; the admin console's under the database "pgbouncer".
struct KeychainUse {
    bool passwordFromKeychain = false;
    bool adminPasswordFromKeychain = false;
    QString error; // translated: the keychain could not be asked
};

// Fills the passwords options lacks from the keychain. Blocking; from the main thread only (see
// SecretStore).
KeychainUse takePasswordsFromKeychain(LiveCheckOptions *options);

// After a check: keeps each given password that logged in, never one that was refused. Returns
// translated notes of what was kept; *error is set when the keychain refused.
QStringList keepPasswordsInKeychain(const LiveCheckOptions &options, const LiveCheckResult &result, QString *error);

// Removes what the keychain holds for this check's connection and admin console.
bool forgetPasswordsInKeychain(const LiveCheckOptions &options, QString *error);

} // namespace poolproof
