#include "audit/auditcontroller.h"
#include "expectedfindings.h"
#include "export/exportformat.h"
#include "mainwindow.h"
#include "pages/exportpage.h"
#include "samplecopy.h"
#include "scanning/scancontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// Drives the Export page of the real window offscreen on a copy of the sample backend whose
// production URL carries a planted clear-text password: the preview, the four exports, and the
// password in none of them.
class TestExportPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void noReportBeforeScan();
    void previewRendersDatabaseMd();
    void exportsAllFormats_data();
    void exportsAllFormats();
    void exportToBadPathFails();
    void rescanUpdatesPreview();

private:
    ExportPage *page() const { return m_window->exportPage(); }
    bool waitForAudit();

    MainWindow *m_window = nullptr;
    QTemporaryDir m_repo;
    QTemporaryDir m_out;
    static constexpr int timeoutMs = 120000;
    static constexpr QByteArrayView planted = "Pl4nted-Export-Secret";
};

void TestExportPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PoolProof"_s);
    QCoreApplication::setApplicationName(u"PoolProof-export-tests"_s);
    QSettings().clear();
    QVERIFY(m_repo.isValid());
    QVERIFY(m_out.isValid());
    QVERIFY(copyTree(sampleDir(), m_repo.path()));
    QVERIFY(replaceInFile(m_repo.filePath(u".env.production.example"_s), "freshtrack_app:${DB_PASSWORD}@",
                          "freshtrack_app:" + planted.toByteArray() + "@"));
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestExportPage::cleanupTestCase()
{
    delete m_window;
    QSettings().clear();
}

bool TestExportPage::waitForAudit()
{
    return QTest::qWaitFor([this] { return !m_window->scanController()->isRunning(); }, timeoutMs)
        && QTest::qWaitFor([this] { return !m_window->auditController()->isRunning(); }, timeoutMs);
}

void TestExportPage::noReportBeforeScan()
{
    m_window->showPage(MainWindow::Page::Export);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Export);
    QVERIFY(!page()->hasAudit());
    QString error;
    QVERIFY(!page()->exportTo(ExportFormat::Markdown, m_out.filePath(u"early.md"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(m_out.filePath(u"early.md"_s)));
    for (auto *button : page()->findChildren<QPushButton *>())
        QVERIFY2(!button->isEnabled(), qPrintable(button->objectName()));
}

void TestExportPage::previewRendersDatabaseMd()
{
    QVERIFY(m_window->openFolder(m_repo.path()));
    QVERIFY(waitForAudit());
    m_window->showPage(MainWindow::Page::Export);
    QVERIFY(page()->hasAudit());
    const QString markdown = page()->markdown();
    QVERIFY(markdown.startsWith(u"# Database access: "));
    QVERIFY(!markdown.contains(QLatin1StringView(planted)));
    // The preview is the rendered Markdown, not its source.
    const QTextDocument *document = page()->preview()->document();
    const QString text = document->toPlainText();
    for (const QString &heading : {u"Database access: "_s, u"Pooling architecture"_s, u"Environments"_s,
                                   u"Compatibility audit"_s, u"Findings"_s})
        QVERIFY2(text.contains(heading), qPrintable(heading));
    QVERIFY(!text.contains(u"## "));
    QVERIFY(!text.contains(QLatin1StringView(planted)));
    QVERIFY(document->firstBlock().blockFormat().headingLevel() == 1);
    // The planted password is a finding of its own, masked.
    QVERIFY(text.contains(u"freshtrack_app:****@db-pooler.freshtrack.internal"));
    // The sample is built to fail.
    QVERIFY2(m_window->findChild<QLabel *>(u"exportStatus"_s)->text().contains(u"Incompatible"),
             qPrintable(m_window->findChild<QLabel *>(u"exportStatus"_s)->text()));
    for (auto *button : page()->findChildren<QPushButton *>())
        QVERIFY2(button->isEnabled(), qPrintable(button->objectName()));
}

void TestExportPage::exportsAllFormats_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("markdown") << ExportFormat::Markdown << u"DATABASE.md"_s
                              << QStringList {u"# Database access: "_s, u"## Environments"_s,
                                              u"## Compatibility audit"_s, u"PB"_s};
    QTest::newRow("json") << ExportFormat::Json << u"audit.json"_s
                          << QStringList {u"\"environments\""_s, u"\"status\""_s};
    QTest::newRow("sarif") << ExportFormat::Sarif << u"audit.sarif"_s << QStringList {u"\"2.1.0\""_s, u"\"runs\""_s};
    QTest::newRow("html") << ExportFormat::Html << u"DATABASE.html"_s
                          << QStringList {u"<html"_s, u"Database access: "_s, u"Environments</h2>"_s};
}

void TestExportPage::exportsAllFormats()
{
    QFETCH(ExportFormat, format);
    QFETCH(QString, fileName);
    QFETCH(QStringList, expected);
    const QString path = m_out.filePath(fileName);
    QString error;
    QVERIFY2(page()->exportTo(format, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    const QString text = QString::fromUtf8(bytes);
    for (const QString &needle : expected)
        QVERIFY2(text.contains(needle), qPrintable(needle));
    QVERIFY2(!bytes.contains(planted), "the planted password was exported");
    if (format != ExportFormat::Sarif)
        QVERIFY(text.contains(u"freshtrack_app:****@"));
    if (format == ExportFormat::Json || format == ExportFormat::Sarif) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        if (format == ExportFormat::Json) {
            QCOMPARE(document.object().value(u"status").toString(), u"INCOMPATIBLE"_s);
            QCOMPARE(document.object().value(u"environments").toArray().size(), 3);
        } else {
            QCOMPARE(document.object().value(u"version").toString(), u"2.1.0"_s);
            QVERIFY(
                !document.object().value(u"runs").toArray().first().toObject().value(u"results").toArray().isEmpty());
        }
    }
    if (format == ExportFormat::Markdown)
        QCOMPARE(text, page()->markdown());
}

void TestExportPage::exportToBadPathFails()
{
    QString error;
    const QString path = m_out.filePath(u"no-such-folder/DATABASE.md"_s);
    QVERIFY(!page()->exportTo(ExportFormat::Markdown, path, &error));
    QVERIFY2(error.contains(u"no-such-folder"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path));
}

void TestExportPage::rescanUpdatesPreview()
{
    // The planted password removed, the reference restored: the audit's finding about it goes.
    QVERIFY(replaceInFile(m_repo.filePath(u".env.production.example"_s),
                          "freshtrack_app:" + planted.toByteArray() + "@", "freshtrack_app:${DB_PASSWORD}@"));
    const QString before = page()->markdown();
    m_window->rescan();
    QVERIFY(waitForAudit());
    QVERIFY(page()->markdown() != before);
    QVERIFY(page()->markdown().startsWith(u"# Database access: "));
}

QTEST_MAIN(TestExportPage)
#include "tst_exportpage.moc"
