#pragma once

#include <QString>

#include <optional>

namespace poolproof {

// Passwords for live checks kept in the system keychain (Secret Service, macOS Keychain, Windows
// Credential Store) through QtKeychain, when PoolProof is built with it. Nothing else in
// PoolProof stores a password. Blocking: each call waits for its keychain job in a local event
// loop. Call it from the application's main thread: QtKeychain runs its jobs through one object
// living there, which touches a job from another thread after that job is gone.
class SecretStore
{
public:
    // True when built with QtKeychain.
    static bool isAvailable();

    // The key under which a password is kept: one per user, endpoint and database.
    static QString keyFor(const QString &user, const QString &host, const QString &port, const QString &database);

    // nullopt when there is no such entry; *error is set only when the keychain could not be
    // asked (no keychain service, locked, refused).
    static std::optional<QString> read(const QString &key, QString *error);
    static bool write(const QString &key, const QString &password, QString *error);
    // Removing an entry that does not exist succeeds.
    static bool remove(const QString &key, QString *error);
};

} // namespace poolproof
