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

// Replays LISTEN through the pooler: client A listens on a fresh channel outside a transaction,
// client B notifies it, and A looks for the notification. Behind a transaction pooler A's LISTEN
// stays on a server connection A no longer holds: A receives nothing (and B, given that server
// connection, may receive its own notification). A stops listening afterwards.
ProveResult proveNotificationsLost(const ConnectionPlan &plan, const std::atomic<bool> *cancel,
                                   QStringList *leftBehind);

} // namespace poolproof
