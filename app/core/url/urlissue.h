#pragma once

#include "scan/finding.h"
#include "textspan.h"

#include <QString>

namespace poolproof {

// A problem with one connection string, before it becomes a Finding at a place in a file.
struct UrlIssue {
    QString ruleId; // "PB501" ...
    Severity cap = Severity::Error; // the finding gets the rule's severity, but never more than this
    QString subject; // what it is about: "port", "sslmode", "password", a parameter name
    QString message; // translated, one or two sentences; passwords masked
    QString fix; // translated; empty means the rule's own fix
    TextSpan span; // the offending part in the original string, when known
    QString keyword; // the libpq keyword concerned, to place findings for values given in parts

    friend bool operator==(const UrlIssue &, const UrlIssue &) = default;
};

} // namespace poolproof
