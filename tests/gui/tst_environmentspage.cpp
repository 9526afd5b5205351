#include "audit/auditcontroller.h"
#include "environments/addedenvironments.h"
#include "environments/environmentsfilterproxy.h"
#include "environments/environmentsmodel.h"
#include "environments/livecheckdialog.h"
#include "expectedfindings.h"
#include "mainwindow.h"
#include "pages/environmentspage.h"
#include "scanning/scancontroller.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// Drives the Environments page of the real window offscreen on the bundled sample backend:
// its environments as discovered, an edit that breaks a URL, an added environment and what the
// settings keep of it.
class TestEnvironmentsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsSampleEnvironments();
    void urlsAreMasked();
    void detailsShowParameters();
    void editingUrlChangesVerdict();
    void revertRestoresRepositoryUrl();
    void editKeepsSecretReferences();
    void addEnvironmentThroughDialog();
    void storedSettingsHoldNoPassword();
    void addedEnvironmentsComeBack();
    void removeAddedEnvironment();
    void filterAndProblemsOnly();
    void emptyInputIsRefused();
    void liveCheckReportsRefusedConnection();

private:
    EnvironmentsPage *page() const { return m_window->environmentsPage(); }
    EnvironmentsModel *model() const { return page()->model(); }
    int rowOf(const QString &environment, const QString &key) const;
    QString cell(int row, int column) const { return model()->index(row, column).data().toString(); }
    bool typeInEditor(const QString &text);

    MainWindow *m_window = nullptr;
    static constexpr int timeoutMs = 120000;
    static constexpr auto plantedPassword = "Pl4nted-Secret-91"_L1;
};

void TestEnvironmentsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PoolProof"_s);
    QCoreApplication::setApplicationName(u"PoolProof-environments-tests"_s);
    QSettings().clear();
    m_window = new MainWindow;
    // Watch the models from the start, through every reset, insertion and change.
    new QAbstractItemModelTester(page()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    new QAbstractItemModelTester(page()->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_window->openFolder(sampleDir()));
    QVERIFY(QTest::qWaitFor([this] { return !m_window->scanController()->isRunning(); }, timeoutMs));
    QVERIFY(QTest::qWaitFor([this] { return !m_window->auditController()->isRunning(); }, timeoutMs));
    QVERIFY(m_window->auditController()->result().has_value());
    m_window->showPage(MainWindow::Page::Environments);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Environments);
}

void TestEnvironmentsPage::cleanupTestCase()
{
    delete m_window;
    QSettings().clear();
}

int TestEnvironmentsPage::rowOf(const QString &environment, const QString &key) const
{
    for (int row = 0; row < model()->rowCount(); ++row) {
        if (cell(row, EnvironmentsModel::EnvironmentColumn) == environment
            && cell(row, EnvironmentsModel::SettingColumn) == key)
            return row;
    }
    return -1;
}

// Replaces the editor's text the way a user does: select all, type.
bool TestEnvironmentsPage::typeInEditor(const QString &text)
{
    QLineEdit *editor = page()->urlEdit();
    if (!editor->isEnabled())
        return false;
    editor->setFocus();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, text);
    return editor->text() == text;
}

void TestEnvironmentsPage::listsSampleEnvironments()
{
    QStringList sources;
    QStringList environments;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QString source = cell(row, EnvironmentsModel::SourceColumn);
        sources << source.left(source.indexOf(u':'));
        if (!environments.contains(cell(row, EnvironmentsModel::EnvironmentColumn)))
            environments << cell(row, EnvironmentsModel::EnvironmentColumn);
    }
    QCOMPARE(environments, QStringList({u"development"_s, u"staging"_s, u"production"_s}));
    for (const QString &file :
         {u".env.example"_s, u".env.staging.example"_s, u".env.production.example"_s, u"pgbouncer.ini"_s})
        QVERIFY2(sources.contains(file), qPrintable(file + u" missing from " + sources.join(u", ")));
    const int pooler = rowOf(u"production"_s, u"[databases] freshtrack"_s);
    QVERIFY(pooler >= 0);
    QCOMPARE(cell(pooler, EnvironmentsModel::SourceColumn), u"pgbouncer.ini:5"_s);
    QCOMPARE(cell(pooler, EnvironmentsModel::UrlColumn),
             u"host=db-primary.freshtrack.internal port=5432 dbname=freshtrack"_s);
    // The sample's settings are all right for PgBouncer 1.24.
    const int production = rowOf(u"production"_s, u"DATABASE_URL"_s);
    QVERIFY(production >= 0);
    QCOMPARE(cell(production, EnvironmentsModel::VerdictColumn), u"OK"_s);
    QCOMPARE(model()->index(production, EnvironmentsModel::IssuesColumn).data().toInt(), 0);
    QCOMPARE(page()->view()->model()->rowCount(), model()->rowCount());
}

void TestEnvironmentsPage::urlsAreMasked()
{
    const int production = rowOf(u"production"_s, u"DATABASE_URL"_s);
    const QString shown = cell(production, EnvironmentsModel::UrlColumn);
    QVERIFY2(shown.startsWith(u"postgresql://freshtrack_app:****@db-pooler.freshtrack.internal:6432/freshtrack"),
             qPrintable(shown));
    for (int row = 0; row < model()->rowCount(); ++row) {
        QVERIFY(!cell(row, EnvironmentsModel::UrlColumn).contains(u"${DB_"));
        QVERIFY(!model()->entries().at(row).text.contains(u"${DB_"));
    }
}

void TestEnvironmentsPage::detailsShowParameters()
{
    const int production = rowOf(u"production"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(production));
    QCOMPARE(page()->currentEntryRow(), production);
    QCOMPARE(page()->urlEdit()->text(), model()->entries().at(production).maskedText());
    const QString details = page()->details()->toPlainText();
    for (const QString &expected : {u"db-pooler.freshtrack.internal"_s, u"6432"_s, u"freshtrack_app"_s,
                                    u"verify-full"_s, u"through the pooler"_s, u"No issues"_s, u"from DB_PASSWORD"_s})
        QVERIFY2(details.contains(expected), qPrintable(expected + u" not in:\n" + details));
}

void TestEnvironmentsPage::editingUrlChangesVerdict()
{
    const int production = rowOf(u"production"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(production));
    // Straight to the primary, TLS off: in production, where the project expects the pooler.
    const QString bad
        = u"postgresql://freshtrack_app:****@db-primary.freshtrack.internal:5432/freshtrack?sslmode=disable"_s;
    QVERIFY(typeInEditor(bad));
    QTRY_COMPARE_WITH_TIMEOUT(cell(production, EnvironmentsModel::VerdictColumn), u"Error"_s, 2000);
    QVERIFY(model()->index(production, EnvironmentsModel::IssuesColumn).data().toInt() >= 2);
    QCOMPARE(model()->index(production, 0).data(EnvironmentsModel::SeverityRole).toInt(), int(Severity::Error));
    QVERIFY(model()->entries().at(production).edited);
    QCOMPARE(cell(production, EnvironmentsModel::UrlColumn), bad);
    const QString details = page()->details()->toPlainText();
    QVERIFY2(details.contains(u"Fix:"), qPrintable(details));
    QVERIFY2(details.contains(u"straight to the database"), qPrintable(details));
    // The repository is untouched.
    QFile file(sampleDir() + u"/.env.production.example");
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("db-pooler.freshtrack.internal:6432"));
}

void TestEnvironmentsPage::revertRestoresRepositoryUrl()
{
    const int production = rowOf(u"production"_s, u"DATABASE_URL"_s);
    auto *revert = m_window->findChild<QPushButton *>(u"revertEnvironmentButton"_s);
    QVERIFY(revert);
    QVERIFY(revert->isEnabled());
    QTest::mouseClick(revert, Qt::LeftButton);
    QCOMPARE(cell(production, EnvironmentsModel::VerdictColumn), u"OK"_s);
    QVERIFY(!model()->entries().at(production).edited);
    QVERIFY(page()->urlEdit()->text().contains(u"db-pooler.freshtrack.internal:6432"));
    QVERIFY(!revert->isEnabled());
}

void TestEnvironmentsPage::editKeepsSecretReferences()
{
    // Only the timeout changes: the "****" still stands for ${DB_PASSWORD}, so no literal
    // password appears and the verdict stays OK.
    const int staging = rowOf(u"staging"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(staging));
    QString text = page()->urlEdit()->text();
    QVERIFY(text.contains(u"connect_timeout=5"));
    text.replace(u"connect_timeout=5"_s, u"connect_timeout=7"_s);
    QVERIFY(typeInEditor(text));
    QTRY_VERIFY_WITH_TIMEOUT(model()->entries().at(staging).edited, 2000);
    QCOMPARE(model()->entries().at(staging).check.analysis.facts().password, PasswordState::Reference);
    QCOMPARE(cell(staging, EnvironmentsModel::VerdictColumn), u"OK"_s);
}

void TestEnvironmentsPage::addEnvironmentThroughDialog()
{
    const int before = model()->rowCount();
    const QString url = u"postgresql://report:%1@db.eu.example.com:5432/freshtrack"_s.arg(plantedPassword);
    bool filled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *name = dialog->findChild<QLineEdit *>(u"environmentNameEdit"_s);
        auto *edit = dialog->findChild<QLineEdit *>(u"environmentUrlEdit"_s);
        QTest::keyClicks(name, u"production-eu"_s);
        QTest::keyClicks(edit, url);
        filled = dialog->findChild<QLabel *>(u"environmentUrlPreview"_s)->text().contains(u"report:****@");
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"addEnvironmentButton"_s), Qt::LeftButton);
    QVERIFY(filled);
    QCOMPARE(model()->rowCount(), before + 1);
    const int added = rowOf(u"production-eu"_s, u"DATABASE_URL"_s);
    QCOMPARE(added, before);
    QCOMPARE(page()->currentEntryRow(), added);
    QVERIFY(model()->entries().at(added).userAdded);
    QCOMPARE(cell(added, EnvironmentsModel::SourceColumn), u"added by you"_s);
    QCOMPARE(cell(added, EnvironmentsModel::UrlColumn),
             u"postgresql://report:****@db.eu.example.com:5432/freshtrack"_s);
    // A production URL straight to port 5432 with a literal password and TLS not required.
    QCOMPARE(cell(added, EnvironmentsModel::VerdictColumn), u"Error"_s);
    QVERIFY(!page()->urlEdit()->text().contains(plantedPassword));
    QVERIFY(!page()->details()->toPlainText().contains(plantedPassword));
}

void TestEnvironmentsPage::storedSettingsHoldNoPassword()
{
    const QList<AddedEnvironment> stored = AddedEnvironments::load(m_window->root());
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().name, u"production-eu"_s);
    QCOMPARE(stored.first().maskedUrl, u"postgresql://report:****@db.eu.example.com:5432/freshtrack"_s);
    // The file itself, whatever its format.
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("db.eu.example.com"));
    QVERIFY(bytes.contains("report:****@"));
    QVERIFY(!bytes.contains(QByteArray(plantedPassword.data(), plantedPassword.size())));
    QVERIFY(!bytes.contains(QString(plantedPassword).toUtf8()));
    // Edits of an added environment are stored the same way.
    const int added = rowOf(u"production-eu"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(added));
    QVERIFY(typeInEditor(
        u"postgresql://report:other-%1@db.eu.example.com:6432/freshtrack?sslmode=verify-full"_s.arg(plantedPassword)));
    QTRY_COMPARE_WITH_TIMEOUT(AddedEnvironments::load(m_window->root()).first().maskedUrl,
                              u"postgresql://report:****@db.eu.example.com:6432/freshtrack?sslmode=verify-full"_s,
                              2000);
    // Typed in clear, shown masked once the row is selected again.
    QVERIFY(page()->selectEntry(0));
    QVERIFY(page()->selectEntry(added));
    QCOMPARE(page()->urlEdit()->text(),
             u"postgresql://report:****@db.eu.example.com:6432/freshtrack?sslmode=verify-full"_s);
    settings.sync();
    QFile reread(settings.fileName());
    QVERIFY(reread.open(QIODevice::ReadOnly));
    QVERIFY(!reread.readAll().contains(QByteArray(plantedPassword.data(), plantedPassword.size())));
}

void TestEnvironmentsPage::addedEnvironmentsComeBack()
{
    MainWindow second;
    QVERIFY(second.openFolder(sampleDir()));
    QVERIFY(QTest::qWaitFor([&] { return !second.scanController()->isRunning(); }, timeoutMs));
    QVERIFY(QTest::qWaitFor([&] { return !second.auditController()->isRunning(); }, timeoutMs));
    const EnvironmentsModel *restored = second.environmentsPage()->model();
    bool found = false;
    for (const EnvironmentEntry &entry : restored->entries()) {
        if (entry.environment == u"production-eu") {
            found = true;
            QVERIFY(entry.userAdded);
            QCOMPARE(entry.maskedText(),
                     u"postgresql://report:****@db.eu.example.com:6432/freshtrack?sslmode=verify-full"_s);
        }
    }
    QVERIFY(found);
}

void TestEnvironmentsPage::removeAddedEnvironment()
{
    const int added = rowOf(u"production-eu"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(added));
    auto *remove = m_window->findChild<QPushButton *>(u"removeEnvironmentButton"_s);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(rowOf(u"production-eu"_s, u"DATABASE_URL"_s), -1);
    QVERIFY(AddedEnvironments::load(m_window->root()).isEmpty());
    // Discovered settings cannot be removed.
    QVERIFY(page()->selectEntry(0));
    QVERIFY(!remove->isEnabled());
}

void TestEnvironmentsPage::filterAndProblemsOnly()
{
    EnvironmentsFilterProxy *proxy = page()->proxy();
    auto *filter = m_window->findChild<QLineEdit *>(u"environmentsFilter"_s);
    QTest::keyClicks(filter, u"pgbouncer"_s);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, EnvironmentsModel::SettingColumn).data().toString(), u"[databases] freshtrack"_s);
    filter->clear();
    QCOMPARE(proxy->rowCount(), model()->rowCount());

    auto *problemsOnly = m_window->findChild<QCheckBox *>(u"problemsOnlyCheck"_s);
    problemsOnly->setChecked(true);
    QCOMPARE(proxy->rowCount(), 0); // the sample's settings are all fine
    // A broken edit makes its row a problem, and it appears at once.
    problemsOnly->setChecked(false);
    const int development = rowOf(u"development"_s, u"DATABASE_URL"_s);
    QVERIFY(page()->selectEntry(development));
    QVERIFY(typeInEditor(u"postgresql://freshtrack:****@localhost:99999/freshtrack_dev"_s));
    QTRY_VERIFY_WITH_TIMEOUT(model()->entries().at(development).edited, 2000);
    problemsOnly->setChecked(true);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, EnvironmentsModel::EnvironmentColumn).data().toString(), u"development"_s);
    problemsOnly->setChecked(false);
    // Sorting by verdict puts the worst first.
    page()->view()->sortByColumn(EnvironmentsModel::VerdictColumn, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, EnvironmentsModel::EnvironmentColumn).data().toString(), u"development"_s);
    page()->view()->sortByColumn(-1, Qt::AscendingOrder);
}

void TestEnvironmentsPage::emptyInputIsRefused()
{
    const int before = model()->rowCount();
    QVERIFY(!page()->addEnvironment(u""_s, u"postgresql://h/db"_s));
    QVERIFY(!page()->addEnvironment(u"qa"_s, u"   "_s));
    QCOMPARE(model()->rowCount(), before);
}

void TestEnvironmentsPage::liveCheckReportsRefusedConnection()
{
    auto *button = m_window->findChild<QPushButton *>(u"liveCheckButton"_s);
    QVERIFY(button);
    QVERIFY(button->isVisible());
    // Nothing listens on port 1 of this machine: a real connection attempt, refused at once.
    const EnvironmentEntry entry
        = userEntry(u"qa"_s, u"postgresql://app@127.0.0.1:1/freshtrack?connect_timeout=3"_s, nullptr);
    LiveCheckDialog dialog(entry, m_window);
    dialog.setPassword(QString(plantedPassword));
    dialog.setTimeoutSeconds(3);
    dialog.start();
    // Refused within a millisecond: whether it still runs cannot be asked here (tst_livedialog
    // shows the check running off the GUI thread against a silent server).
    QTRY_VERIFY_WITH_TIMEOUT(dialog.result().has_value(), 30000);
    const LiveCheckResult &result = *dialog.result();
    QVERIFY(!result.connected);
    QVERIFY(!result.reachable);
    QVERIFY2(result.failure == LiveFailure::Refused, qPrintable(liveFailureId(result.failure) + u": " + result.error));
    const QString shown = dialog.resultText();
    QVERIFY2(shown.contains(u"Not connected"), qPrintable(shown));
    QVERIFY(!shown.contains(plantedPassword));
}

QTEST_MAIN(TestEnvironmentsPage)
#include "tst_environmentspage.moc"
