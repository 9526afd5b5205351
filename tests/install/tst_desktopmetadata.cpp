#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

// The desktop file and the AppStream metadata in resources/ pass their validators without a
// single remark, so software centres and desktops show the application as intended.
class TestDesktopMetadata : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void desktopFileIsValid();
    void metainfoIsValid();

private:
    struct Run {
        int exitCode = -1;
        QString output;
    };
    static Run run(const QString &program, const QStringList &arguments);
};

TestDesktopMetadata::Run TestDesktopMetadata::run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return {-1, program + u": "_s + process.errorString()};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput())};
}

void TestDesktopMetadata::desktopFileIsValid()
{
    const Run result = run(QStringLiteral(POOLPROOF_DESKTOP_FILE_VALIDATE),
                           {QStringLiteral(POOLPROOF_SOURCE_DIR "/resources/org.poolproof.PoolProof.desktop")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
    // desktop-file-validate prints hints even when it succeeds; none are accepted.
    QVERIFY2(result.output.trimmed().isEmpty(), qPrintable(result.output));
}

void TestDesktopMetadata::metainfoIsValid()
{
    // --no-net: the screenshots' and the homepage's addresses are not fetched; CI runs offline.
    const Run result = run(QStringLiteral(POOLPROOF_APPSTREAMCLI),
                           {u"validate"_s, u"--no-net"_s, u"--no-color"_s,
                            QStringLiteral(POOLPROOF_SOURCE_DIR "/resources/org.poolproof.PoolProof.metainfo.xml")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
    QVERIFY2(result.output.contains(u"Validation was successful"_s), qPrintable(result.output));
    // Warnings (W:) and errors (E:) fail the test; pedantic remarks are not reported by default.
    QVERIFY2(!result.output.contains(u"\nW:"_s) && !result.output.startsWith(u"W:"_s), qPrintable(result.output));
}

QTEST_GUILESS_MAIN(TestDesktopMetadata)
#include "tst_desktopmetadata.moc"
