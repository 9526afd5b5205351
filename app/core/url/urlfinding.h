#pragma once

#include "scan/finding.h"
#include "urlissue.h"

#include <QHash>
#include <QString>

namespace poolproof {

// Where a connection string was found, so that its issues become findings at the right place.
struct UrlSite {
    SourceLocation value; // where the value starts; path relative to the project root
    bool singleLine = true; // offsets in the value are columns on that line
    QString key; // the setting: DATABASE_URL, production.url, spring.datasource.url, ...
    QString environment;
    QHash<QString, SourceLocation> fields; // values given in parts: libpq keyword -> its place
};

// One finding from one issue: severity from the rule for the pooler profile (never above the
// issue's cap), texts translated, the snippet masked, a fingerprint without line numbers.
Finding makeUrlFinding(const UrlIssue &issue, const UrlSite &site, const QString &maskedSnippet,
                       const QString &profileId);

// sha1 of rule id, path, key, environment and subject: stable when lines move.
QString urlFindingFingerprint(const QString &ruleId, const QString &path, const QString &key,
                              const QString &environment, const QString &subject);

} // namespace poolproof
