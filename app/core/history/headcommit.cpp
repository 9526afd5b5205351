#include "headcommit.h"

#include <QProcess>
#include <QRegularExpression>

namespace poolproof {

QString headCommit(const QString &folder, const QString &gitExecutable)
{
    QProcess git;
    git.setProgram(gitExecutable);
    // As in the repository walk: nothing configured in the audited repository or on the system
    // may start a program (core.fsmonitor names one) or ask for input.
    git.setArguments({QStringLiteral("-c"), QStringLiteral("core.fsmonitor=false"), QStringLiteral("-C"), folder,
                      QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                      QStringLiteral("HEAD^{commit}")});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    git.setProcessEnvironment(env);
    git.setStandardInputFile(QProcess::nullDevice());
    git.start();
    if (!git.waitForStarted(10000))
        return {};
    if (!git.waitForFinished(10000)) {
        git.kill();
        git.waitForFinished(1000);
        return {};
    }
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0)
        return {};
    const QString hash = QString::fromLatin1(git.readAllStandardOutput()).trimmed();
    // SHA-1 or SHA-256 object names; anything else is not trusted.
    static const QRegularExpression objectName(QStringLiteral("^(?:[0-9a-f]{40}|[0-9a-f]{64})$"));
    return objectName.match(hash).hasMatch() ? hash : QString();
}

} // namespace poolproof
