#pragma once

#include <QString>

namespace poolproof {

// The full hash of HEAD's commit in the git work tree that holds folder, or an empty string when
// there is none (not a repository, no commit yet, git missing or too slow). Only the hash is read:
// commit messages and authors can hold anything and are never asked for.
QString headCommit(const QString &folder, const QString &gitExecutable = QStringLiteral("git"));

} // namespace poolproof
