#pragma once

#include "urlanalysis.h"
#include "urlcontext.h"

#include <QList>

namespace poolproof {

// Does the string go through a transaction pooler? reason is translated, e.g. "port 6432".
struct PoolerHint {
    bool viaPooler = false;
    QString reason;
};

// Port 6432/6543 (or the pooler's listen_port), pooler host names (pooler.supabase.com,
// Neon's "-pooler.", "pgbouncer" in the name, RDS Proxy's ".proxy-"), Prisma's pgbouncer=true.
PoolerHint poolerHint(const ConnectionFacts &facts, const std::optional<PoolerSettings> &pooler = std::nullopt);

// The policy checks of one string in its environment (PB510-PB531). The string's own problems
// (PB501-PB505) are in UrlAnalysis::issues(); cross-environment checks live with the environments.
QList<UrlIssue> checkPolicy(const UrlAnalysis &analysis, const PolicyContext &context);

} // namespace poolproof
