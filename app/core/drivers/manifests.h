#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace poolproof {

// One package a manifest declares, with the version as written there.
struct DeclaredPackage {
    QString ecosystem; // "npm", "pypi", "go", "maven", "gem", "hex", "nuget", "cargo", "composer"
    QString name; // normalised: lower case; PyPI names with '-' for '_' and '.'; Maven "group:artifact"
    QString version; // as declared ("^8.12.0", ">=0.29", "42.7.3"); empty when none is given
    int line = 0; // 1-based
};

// Versions resolved by a lock file: normalised package name -> exact version.
using LockedVersions = QHash<QString, QString>;

// The ecosystem a manifest file belongs to ("npm" for package.json, ...), or empty when the file
// is not a manifest PoolProof reads. Lock files are not manifests.
QString manifestEcosystem(const QString &fileName);

// The lock files that may hold versions for a manifest, relative to the manifest's folder
// (Cargo.lock may also sit in a workspace root above it: the caller walks up).
QStringList lockFilesFor(const QString &manifestFileName);

// Reads one manifest's declared packages. Bad input gives what could be read, never an error:
// a manifest is only evidence.
QList<DeclaredPackage> readManifest(const QString &fileName, const QByteArray &bytes);

// Reads the exact versions a lock file resolved (package-lock.json, npm-shrinkwrap.json,
// yarn.lock, pnpm-lock.yaml, poetry.lock, uv.lock, Pipfile.lock, Gemfile.lock, mix.lock,
// packages.lock.json, Cargo.lock, composer.lock).
LockedVersions readLockFile(const QString &fileName, const QByteArray &bytes);

// Package names as each ecosystem compares them.
QString normalizedPackageName(const QString &ecosystem, const QString &name);

// The numeric version a declared or locked version starts from: "^8.12.0" -> 8.12.0,
// ">=0.29,<1" -> 0.29, "v5.6.0" -> 5.6.0. Empty when there is none.
QList<int> versionNumbers(const QString &version);
// -1, 0 or 1 comparing two numeric versions; missing parts count as 0.
int compareVersions(const QList<int> &a, const QList<int> &b);

} // namespace poolproof
