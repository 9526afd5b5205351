#pragma once

#include <QString>

namespace poolproof {

// Something the scan passed over or could only partly read, with the reason. Never silent.
struct ScanNote {
    enum class Kind : quint8 {
        SymbolicLink, // not followed: it could point anywhere, or loop
        TooLarge, // over the size cap
        Binary, // contains NUL bytes
        Unreadable, // permission denied, vanished, I/O error
        InvalidUtf8, // read as bytes; positions in it may be approximate
        GitUnavailable, // ignore files could not be honoured
        GitWarning, // git reported a problem while listing files
        SqlNotParsed, // a SQL fragment the parser rejected; checked with scanner tokens only
        Excluded, // excluded by a user pattern (only reported when asked)
    };
    Kind kind = Kind::Unreadable;
    QString path; // relative to the scanned root; empty for notes about the whole scan
    QString message; // translated, names the cause

    friend bool operator==(const ScanNote &, const ScanNote &) = default;
};

QString scanNoteKindId(ScanNote::Kind kind);

} // namespace poolproof
