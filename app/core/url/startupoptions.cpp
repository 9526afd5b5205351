#include "startupoptions.h"

#include <QStringList>

namespace poolproof {

QList<StartupOption> startupOptions(const QString &options)
{
    QList<StartupOption> settings;
    const QStringList words = options.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString item;
        if (words.at(i) == u"-c" && i + 1 < words.size())
            item = words.at(++i);
        else if (words.at(i).startsWith(u"-c"))
            item = words.at(i).mid(2);
        else if (words.at(i).startsWith(u"--"))
            item = words.at(i).mid(2);
        else
            continue;
        const qsizetype equals = item.indexOf(u'=');
        settings.append({(equals < 0 ? item : item.left(equals)).replace(u'-', u'_').toLower(), equals > 0});
    }
    return settings;
}

} // namespace poolproof
