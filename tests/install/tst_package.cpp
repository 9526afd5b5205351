#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Builds the Debian package with CPack from this build folder, unpacks it into a scratch root with
// dpkg-deb (no maintainer scripts exist, so unpacking is all an installation does), and runs and
// inspects what it installed.
class TestPackage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void controlFields();
    void installsTheFilesADesktopExpects();
    void installedCliRuns();
    void installedCliFindsTheGermanCatalog();
    void installedCatalogComesFirst();
    void installedCliScansTheSample();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
                   const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    QString installed(const QString &path) const { return m_root.filePath(u"root"_s + path); }
    QString cli() const { return installed(u"/usr/bin/poolproof-cli"_s); }

    QTemporaryDir m_root;
    QString m_deb;
};

TestPackage::Run TestPackage::run(const QString &program, const QStringList &arguments, const QString &workingDirectory,
                                  const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForFinished(600000))
        return {-1, {}, (program + u": "_s + process.errorString()).toUtf8()};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

void TestPackage::initTestCase()
{
    QVERIFY(m_root.isValid());
    // -B keeps the package and CPack's staging tree out of the build folder.
    const Run cpack = run(QStringLiteral(POOLPROOF_CPACK), {u"-G"_s, u"DEB"_s, u"-B"_s, m_root.filePath(u"package"_s)},
                          QStringLiteral(POOLPROOF_BINARY_DIR));
    QVERIFY2(cpack.exitCode == 0, cpack.out.constData());
    const QStringList debs = QDir(m_root.filePath(u"package"_s)).entryList({u"*.deb"_s}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    m_deb = m_root.filePath(u"package/"_s + debs.first());
    QVERIFY2(QFileInfo(m_deb).fileName().startsWith(u"poolproof_" POOLPROOF_VERSION "_"_s), qPrintable(m_deb));

    const Run extract = run(QStringLiteral(POOLPROOF_DPKG_DEB), {u"-x"_s, m_deb, m_root.filePath(u"root"_s)});
    QVERIFY2(extract.exitCode == 0, extract.err.constData());
}

void TestPackage::controlFields()
{
    const Run fields
        = run(QStringLiteral(POOLPROOF_DPKG_DEB), {u"-f"_s, m_deb, u"Package"_s, u"Section"_s, u"Depends"_s});
    QVERIFY2(fields.exitCode == 0, fields.err.constData());
    const QString control = QString::fromUtf8(fields.out);
    QVERIFY2(control.contains(u"Package: poolproof\n"_s), qPrintable(control));
    QVERIFY2(control.contains(u"Section: devel\n"_s), qPrintable(control));
    // dpkg-shlibdeps filled in the shared libraries' packages next to the ones listed by hand.
    QVERIFY2(control.contains(u"libc6"_s) && control.contains(u"libqt6core6"_s) && control.contains(u"libpq5"_s),
             qPrintable(control));
    QVERIFY2(control.contains(u"libqt6sql6-psql"_s) && control.contains(u"git"_s), qPrintable(control));
}

void TestPackage::installsTheFilesADesktopExpects()
{
    QStringList expected {
        u"/usr/bin/poolproof-cli"_s,
        u"/usr/share/man/man1/poolproof-cli.1"_s,
        u"/usr/share/poolproof/translations/poolproof_de.qm"_s,
        u"/usr/share/doc/poolproof/user-guide.md"_s,
        u"/usr/share/doc/poolproof/rules/README.md"_s,
        u"/usr/share/doc/poolproof/rules/PB101.md"_s,
    };
#ifdef POOLPROOF_PACKAGE_HAS_GUI
    // The desktop application and what desktops and software centres read about it.
    expected << u"/usr/bin/poolproof"_s << u"/usr/share/applications/org.poolproof.PoolProof.desktop"_s
             << u"/usr/share/metainfo/org.poolproof.PoolProof.metainfo.xml"_s
             << u"/usr/share/icons/hicolor/scalable/apps/org.poolproof.PoolProof.svg"_s
             << u"/usr/share/icons/hicolor/48x48/apps/org.poolproof.PoolProof.png"_s
             << u"/usr/share/icons/hicolor/256x256/apps/org.poolproof.PoolProof.png"_s;
#endif
    QStringList missing;
    for (const QString &path : expected) {
        if (!QFileInfo(installed(path)).isFile() || QFileInfo(installed(path)).size() == 0)
            missing << path;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"not installed: "_s + missing.join(u", "_s)));
    QVERIFY(QFileInfo(installed(u"/usr/bin/poolproof-cli"_s)).isExecutable());

#ifdef POOLPROOF_PACKAGE_HAS_GUI
    // The metadata names the release the package is.
    QFile metainfo(installed(u"/usr/share/metainfo/org.poolproof.PoolProof.metainfo.xml"_s));
    QVERIFY(metainfo.open(QIODevice::ReadOnly));
    QVERIFY2(metainfo.readAll().contains("<release version=\"" POOLPROOF_VERSION "\""),
             "the metainfo's newest release is not the project's version");
#endif
}

void TestPackage::installedCliRuns()
{
    // No LD_LIBRARY_PATH: poolproof-core is linked statically, and every other library is a
    // system library the package depends on, present here as on a user's machine.
    const Run version = run(cli(), {u"--version"_s});
    QVERIFY2(version.exitCode == 0, version.err.constData());
    QCOMPARE(version.out.trimmed(), QByteArray("poolproof-cli " POOLPROOF_VERSION));
}

void TestPackage::installedCliFindsTheGermanCatalog()
{
    QProcessEnvironment english = QProcessEnvironment::systemEnvironment();
    english.insert(u"POOLPROOF_LANGUAGE"_s, u"en"_s);
    QProcessEnvironment german = english;
    german.insert(u"POOLPROOF_LANGUAGE"_s, u"de"_s);
    const Run inEnglish = run(cli(), {u"--help"_s}, {}, english);
    const Run inGerman = run(cli(), {u"--help"_s}, {}, german);
    QCOMPARE(inEnglish.exitCode, 0);
    QCOMPARE(inGerman.exitCode, 0);
    QVERIFY(inEnglish.out.contains("Commands:"));
    QVERIFY2(!inGerman.out.contains("Commands:") && inGerman.out != inEnglish.out, inGerman.out.constData());
}

void TestPackage::installedCatalogComesFirst()
{
    // A catalog in share/poolproof/translations next to the program wins over the one compiled in:
    // replace the installed German catalog by one with a recognisable text and look for it.
    QFile source(m_root.filePath(u"marker.ts"_s));
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\" language=\"de\">\n"
                 "<context><name>Cli</name><message><source>Commands:</source>"
                 "<translation>INSTALLED-CATALOG:</translation></message></context>\n</TS>\n");
    source.close();
    const QString installedCatalog = installed(u"/usr/share/poolproof/translations/poolproof_de.qm"_s);
    const Run lrelease
        = run(QStringLiteral(POOLPROOF_LRELEASE), {u"-silent"_s, source.fileName(), u"-qm"_s, installedCatalog});
    QVERIFY2(lrelease.exitCode == 0, lrelease.err.constData());

    QProcessEnvironment german = QProcessEnvironment::systemEnvironment();
    german.insert(u"POOLPROOF_LANGUAGE"_s, u"de"_s);
    const Run help = run(cli(), {u"--help"_s}, {}, german);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("INSTALLED-CATALOG:"), help.out.constData());
}

void TestPackage::installedCliScansTheSample()
{
    // The rule catalog travels inside the binary: the installed program finds the sample's errors.
    const Run scan = run(cli(), {u"scan"_s, QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend")});
    QVERIFY2(scan.exitCode == 1, scan.err.constData());
    QVERIFY2(scan.out.contains(": error: ") && scan.out.contains("[PB"), scan.out.left(2000).constData());
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
