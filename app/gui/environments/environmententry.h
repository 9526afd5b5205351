#pragma once

#include "env/environmentaudit.h"

#include <QList>
#include <QString>

namespace poolproof::gui {

// One connection setting of one environment as the Environments page lists it: discovered in
// the repository or added by the user, checked in its environment's context, and re-checked
// whenever its text is edited.
struct EnvironmentEntry {
    QString environment; // "production", or the name the user gave
    poolproof::EnvironmentKind kind = poolproof::EnvironmentKind::Other;
    poolproof::DiscoveredUrl url; // where it was found (key, file, role, dialect)
    poolproof::PolicyContext context; // what the policy checks need to know about its place
    int libpqVersion = 0;
    bool userAdded = false;
    bool edited = false; // its text differs from the repository's
    bool checked = false; // false: defined elsewhere or left empty, not edited
    QString text; // as shown and edited: every password masked as "****"
    QString secretSource; // clear text the "****" of text stand for; never shown, never stored
    poolproof::CheckedUrl check;
    QList<poolproof::Finding> crossFindings; // the environment-wide checks that point at this setting

    QList<poolproof::Finding> findings() const;
    poolproof::Severity verdict() const;
    QString maskedText() const;
    // What is checked and connected to: text with each "****" that stands where the source had
    // a secret put back to that secret (often a ${...} reference, or the password the user typed
    // when adding the environment). Clear text: for core only, never for a widget.
    QString textForChecking() const;
    QString sourceLabel() const; // "pgbouncer.ini:5", or "added by you"
};

// The entries of an audit, in its order: one per connection setting, one for an environment
// without any.
QList<EnvironmentEntry> entriesFromAudit(const poolproof::EnvironmentAudit &audit);

// A connection string the user adds under an environment name: checked as an application URL
// in that environment (its pooler configuration, if the audit knows the environment).
EnvironmentEntry userEntry(const QString &name, const QString &text, const poolproof::EnvironmentAudit *audit);

// Checks the entry again with another text (as typed, possibly with a new password); the text
// kept is masked, the secrets move to secretSource. The environment-wide findings no longer apply.
void recheckEntry(EnvironmentEntry &entry, const QString &text);

} // namespace poolproof::gui
