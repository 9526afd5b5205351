#pragma once

#include "livecheck.h"
#include "liveconnection.h"

#include <atomic>

namespace poolproof {

// Replays a session-level SET through the pooler with two client connections: client A sets
// search_path outside a transaction, client B reads it. Only for disposable databases: A's
// setting lands on a server connection that other clients share. B puts the setting back in
// the same statement that reads it, so the server connection is left as it was found. What the
// clients' own connection set-up could not put back is added to *leftBehind.
ProveResult proveSessionStateLeak(const ConnectionPlan &plan, const std::atomic<bool> *cancel, QStringList *leftBehind);

} // namespace poolproof
