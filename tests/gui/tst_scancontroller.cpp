#include "expectedfindings.h"
#include "generatedrepo.h"
#include "scanning/scancontroller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// The scan controller: a real scan on a worker thread, its batches and progress on the GUI
// thread, cancelling, and a newer scan making an older one stale.
class TestScanController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scansSampleInBatches();
    void cancelStopsTheScan();
    void newScanDropsTheStaleOne();
    void destroyedWhileScanning();

private:
    QTemporaryDir m_dir;
    QString m_bigRepo;
    static constexpr int bigRepoFiles = 400;
    static constexpr int timeoutMs = 120000;
};

void TestScanController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_bigRepo = m_dir.filePath(u"big"_s);
    QVERIFY(writeGeneratedRepository(m_bigRepo, bigRepoFiles));
}

void TestScanController::scansSampleInBatches()
{
    ScanController controller;
    QSignalSpy started(&controller, &ScanController::started);
    QSignalSpy batches(&controller, &ScanController::findingsFound);
    QSignalSpy progress(&controller, &ScanController::progressChanged);
    QSignalSpy finished(&controller, &ScanController::finished);
    QSignalSpy running(&controller, &ScanController::runningChanged);
    ScanOptions options;
    options.root = sampleDir();
    controller.start(options);
    QCOMPARE(started.count(), 1);
    QVERIFY(controller.isRunning());
    QCOMPARE(running.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
    QVERIFY(!controller.isRunning());
    QCOMPARE(running.count(), 2);
    QCOMPARE(running.last().first().toBool(), false);

    const ScanResult result = finished.first().first().value<ScanResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(!result.cancelled);
    QVERIFY(result.filesScanned > 0);
    // Every finding of the result came in a batch first, on this (the GUI) thread.
    qsizetype inBatches = 0;
    for (const QList<QVariant> &arguments : std::as_const(batches))
        inBatches += arguments.first().value<QList<Finding>>().size();
    QCOMPARE(inBatches, result.findings.size());
    QVERIFY(!progress.isEmpty());
    const ScanProgress last = progress.last().first().value<ScanProgress>();
    QCOMPARE(last.filesDone, last.filesTotal);
    QCOMPARE(last.filesDone, result.filesScanned);

    int unsuppressed = 0;
    for (const Finding &finding : result.findings)
        unsuppressed += finding.suppressed ? 0 : 1;
    QCOMPARE(unsuppressed, int(readExpectedFindings().size()));
}

void TestScanController::cancelStopsTheScan()
{
    ScanController controller;
    QSignalSpy finished(&controller, &ScanController::finished);
    ScanOptions options;
    options.root = m_bigRepo;
    controller.start(options);
    controller.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
    const ScanResult result = finished.first().first().value<ScanResult>();
    QVERIFY(result.cancelled);
    QVERIFY2(result.filesScanned < bigRepoFiles, qPrintable(QString::number(result.filesScanned)));
    QVERIFY(!controller.isRunning());
}

void TestScanController::newScanDropsTheStaleOne()
{
    ScanController controller;
    QSignalSpy batches(&controller, &ScanController::findingsFound);
    QSignalSpy finished(&controller, &ScanController::finished);
    QSignalSpy running(&controller, &ScanController::runningChanged);
    ScanOptions big;
    big.root = m_bigRepo;
    controller.start(big);
    ScanOptions sample;
    sample.root = sampleDir();
    controller.start(sample);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
    // Let the stale worker wind down and anything it queued arrive: nothing more may show up.
    controller.waitForWorkers();
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(running.count(), 2); // one scan as far as the GUI is concerned: on, then off
    const ScanResult result = finished.first().first().value<ScanResult>();
    QCOMPARE(QDir(result.root).canonicalPath(), QDir(sampleDir()).canonicalPath());
    for (const QList<QVariant> &arguments : std::as_const(batches)) {
        for (const Finding &finding : arguments.first().value<QList<Finding>>())
            QVERIFY2(!finding.location.path.startsWith(u"src/module"), qPrintable(finding.location.path));
    }
}

void TestScanController::destroyedWhileScanning()
{
    auto *controller = new ScanController;
    ScanOptions options;
    options.root = m_bigRepo;
    controller->start(options);
    QTest::qWait(20);
    delete controller; // cancels, waits for the worker; nothing it queued may arrive afterwards
    QTest::qWait(100);
}

QTEST_MAIN(TestScanController)
#include "tst_scancontroller.moc"
