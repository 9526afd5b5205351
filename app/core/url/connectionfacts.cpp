#include "connectionfacts.h"

#include <QRegularExpression>
#include <QStringList>

namespace poolproof {

const ConnectionParameter *ConnectionFacts::parameter(QStringView name, Qt::CaseSensitivity cs) const
{
    // The last occurrence is the one libpq keeps; callers that need the first look themselves.
    for (qsizetype i = parameters.size() - 1; i >= 0; --i) {
        if (parameters.at(i).name.compare(name, cs) == 0)
            return &parameters.at(i);
    }
    return nullptr;
}

QString ConnectionFacts::parameterValue(QStringView name, Qt::CaseSensitivity cs) const
{
    const ConnectionParameter *found = parameter(name, cs);
    return found ? found->value : QString();
}

QString tlsLevelId(TlsLevel level)
{
    switch (level) {
    case TlsLevel::Off: return QStringLiteral("off");
    case TlsLevel::Opportunistic: return QStringLiteral("opportunistic");
    case TlsLevel::Encrypted: return QStringLiteral("encrypted");
    case TlsLevel::VerifyCa: return QStringLiteral("verify-ca");
    case TlsLevel::VerifyFull: return QStringLiteral("verify-full");
    }
    return {};
}

bool isLocalHost(QStringView host)
{
    const QString lower = host.trimmed().toString().toLower();
    if (lower.isEmpty() || lower.startsWith(u'/') || lower.startsWith(u'@'))
        return true;
    if (lower == u"localhost" || lower.endsWith(u".localhost") || lower == u"0.0.0.0")
        return true;
    // Loopback addresses: 127.0.0.0/8 and ::1, also written out or IPv4-mapped.
    static const QRegularExpression loopback(
        QStringLiteral("^(?:::ffff:)?127(?:\\.\\d{1,3}){3}$|^(?:0{1,4}:){7}0{0,3}1$|^::1$"));
    return loopback.match(lower).hasMatch();
}

bool isWeakPassword(QStringView password)
{
    static const QStringList weak {QStringLiteral("postgres"), QStringLiteral("password"),
                                   QStringLiteral("changeme"), QStringLiteral("change_me"),
                                   QStringLiteral("secret"),   QStringLiteral("admin"),
                                   QStringLiteral("root"),     QStringLiteral("123456"),
                                   QStringLiteral("12345678"), QStringLiteral("pass"),
                                   QStringLiteral("test"),     QStringLiteral("postgrespassword"),
                                   QStringLiteral("example"),  QStringLiteral("mysecretpassword")};
    return weak.contains(password.toString().toLower());
}

} // namespace poolproof
