#pragma once

#include "urlanalysis.h"
#include "urlcontext.h"
#include "urlfinding.h"
#include "urlpolicy.h"

#include <QList>

namespace poolproof {

// One connection string checked completely: the string on its own, then the policy of its
// environment, as findings at its place.
struct CheckedUrl {
    UrlAnalysis analysis;
    PoolerHint pooler;
    QList<Finding> findings;

    // The worst severity among the findings; Ok when there are none.
    Severity verdict() const;
};

CheckedUrl checkConnectionString(const QString &text, const UrlAnalysisOptions &options, const PolicyContext &context,
                                 const UrlSite &site);

// The worst severity of a list of findings (Ok for none).
Severity worstSeverity(const QList<Finding> &findings);

} // namespace poolproof
