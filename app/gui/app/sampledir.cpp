#include "sampledir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>

namespace poolproof::gui {

namespace {
const QString sampleName = QStringLiteral("freshtrack-backend");

bool isSample(const QString &path)
{
    return !path.isEmpty() && QFileInfo(QDir(path).filePath(QStringLiteral("EXPECTED.md"))).isFile();
}
} // namespace

QString sampleBackendDir()
{
    const QString overridden = qEnvironmentVariable("POOLPROOF_SAMPLE_DIR");
    if (!overridden.isEmpty())
        return QFileInfo(overridden).isDir() ? QDir(overridden).canonicalPath() : QString();

    const QDir binary(QCoreApplication::applicationDirPath());
    QStringList candidates;
    // Installed: <prefix>/bin/poolproof next to <prefix>/share/poolproof/examples.
    candidates << binary.filePath(QStringLiteral("../share/poolproof/examples/") + sampleName);
    const QStringList dataDirs = QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
    for (const QString &dataDir : dataDirs)
        candidates << QDir(dataDir).filePath(QStringLiteral("poolproof/examples/") + sampleName);
    // A build tree: build/<preset>/bin, or a build folder placed elsewhere in the checkout.
    candidates << binary.filePath(QStringLiteral("../../examples/") + sampleName)
               << binary.filePath(QStringLiteral("../../../examples/") + sampleName);
#ifdef POOLPROOF_SOURCE_DIR
    candidates << QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/") + sampleName;
#endif
    for (const QString &candidate : std::as_const(candidates)) {
        if (isSample(candidate))
            return QDir(candidate).canonicalPath();
    }
    return {};
}

} // namespace poolproof::gui
