// PB502: strings libpq accepts but reads differently from what the writer meant.
#include "urlanalysis_p.h"

#include <QCoreApplication>
#include <QHash>

namespace poolproof::detail {

namespace {

class DangerousParseText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::DangerousParse)
public:
    static QString atInPassword()
    {
        return tr("The password contains an unencoded \"@\": libpq ends the password at the first \"@\" and reads the "
                  "rest of it as the host name, so the connection goes to a host that does not exist (node-postgres "
                  "splits at the last \"@\" instead).");
    }
    static QString atInUser()
    {
        return tr("The user name contains an unencoded \"@\": libpq ends the user part at the first \"@\", so the rest "
                  "of the user name and the password become the host and port.");
    }
    static QString atFix() { return tr("Percent-encode \"@\" in the user name and password as %40."); }
    static QString slashInPassword()
    {
        return tr("An unencoded \"/\" ends the host part before the \"@\": libpq finds no user name or password, takes "
                  "the user name as the host and the start of the password as the port, and the rest becomes the "
                  "database name.");
    }
    static QString slashFix() { return tr("Percent-encode \"/\" in the password as %2F."); }
    static QString questionInUser()
    {
        return tr("The \"?\" that should start the parameters comes before an \"@\", so libpq reads everything up to "
                  "the \"@\" as the user name: the parameters are lost and the host is what follows the \"@\".");
    }
    static QString questionFix()
    {
        return tr("Percent-encode \"@\" in parameter values as %40 (and \"?\" in a user name as %3F).");
    }
    static QString questionInPassword()
    {
        return tr("The password contains an unencoded \"?\": libpq keeps it, but node-postgres, Go's net/url and "
                  "Python's urlsplit start the parameters there and cut the password short.");
    }
    static QString questionInPasswordFix() { return tr("Percent-encode \"?\" in the password as %3F."); }
    static QString hashInPassword()
    {
        return tr("The password contains an unencoded \"#\": libpq keeps it as part of the password, but "
                  "node-postgres, Go's net/url and Python's urlsplit cut the URL there as a fragment.");
    }
    static QString hashElsewhere()
    {
        return tr("The string contains an unencoded \"#\": libpq keeps it, but node-postgres, Go's net/url and "
                  "Python's urlsplit drop everything from it on as a fragment.");
    }
    static QString hashFix() { return tr("Percent-encode \"#\" as %23."); }
    static QString space(int position)
    {
        return tr("The string contains a raw blank at position %1: libpq 17 keeps it as part of the value, newer "
                  "libpq rejects blanks in parameters (\"unexpected spaces found ..., use percent-encoded spaces "
                  "(%20) instead\") and pgx rejects them everywhere.")
            .arg(position);
    }
    static QString spaceFix()
    {
        return tr("Remove the blank, or percent-encode it as %20 if it belongs to the value.");
    }
    static QString repeated(const QString &key)
    {
        return tr("The parameter \"%1\" is given more than once: libpq uses the last one, pgx and Go's net/url the "
                  "first, so drivers disagree about its value.")
            .arg(key);
    }
    static QString repeatedFix() { return tr("Keep a single occurrence of the parameter."); }
};

UrlIssue make(const QString &subject, const QString &message, const QString &fix, const TextSpan &span,
              Severity cap = Severity::Error)
{
    UrlIssue issue;
    issue.ruleId = QStringLiteral("PB502");
    issue.subject = subject;
    issue.keyword = subject;
    issue.message = message;
    issue.fix = fix;
    issue.span = span;
    issue.cap = cap;
    return issue;
}

qsizetype findIn(QStringView text, const TextSpan &span, QChar c)
{
    if (!span.isValid())
        return -1;
    const qsizetype at = text.mid(span.offset, span.length).indexOf(c);
    return at < 0 ? -1 : span.offset + at;
}

} // namespace

QList<UrlIssue> findDangerousParses(QStringView text, const UriLayout &layout, Dialect dialect)
{
    Q_UNUSED(dialect)
    QList<UrlIssue> issues;
    if (!layout.scheme.isValid())
        return issues;

    // "@" left in the host part: the user part ended too early.
    for (const UriHost &host : layout.hosts) {
        qsizetype at = findIn(text, host.host, u'@');
        if (at < 0)
            at = findIn(text, host.port, u'@');
        if (at < 0)
            continue;
        const bool inPassword = layout.password.isValid();
        // Point at the "@" that ended the user part: that is where the encoding is missing.
        const TextSpan where {layout.userinfo.isValid() ? layout.userinfo.end() : at, 1};
        issues.append(make(inPassword ? QStringLiteral("password") : QStringLiteral("user"),
                           inPassword ? DangerousParseText::atInPassword() : DangerousParseText::atInUser(),
                           DangerousParseText::atFix(), where));
        break;
    }

    // No user part, but an "@" after the first "/": a "/" in the password cut the authority.
    if (!layout.userinfo.isValid() && layout.dbname.isValid() && findIn(text, layout.dbname, u'@') >= 0
        && !layout.hosts.isEmpty() && layout.hosts.first().port.isValid()) {
        issues.append(make(QStringLiteral("password"), DangerousParseText::slashInPassword(),
                           DangerousParseText::slashFix(), {layout.dbname.offset - 1, 1}));
    }

    // "?" inside the user part.
    if (const qsizetype at = findIn(text, layout.user, u'?'); at >= 0)
        issues.append(make(QStringLiteral("user"), DangerousParseText::questionInUser(),
                           DangerousParseText::questionFix(), {at, 1}));
    else if (const qsizetype inPassword = findIn(text, layout.password, u'?'); inPassword >= 0)
        issues.append(make(QStringLiteral("password"), DangerousParseText::questionInPassword(),
                           DangerousParseText::questionInPasswordFix(), {inPassword, 1}, Severity::Warning));

    // "#": no fragments in libpq, but everywhere else.
    if (const qsizetype hash = text.indexOf(u'#'); hash >= 0) {
        const bool inPassword = layout.password.contains(hash);
        issues.append(make(inPassword ? QStringLiteral("password") : QStringLiteral("fragment"),
                           inPassword ? DangerousParseText::hashInPassword() : DangerousParseText::hashElsewhere(),
                           DangerousParseText::hashFix(), {hash, 1}, Severity::Warning));
    }

    // Raw blanks.
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u' ' || text[i] == u'\t') {
            issues.append(make(QStringLiteral("whitespace"), DangerousParseText::space(int(i) + 1),
                               DangerousParseText::spaceFix(), {i, 1}, Severity::Warning));
            break;
        }
    }

    // A parameter given twice.
    QHash<QString, int> seen;
    for (const RawParameter &parameter : uriParameters(text, layout)) {
        if (++seen[parameter.key] == 2) {
            issues.append(make(parameter.key, DangerousParseText::repeated(parameter.key),
                               DangerousParseText::repeatedFix(), parameter.keySpan, Severity::Warning));
        }
    }
    return issues;
}

} // namespace poolproof::detail
