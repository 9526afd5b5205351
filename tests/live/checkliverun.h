#pragma once

// Runs the real poolproof-cli check-live, as the live tests do: English output, standard input
// not a terminal (so it never waits at a password prompt), the given variables added to the
// test's own environment.

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>

struct CheckLiveRun {
    int exitCode = -1; // -1: it crashed or did not finish within a minute
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

inline CheckLiveRun runCheckLive(const QStringList &arguments, const QHash<QString, QString> &environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("POOLPROOF_LANGUAGE"), QStringLiteral("en"));
    for (auto it = environment.constBegin(); it != environment.constEnd(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(POOLPROOF_CLI), QStringList {QStringLiteral("check-live")} + arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()),
            timer.elapsed()};
}
