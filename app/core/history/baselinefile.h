#pragma once

#include "historyentry.h"

#include <optional>

namespace poolproof {

// The findings of an earlier report, to compare a scan with: the output of
// `poolproof-cli scan --format json` or `--format sarif`, or an audit's JSON (its "scan" part).
// Fails with a message naming the file and the cause: missing, unreadable, not JSON, not a
// PoolProof report, a newer schema, or a finding without a fingerprint.
std::optional<QList<HistoryFinding>> readBaselineFile(const QString &path, QString *error);

} // namespace poolproof
