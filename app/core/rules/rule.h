#pragma once

#include "scan/finding.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

struct RuleReference {
    QString title;
    QString url;
};

// One entry of the rule catalog (resources/rules/*.json). Texts are stored in English and
// translated when read through the accessors of RuleCatalog.
struct Rule {
    QString id; // stable, e.g. "PB101"
    QString title;
    QString category; // "session-state", "prepared-statements", "connection-string", ...
    QString summary; // one sentence: what is wrong
    QString explanation; // why it breaks behind a transaction pooler
    QString fix; // the safe replacement
    QStringList symptoms; // error messages users see, verbatim
    QList<RuleReference> references;
    QString failingExample;
    QString fixedExample;
    QHash<QString, Severity> severities; // pooler profile id -> severity; "default" for the rest
    QJsonObject detect; // parameters for the detector that finds this rule in host code

    Severity severityFor(const QString &profileId) const;
};

} // namespace poolproof
