#include "secretstore.h"

#include <QCoreApplication>

#ifdef POOLPROOF_HAVE_KEYCHAIN
#include <QEventLoop>
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class SecretText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::SecretStore)
};

#ifdef POOLPROOF_HAVE_KEYCHAIN
const QString serviceName = u"PoolProof"_s;

// QtKeychain's jobs report through signals: wait for this one in a local event loop.
// A missing entry is no failure of the keychain: it is reported as EntryNotFound, *error untouched.
QKeychain::Error runJob(QKeychain::Job &job, QString *error)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        *error = job.errorString();
    return job.error();
}
#endif

} // namespace

bool SecretStore::isAvailable()
{
#ifdef POOLPROOF_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString SecretStore::keyFor(const QString &user, const QString &host, const QString &port, const QString &database)
{
    return u"live/"_s + user + u'@' + host + u':' + port + u'/' + database;
}

std::optional<QString> SecretStore::read(const QString &key, QString *error)
{
#ifdef POOLPROOF_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(serviceName);
    job.setKey(key);
    if (runJob(job, error) != QKeychain::NoError)
        return std::nullopt;
    return job.textData();
#else
    Q_UNUSED(key);
    *error = SecretText::tr("this build of PoolProof has no keychain support");
    return std::nullopt;
#endif
}

bool SecretStore::write(const QString &key, const QString &password, QString *error)
{
#ifdef POOLPROOF_HAVE_KEYCHAIN
    QKeychain::WritePasswordJob job(serviceName);
    job.setKey(key);
    job.setTextData(password);
    return runJob(job, error) == QKeychain::NoError;
#else
    Q_UNUSED(key);
    Q_UNUSED(password);
    *error = SecretText::tr("this build of PoolProof has no keychain support");
    return false;
#endif
}

bool SecretStore::remove(const QString &key, QString *error)
{
#ifdef POOLPROOF_HAVE_KEYCHAIN
    QKeychain::DeletePasswordJob job(serviceName);
    job.setKey(key);
    const QKeychain::Error result = runJob(job, error);
    return result == QKeychain::NoError || result == QKeychain::EntryNotFound;
#else
    Q_UNUSED(key);
    *error = SecretText::tr("this build of PoolProof has no keychain support");
    return false;
#endif
}

} // namespace poolproof
