#pragma once

#include <QList>
#include <QString>

namespace poolproof {

// One setting in the value of libpq's options keyword: "-c name=value", "-cname=value" or
// "--name=value". The key is lower-cased, with '-' read as '_' as the server reads it.
struct StartupOption {
    QString key;
    bool hasValue = false; // written as name=value
};

// The settings an options value makes, in order; words that are none of the forms are skipped.
QList<StartupOption> startupOptions(const QString &options);

} // namespace poolproof
