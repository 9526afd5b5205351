#include "checkliverun.h"
#include "liveservers.h"

#include "live/secretstore.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace poolproof;

// Passwords in the system keychain, against a real Secret Service (GNOME Keyring on a private
// D-Bus session, see with-keyring.sh) and the real servers of the live tests.
class TestKeychain : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void roundTrip();
    void keptEncryptedOnDisk();
    void cliKeepsPasswordThatLoggedIn();
    void cliNeverKeepsRefusedPassword();
    void cliKeepsAdminPassword();

private:
    QString keyFor(const char *portKey, const QString &database) const;
    LiveServers m_servers;
};

void TestKeychain::initTestCase()
{
    m_servers = LiveServers::read();
    QVERIFY2(m_servers.error.isEmpty(), qPrintable(m_servers.error));
    QVERIFY2(SecretStore::isAvailable(), "built without QtKeychain, yet this test is registered");
    QVERIFY2(!qEnvironmentVariable("POOLPROOF_KEYRING_HOME").isEmpty(), "not run through with-keyring.sh");
}

QString TestKeychain::keyFor(const char *portKey, const QString &database) const
{
    return SecretStore::keyFor(m_servers.value("APP_USER"), u"127.0.0.1"_s, m_servers.value(portKey), database);
}

void TestKeychain::roundTrip()
{
    const QString key = u"test/round-trip"_s;
    QString error;
    QVERIFY2(SecretStore::write(key, u"first-Secret"_s, &error), qPrintable(error));
    QCOMPARE(SecretStore::read(key, &error), std::optional<QString>(u"first-Secret"_s));
    QVERIFY2(SecretStore::write(key, u"second-Secret"_s, &error), qPrintable(error));
    QCOMPARE(SecretStore::read(key, &error), std::optional<QString>(u"second-Secret"_s));
    QVERIFY2(SecretStore::remove(key, &error), qPrintable(error));
    // Gone, and that is no failure of the keychain.
    QCOMPARE(SecretStore::read(key, &error), std::nullopt);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(SecretStore::remove(key, &error), qPrintable(error));
}

void TestKeychain::keptEncryptedOnDisk()
{
    const QString password = u"Plain-Text-Probe-"_s + QString::number(QRandomGenerator::global()->generate(), 16);
    QString error;
    QVERIFY2(SecretStore::write(u"test/on-disk"_s, password, &error), qPrintable(error));
    QTest::qWait(500); // the keyring writes its file asynchronously

    // As written, base64-encoded and as UTF-16: none may be found in any file the keyring wrote.
    const QByteArray utf8 = password.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(password.utf16()), password.size() * 2);
    const QList<QByteArray> forms {utf8, utf8.toBase64(), utf16};
    int keyringFiles = 0;
    QDirIterator it(qEnvironmentVariable("POOLPROOF_KEYRING_HOME"), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        keyringFiles += file.fileName().endsWith(u".keyring") ? 1 : 0;
        const QByteArray bytes = file.readAll();
        for (const QByteArray &form : forms)
            QVERIFY2(!bytes.contains(form), qPrintable(file.fileName()));
    }
    // The entry went to a keyring file on disk, and it is not readable there.
    QVERIFY(keyringFiles >= 1);
    QVERIFY2(SecretStore::remove(u"test/on-disk"_s, &error), qPrintable(error));
}

void TestKeychain::cliKeepsPasswordThatLoggedIn()
{
    const QString url = m_servers.url("PGBOUNCER_PORT");
    QString error;
    QVERIFY2(SecretStore::remove(keyFor("PGBOUNCER_PORT", u"app"_s), &error), qPrintable(error));

    // Control: no password anywhere, so the login fails.
    const CheckLiveRun without = runCheckLive({u"--url"_s, url, u"--keychain"_s});
    QCOMPARE(without.exitCode, 1);
    QVERIFY2(without.out.contains(u"connection failed (authentication)"), qPrintable(without.out + without.err));

    const CheckLiveRun first = runCheckLive({u"--url"_s, url, u"--keychain"_s, u"--password-env"_s, u"PW"_s},
                                            {{u"PW"_s, m_servers.appPassword()}});
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QCOMPARE(SecretStore::read(keyFor("PGBOUNCER_PORT", u"app"_s), &error),
             std::optional<QString>(m_servers.appPassword()));

    // Next time the keychain gives the password.
    const CheckLiveRun second = runCheckLive({u"--url"_s, url, u"--keychain"_s});
    QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
    QVERIFY(second.out.contains(u"reachable: yes"));
    QVERIFY(!second.out.contains(m_servers.appPassword()) && !second.err.contains(m_servers.appPassword()));

    // Without --keychain it is not asked.
    const CheckLiveRun plain = runCheckLive({u"--url"_s, url});
    QCOMPARE(plain.exitCode, 1);
}

void TestKeychain::cliNeverKeepsRefusedPassword()
{
    // app_session: an entry of its own in the keychain.
    const QString url = m_servers.url("PGBOUNCER_PORT", u"app_session"_s);
    const QString key = keyFor("PGBOUNCER_PORT", u"app_session"_s);
    QString error;
    QVERIFY2(SecretStore::remove(key, &error), qPrintable(error));
    const CheckLiveRun wrong = runCheckLive({u"--url"_s, url, u"--keychain"_s, u"--password-env"_s, u"PW"_s},
                                            {{u"PW"_s, u"Wrong-Password-Probe"_s}});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.out.contains(u"connection failed (authentication)"), qPrintable(wrong.out));
    QCOMPARE(SecretStore::read(key, &error), std::nullopt);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestKeychain::cliKeepsAdminPassword()
{
    const QString url = m_servers.url("PGBOUNCER_PORT");
    const QString adminKey = SecretStore::keyFor(m_servers.value("ADMIN_USER"), u"127.0.0.1"_s,
                                                 m_servers.value("PGBOUNCER_PORT"), u"pgbouncer"_s);
    QString error;
    QVERIFY2(SecretStore::remove(adminKey, &error), qPrintable(error));
    const QStringList arguments {u"--url"_s,
                                 url,
                                 u"--keychain"_s,
                                 u"--password-env"_s,
                                 u"PW"_s,
                                 u"--admin-user"_s,
                                 m_servers.value("ADMIN_USER")};

    // Control: without the admin password the console refuses, so its settings are not read.
    const CheckLiveRun refused = runCheckLive(arguments, {{u"PW"_s, m_servers.appPassword()}});
    QVERIFY2(!refused.out.contains(u"pool_mode = transaction"), qPrintable(refused.out));
    QCOMPARE(SecretStore::read(adminKey, &error), std::nullopt);

    const CheckLiveRun first
        = runCheckLive(arguments + QStringList {u"--admin-password-env"_s, u"ADMIN_PW"_s},
                       {{u"PW"_s, m_servers.appPassword()}, {u"ADMIN_PW"_s, m_servers.adminPassword()}});
    QVERIFY2(first.out.contains(u"pool_mode = transaction"), qPrintable(first.out + first.err));
    QCOMPARE(SecretStore::read(adminKey, &error), std::optional<QString>(m_servers.adminPassword()));

    const CheckLiveRun second = runCheckLive(arguments, {{u"PW"_s, m_servers.appPassword()}});
    QVERIFY2(second.out.contains(u"pool_mode = transaction"), qPrintable(second.out + second.err));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
