#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace poolproof {

// How bad a finding is on the chosen pooler profile. Ordered: a threshold compares with >=.
enum class Severity : quint8 { Ok, Info, Warning, Error };

// How sure the finding is: High when the real parser understood the SQL or the code pattern is
// unambiguous, Medium for a partial parse, Low when only scanner tokens were available.
enum class Confidence : quint8 { Low, Medium, High };

struct SourceLocation {
    QString path; // relative to the scanned root, '/' separated
    int line = 0; // 1-based
    int column = 0; // 1-based, in characters
    int endLine = 0;
    int endColumn = 0;

    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

// One result of a check: a code rule, a driver rule or a connection-string policy.
struct Finding {
    QString ruleId; // e.g. "PB101"
    Severity severity = Severity::Warning;
    Confidence confidence = Confidence::High;
    SourceLocation location;
    QString snippet; // the statement or code as written (never a clear-text password)
    QString subject; // what it is about: a parameter, channel, lock, driver, environment ...
    QString message; // translated, one sentence
    QString fix; // translated, the safe replacement
    QString environment; // for connection-string findings: the environment's name
    QString fingerprint; // stable across line shifts, for baselines
    bool suppressed = false;
    QString suppressionReason;

    friend bool operator==(const Finding &, const Finding &) = default;
};

QString severityId(Severity severity); // "ok", "info", "warning", "error"
std::optional<Severity> severityFromId(QStringView id);
QString confidenceId(Confidence confidence); // "low", "medium", "high"

} // namespace poolproof

Q_DECLARE_METATYPE(poolproof::Finding)
