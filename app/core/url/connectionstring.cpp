#include "connectionstring.h"

#include "masking.h"
#include "urilayout.h"
#include "urlanalysis_p.h"

#include <QCoreApplication>

#include <libpq-fe.h>

#include <memory>

namespace poolproof {

namespace {

class ConnectionStringText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::ConnectionString)
public:
    static QString nulCharacter() { return tr("the string contains a NUL character; libpq stops reading there"); }
};

struct OptionsDeleter {
    void operator()(PQconninfoOption *options) const { PQconninfoFree(options); }
};

} // namespace

ConnectionString ConnectionString::parse(const QString &text)
{
    ConnectionString result;
    result.m_raw = text;
    result.m_form = uriPrefixLength(text) > 0 ? Form::Uri : Form::KeywordValue;
    if (text.contains(QChar(0))) {
        result.m_error = ConnectionStringText::nulCharacter();
        return result;
    }
    const QByteArray utf8 = text.toUtf8();
    char *error = nullptr;
    const std::unique_ptr<PQconninfoOption, OptionsDeleter> options(PQconninfoParse(utf8.constData(), &error));
    if (!options) {
        QString message = error ? QString::fromUtf8(error).trimmed() : QString();
        PQfreemem(error);
        result.m_error = scrubSecrets(message, text);
        return result;
    }
    result.m_accepted = true;
    for (const PQconninfoOption *option = options.get(); option->keyword; ++option) {
        if (option->val)
            result.m_options.append({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    // With an unencoded "@" or "/" in the password, libpq's host, port or database name hold
    // pieces of the password: those are masked like the password itself.
    const QList<TextSpan> secrets = secretSpans(text);
    if (secrets.isEmpty())
        return result;
    const bool uri = result.m_form == Form::Uri;
    const UriLayout layout = uri ? layoutUri(text) : UriLayout();
    const KeywordValueLayout pairs = uri ? KeywordValueLayout() : layoutKeywordValue(text);
    for (const ConnectionOption &option : std::as_const(result.m_options)) {
        const TextSpan span = uri ? detail::uriValueSpan(text, layout, option.keyword)
                                  : detail::keywordValueSpan(text, pairs, option.keyword);
        for (const TextSpan &secret : secrets) {
            if (secret.overlaps(span) && !result.m_hidden.contains(option.keyword))
                result.m_hidden << option.keyword;
        }
    }
    return result;
}

QList<ConnectionOption> ConnectionString::options() const
{
    QList<ConnectionOption> list = m_options;
    for (ConnectionOption &option : list) {
        if ((isSecretKeyword(option.keyword) || m_hidden.contains(option.keyword)) && !option.value.isEmpty())
            option.value = passwordMask.toString();
    }
    return list;
}

bool ConnectionString::has(QStringView keyword) const
{
    for (const ConnectionOption &option : m_options) {
        if (option.keyword == keyword)
            return true;
    }
    return false;
}

QString ConnectionString::revealedValue(QStringView keyword) const
{
    for (const ConnectionOption &option : m_options) {
        if (option.keyword == keyword)
            return option.value;
    }
    return {};
}

QString ConnectionString::value(QStringView keyword) const
{
    const QString clear = revealedValue(keyword);
    if ((isSecretKeyword(keyword) || m_hidden.contains(keyword.toString())) && !clear.isEmpty())
        return passwordMask.toString();
    return clear;
}

QStringList ConnectionString::hosts() const
{
    const QString host = revealedValue(u"host");
    if (host.isEmpty())
        return hostaddrs();
    return host.split(u',');
}

QStringList ConnectionString::hostaddrs() const
{
    const QString hostaddr = revealedValue(u"hostaddr");
    return hostaddr.isEmpty() ? QStringList() : hostaddr.split(u',');
}

QStringList ConnectionString::ports() const
{
    const QString port = revealedValue(u"port");
    return port.isEmpty() ? QStringList() : port.split(u',');
}

QString ConnectionString::masked() const
{
    return maskConnectionString(m_raw);
}

QStringList ConnectionString::libpqKnownKeywords()
{
    static const QStringList keywords = [] {
        QStringList list;
        const std::unique_ptr<PQconninfoOption, OptionsDeleter> defaults(PQconndefaults());
        for (const PQconninfoOption *option = defaults.get(); option && option->keyword; ++option)
            list << QString::fromUtf8(option->keyword);
        list.sort();
        return list;
    }();
    return keywords;
}

int ConnectionString::libpqVersion()
{
    return PQlibVersion();
}

} // namespace poolproof
