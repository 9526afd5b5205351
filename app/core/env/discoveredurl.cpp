#include "discoveredurl.h"

#include "url/valuereference.h"

namespace poolproof {

namespace {

QString quotedConninfoValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + escaped + u'\'';
}

QString percentEncoded(const QString &value)
{
    return QString::fromLatin1(value.toUtf8().toPercentEncoding());
}

} // namespace

QString DiscoveredUrl::connectionText() const
{
    const QString base = value.revealedForConnection();
    if (parts.isEmpty())
        return base;
    if (base.isEmpty()) {
        QStringList pairs;
        for (const UrlPart &part : parts)
            pairs << part.keyword + u'=' + quotedConninfoValue(part.value.revealedForConnection());
        return pairs.join(u' ');
    }
    // A URL with separate user and password settings (Spring, pgjdbc): as parameters.
    QString text = base;
    for (const UrlPart &part : parts) {
        // References stay as written so that they are still recognised as references.
        const QString clear = part.value.revealedForConnection();
        text += (text.contains(u'?') ? u'&' : u'?') + part.keyword + u'='
            + (containsReference(clear) ? clear : percentEncoded(clear));
    }
    return text;
}

QString DiscoveredUrl::masked() const
{
    return maskConnectionString(connectionText());
}

} // namespace poolproof
