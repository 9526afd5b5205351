#pragma once

#include "lexer/lexedfile.h"
#include "scan/lineindex.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace poolproof {

struct LanguageSpec;

// A setting as written in code or configuration: `key: value`, `key = value`, `key => value`,
// `"key": value`, `key=value` inside a URL or a keyword/value connection string, a builder call
// `key(value)` or a setter `setKey(PDO::X, value)`-style `key, value`.
struct SettingHit {
    qsizetype offset = 0; // where the key starts
    QString key; // the key as the rule names it
    QString value; // as written, quotes removed; empty when it could not be read
    bool inString = false; // a parameter inside a string literal (URL, connection string)
};

// Where needle occurs in haystack at or after from; -1 when it does not. Case-insensitive searches
// compare ASCII letters without copying the text.
qsizetype indexOfBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from, bool caseInsensitive);

// Whether bytes contain a call of name: the name, optional blanks, then '(' (a cheap test on raw
// bytes before anything is lexed).
bool mentionsCall(QByteArrayView bytes, QByteArrayView name);

// One file loaded for the driver rules: its bytes, its lexed comment and string regions (so that
// comments never yield findings) and a line index.
class SourceText
{
public:
    SourceText(QString path, QByteArray bytes, const LanguageSpec *language);

    const QString &path() const { return m_path; }
    const QString &languageId() const { return m_languageId; }
    QByteArrayView bytes() const { return m_bytes; }
    const LexedFile &lexed() const { return m_lexed; }
    int line(qsizetype offset) const { return m_lines->line(offset); }
    int column(qsizetype offset) const { return m_lines->column(offset); }
    QString lineText(int line) const;
    bool mentions(QByteArrayView text, bool caseInsensitive = false) const;

    // The string or comment region that contains offset, or nullptr for code.
    const LexedRegion *regionAt(qsizetype offset) const;
    bool isComment(qsizetype offset) const;
    bool isCode(qsizetype offset) const { return regionAt(offset) == nullptr; }

    // Occurrences of word (not part of a longer identifier) outside comments; in code only unless
    // inStrings.
    QList<qsizetype> findWord(const QString &word, bool caseInsensitive, bool inStrings, qsizetype from = 0,
                              qsizetype to = -1) const;
    // Calls of name, e.g. "postgres", "asyncpg.create_pool", "new PDO", "PgPoolOptions::new": the
    // offset of the name and of its opening parenthesis.
    struct Call {
        qsizetype name = 0;
        qsizetype open = 0;
        qsizetype close = 0; // the matching ')' or the end of the file
    };
    QList<Call> findCalls(const QString &name) const;
    // The offset of the ')' closing the '(' at open (strings and comments skipped).
    qsizetype closingParenthesis(qsizetype open) const;
    // Settings written with one of keys in [from, to).
    QList<SettingHit> findSettings(const QStringList &keys, bool caseInsensitive, qsizetype from = 0,
                                   qsizetype to = -1) const;
    // The text of the string literal starting at offset (its content), or the code token there.
    QString valueAt(qsizetype offset, bool allowSpaces = false) const;

private:
    qsizetype skipSpace(qsizetype i) const;

    QString m_path;
    QByteArray m_bytes;
    QString m_languageId;
    LexedFile m_lexed;
    std::unique_ptr<LineIndex> m_lines; // points into m_bytes
};

} // namespace poolproof
