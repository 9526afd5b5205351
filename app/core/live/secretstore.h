#pragma once

#include <QString>

#include <optional>

namespace poolproof {

// Passwords for live checks kept in the system keychain (Secret Service, macOS Keychain, Windows
// Credential Store) through QtKeychain, when PoolProof is built with it. Nothing else in
// PoolProof stores a password. Blocking; call it off the GUI thread.
class SecretStore
{
public:
    // True when built with QtKeychain.
    static bool isAvailable();

    // The key under which a password is kept: one per user, endpoint and database.
    static QString keyFor(const QString &user, const QString &host, const QString &port, const QString &database);

    // nullopt with *error set when there is no such entry or the keychain cannot be reached.
    static std::optional<QString> read(const QString &key, QString *error);
    static bool write(const QString &key, const QString &password, QString *error);
    static bool remove(const QString &key, QString *error);
};

} // namespace poolproof
