#include "sourcefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringDecoder>

namespace poolproof::gui {

namespace {
class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::SourceView)
};
} // namespace

SourceText readSourceFile(const QString &path)
{
    SourceText result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = Texts::tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    const QByteArray bytes = file.readAll();
    result.size = bytes.size();
    QStringDecoder decoder(QStringDecoder::Utf8);
    result.text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // Not UTF-8: show it byte for byte rather than refuse it.
        result.text = QString::fromLatin1(bytes);
    }
    result.ok = true;
    return result;
}

} // namespace poolproof::gui
