#include "liveservers.h"

#include "environments/environmententry.h"
#include "environments/livecheckdialog.h"
#include "live/secretstore.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace poolproof;
using namespace poolproof::gui;

// The desktop application's live check against the real servers, with a real system keychain
// (see with-keyring.sh): connected off the GUI thread, the password kept only when asked to,
// taken from the keychain next time, and forgotten when the box is unticked.
class TestLiveDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void connectsThroughThePooler();
    void keychainKeepsAndForgets();
    void staysResponsive();

private:
    // Runs a check in a fresh dialog and waits for it.
    LiveCheckResult check(const QString &password, std::optional<bool> useKeychain, QString *shown);
    QString appKey() const;
    LiveServers m_servers;
};

void TestLiveDialog::initTestCase()
{
    m_servers = LiveServers::read();
    QVERIFY2(m_servers.error.isEmpty(), qPrintable(m_servers.error));
    QVERIFY(SecretStore::isAvailable());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PoolProof"_s);
    QCoreApplication::setApplicationName(u"PoolProof-livedialog-tests"_s);
    QSettings().clear();
}

QString TestLiveDialog::appKey() const
{
    return SecretStore::keyFor(m_servers.value("APP_USER"), u"127.0.0.1"_s, m_servers.value("PGBOUNCER_PORT"),
                               u"app"_s);
}

LiveCheckResult TestLiveDialog::check(const QString &password, std::optional<bool> useKeychain, QString *shown)
{
    const EnvironmentEntry entry = userEntry(u"staging"_s, m_servers.url("PGBOUNCER_PORT"), nullptr);
    LiveCheckDialog dialog(entry);
    dialog.show();
    dialog.setPassword(password);
    dialog.setTimeoutSeconds(3);
    if (useKeychain)
        dialog.setUseKeychain(*useKeychain);
    dialog.start();
    if (!QTest::qWaitFor([&] { return dialog.result().has_value(); }, 30000)) {
        *shown = u"no result within 30 s"_s;
        return {};
    }
    *shown = dialog.resultText();
    return *dialog.result();
}

void TestLiveDialog::connectsThroughThePooler()
{
    QString shown;
    const LiveCheckResult result = check(m_servers.appPassword(), false, &shown);
    QVERIFY2(result.connected, qPrintable(shown));
    QVERIFY2(shown.contains(u"Connected"), qPrintable(shown));
    QVERIFY2(shown.contains(u"PostgreSQL 17") || shown.contains(u"17."), qPrintable(shown));
    QVERIFY(!shown.contains(m_servers.appPassword()));
    // Unticked, nothing was kept.
    QString error;
    QCOMPARE(SecretStore::read(appKey(), &error), std::nullopt);
}

void TestLiveDialog::keychainKeepsAndForgets()
{
    QString error;
    QVERIFY2(SecretStore::remove(appKey(), &error), qPrintable(error));
    QString shown;

    // Ticked: the password that logged in is kept.
    LiveCheckResult result = check(m_servers.appPassword(), true, &shown);
    QVERIFY2(result.connected, qPrintable(shown));
    QVERIFY2(shown.contains(u"Kept in the system keychain"), qPrintable(shown));
    QCOMPARE(SecretStore::read(appKey(), &error), std::optional<QString>(m_servers.appPassword()));

    // The box stays ticked, and an empty password field is filled from the keychain.
    result = check(QString(), std::nullopt, &shown);
    QVERIFY2(result.connected, qPrintable(shown));
    QVERIFY2(shown.contains(u"The password came from the system keychain"), qPrintable(shown));

    // Unticked: what was kept is removed, and the next check without a password fails.
    result = check(QString(), false, &shown);
    QVERIFY(!result.connected);
    QVERIFY2(shown.contains(u"Removed what the system keychain kept"), qPrintable(shown));
    QCOMPARE(SecretStore::read(appKey(), &error), std::nullopt);
    result = check(QString(), true, &shown);
    QVERIFY(!result.connected);
    QCOMPARE(result.failure, LiveFailure::Authentication);

    // The settings file remembers the box, never the password.
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("useKeychain"));
    QVERIFY(!stored.contains(m_servers.appPassword().toUtf8()));
}

void TestLiveDialog::staysResponsive()
{
    // A server that accepts the connection and never answers: the check waits for it off the GUI
    // thread, the window keeps handling events, and the wait ends at the timeout.
    LoopbackPort silent(true);
    const EnvironmentEntry entry
        = userEntry(u"qa"_s, u"postgresql://app@127.0.0.1:"_s + silent.port() + u"/app"_s, nullptr);
    LiveCheckDialog dialog(entry);
    dialog.show();
    dialog.setPassword(u"irrelevant"_s);
    dialog.setTimeoutSeconds(2);
    dialog.setUseKeychain(false);
    QElapsedTimer timer;
    timer.start();
    dialog.start();
    QVERIFY(dialog.isRunning());
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(20);
    QTest::qWait(500);
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.result().has_value());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.result().has_value(), 15000);
    QCOMPARE(dialog.result()->failure, LiveFailure::Timeout);
    QVERIFY2(timer.elapsed() >= 1900 && timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_MAIN(TestLiveDialog)
#include "tst_livedialog.moc"
