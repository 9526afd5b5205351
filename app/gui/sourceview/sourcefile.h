#pragma once

#include <QString>

namespace poolproof::gui {

// A file's text as the source view shows it.
struct SourceText {
    QString text;
    QString error; // set when the file could not be read
    qint64 size = 0;
    bool ok = false;
};

// Reads a file and decodes it as UTF-8, or byte for byte when it is not UTF-8. Safe to call on
// any thread: it touches no widget.
SourceText readSourceFile(const QString &path);

} // namespace poolproof::gui
