#pragma once

#include "connectionfacts.h"
#include "connectionstring.h"
#include "dialect.h"
#include "urlissue.h"

#include <QList>
#include <QString>

namespace poolproof {

struct UrlAnalysisOptions {
    DialectContext context; // what is known about the setting the string came from
    int libpqVersion = 0; // the libpq major version the string must work with; 0: the linked one
};

// Everything PoolProof knows about one connection string on its own, before any environment
// policy: whether libpq accepts it (its own parser, then the checks libpq makes when it
// connects), whether the driver that reads it accepts it, what it means (ConnectionFacts), and
// the problems of the string itself (PB501-PB505).
class UrlAnalysis
{
public:
    static UrlAnalysis analyze(const QString &text, const UrlAnalysisOptions &options = {});

    QString masked() const;
    QString revealedForConnection() const { return m_raw; }

    Dialect dialect() const { return m_dialect; }
    QString dialectReason() const { return m_dialectReason; }

    // The whole value is one reference (${DATABASE_URL}): nothing to check here.
    bool isWholeReference() const { return m_wholeReference; }
    bool hasReferences() const { return m_hasReferences; }

    // libpq's verdict on the string (references expanded to neutral placeholders): its parser,
    // then the checks it makes when connecting. The message is libpq's own, passwords masked.
    bool libpqAccepts() const { return m_libpqAccepts; }
    bool libpqParses() const { return m_libpqParses; }
    QString libpqMessage() const { return m_libpqMessage; }
    // The libpq major version the string is checked for (--libpq-version, the project file),
    // and the one libpqAccepts() speaks for: the target when it is older than the linked libpq
    // (its missing keywords are known), the linked one otherwise.
    int libpqVersion() const { return m_libpqVersion; }
    int libpqVerdictVersion() const { return m_libpqVerdictVersion; }

    // The reading driver's verdict; for libpq-read strings the same as libpq's.
    bool driverAccepts() const { return m_driverAccepts; }
    QString driverMessage() const { return m_driverMessage; }

    // The reading driver could make sense of the string at all (for libpq: its parser accepted
    // it), so that facts() means something; policy checks are skipped otherwise.
    bool isReadable() const { return m_readable; }

    const ConnectionFacts &facts() const { return m_facts; }
    // A fact for display: "****" when it overlaps the password as the writer meant it (with an
    // unencoded "@" in the password, libpq's host name is the end of the password).
    QString displayValue(const FactValue &value) const { return displayText(value.value, value.span); }
    QString displayText(const QString &value, const TextSpan &span) const;
    const QList<UrlIssue> &issues() const { return m_issues; }
    // The string as libpq's PQconninfoParse read it (as written, references not expanded).
    const ConnectionString &libpqView() const { return m_libpqView; }

private:
    friend class UrlAnalyzer;
    QString m_raw;
    Dialect m_dialect = Dialect::Libpq;
    QString m_dialectReason;
    bool m_wholeReference = false;
    bool m_hasReferences = false;
    bool m_libpqAccepts = false;
    bool m_libpqParses = false;
    QString m_libpqMessage;
    int m_libpqVersion = 0;
    int m_libpqVerdictVersion = 0;
    bool m_driverAccepts = false;
    bool m_readable = true;
    QString m_driverMessage;
    ConnectionFacts m_facts;
    QList<UrlIssue> m_issues;
    ConnectionString m_libpqView;
};

} // namespace poolproof
