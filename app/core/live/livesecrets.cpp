#include "livesecrets.h"

#include "connectionplan.h"
#include "secretstore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class SecretsText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

struct KeychainKeys {
    QString application;
    QString admin; // empty without an admin user
};

KeychainKeys keysFor(const LiveCheckOptions &options)
{
    KeychainKeys keys;
    const ConnectionPlan plan = planConnection(options.url, QString(), options.connectTimeoutSeconds);
    if (!plan.error.isEmpty() || plan.user.isEmpty())
        return keys;
    keys.application = SecretStore::keyFor(plan.user, plan.host, plan.port, plan.database);
    if (!options.adminUser.isEmpty())
        keys.admin = SecretStore::keyFor(options.adminUser, plan.host, plan.port, u"pgbouncer"_s);
    return keys;
}

QString unavailable()
{
    return SecretsText::tr("this build of PoolProof has no keychain support");
}

} // namespace

KeychainUse takePasswordsFromKeychain(LiveCheckOptions *options)
{
    KeychainUse use;
    if (!SecretStore::isAvailable()) {
        use.error = unavailable();
        return use;
    }
    const KeychainKeys keys = keysFor(*options);
    if (options->password.isEmpty() && !keys.application.isEmpty()) {
        if (const std::optional<QString> password = SecretStore::read(keys.application, &use.error)) {
            options->password = *password;
            use.passwordFromKeychain = true;
        }
    }
    if (options->adminPassword.isEmpty() && !keys.admin.isEmpty() && use.error.isEmpty()) {
        if (const std::optional<QString> password = SecretStore::read(keys.admin, &use.error)) {
            options->adminPassword = *password;
            use.adminPasswordFromKeychain = true;
        }
    }
    return use;
}

QStringList keepPasswordsInKeychain(const LiveCheckOptions &options, const LiveCheckResult &result, QString *error)
{
    QStringList kept;
    if (!SecretStore::isAvailable()) {
        *error = unavailable();
        return kept;
    }
    const KeychainKeys keys = keysFor(options);
    // Logged in: the check connected, or the replay's clients did, with exactly this password.
    if (result.connected && !options.password.isEmpty() && !keys.application.isEmpty()
        && SecretStore::write(keys.application, options.password, error))
        kept << SecretsText::tr("the password of %1").arg(result.user);
    const bool adminLoggedIn = result.pooler && result.pooler->adminAccess;
    if (adminLoggedIn && !options.adminPassword.isEmpty() && !keys.admin.isEmpty() && error->isEmpty()
        && SecretStore::write(keys.admin, options.adminPassword, error))
        kept << SecretsText::tr("the admin console password of %1").arg(options.adminUser);
    return kept;
}

bool forgetPasswordsInKeychain(const LiveCheckOptions &options, QString *error)
{
    if (!SecretStore::isAvailable()) {
        *error = unavailable();
        return false;
    }
    const KeychainKeys keys = keysFor(options);
    bool removed = keys.application.isEmpty() || SecretStore::remove(keys.application, error);
    if (removed && !keys.admin.isEmpty())
        removed = SecretStore::remove(keys.admin, error);
    return removed;
}

} // namespace poolproof
