#pragma once

#include "textspan.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace poolproof {

// A reference inside a configuration value that something expands before the driver sees the
// string: ${DB_PASSWORD}, $DB_PASSWORD, $(DB_PASSWORD), {{ .Values.password }}, %DB_PASSWORD%,
// env("DATABASE_URL"), ENV['DATABASE_URL'], <%= ENV["DATABASE_URL"] %>, process.env.X, #{...}.
// A reference is not a secret: it names where the secret comes from.
struct ValueReference {
    TextSpan span;
    QString name; // the variable or key it names, when there is one
    QString defaultValue; // "${X:-fallback}" or Spring's "${X:fallback}"
    bool hasDefault = false;
};

QList<ValueReference> findReferences(QStringView value);

// The value, blanks aside, is exactly one reference: "${DATABASE_URL}" is "defined elsewhere".
bool isWholeReference(QStringView value);
bool containsReference(QStringView value);

// The value with each reference replaced by a placeholder that libpq keeps verbatim, so that a
// template parses the way the expanded value will, and checks can skip what is not known yet.
class PlaceholderText
{
public:
    static PlaceholderText from(QStringView value);

    const QString &text() const { return m_text; }
    bool hasPlaceholders() const { return !m_placeholders.isEmpty(); }
    // An offset in text() mapped back to the original value.
    qsizetype originalOffset(qsizetype offset) const;
    TextSpan originalSpan(const TextSpan &span) const;

    // The original text with placeholders put back, e.g. for a message libpq wrote about text().
    QString restored(const QString &text) const;
    // The name of the first reference whose placeholder occurs in text, e.g. "DB_PASSWORD".
    QString referenceNameIn(QStringView text) const;

    static bool isPlaceholder(QStringView text); // contains at least one placeholder

private:
    struct Replacement {
        TextSpan inText;
        TextSpan inOriginal;
    };
    QString m_text;
    QList<Replacement> m_placeholders;
    QStringList m_tokens; // the placeholder of each reference
    QStringList m_originals; // the reference as written
    QStringList m_names;
};

} // namespace poolproof
