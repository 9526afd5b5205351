#include "urlanalysis.h"

#include "masking.h"
#include "urlanalysis_p.h"

#include <QCoreApplication>

namespace poolproof {

namespace {

class UrlAnalysisText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::UrlAnalysis)
public:
    static QString driverOnly(const QString &driver, const QString &libpq)
    {
        return tr("This string is written for %1; libpq itself rejects it (libpq: %2), so psql, pg_dump and other "
                  "libpq-based tools cannot use it as it is.")
            .arg(driver, libpq);
    }
    static QString driverOnlyFix()
    {
        return tr("Keep driver-only parameters in the driver's own configuration, or give libpq-based tools a separate "
                  "URL without them.");
    }
};

struct LibpqReading {
    ConnectionFacts facts;
    QList<UrlIssue> issues; // spans in the original string
    bool parses = false;
    bool accepts = false;
    QString message;
};

// Reads a string with libpq's grammar: libpq's verdict, the facts for the dialect, and the
// string's own problems (PB501-PB503).
LibpqReading readWithLibpqGrammar(const QString &raw, Dialect dialect, int linked, int target)
{
    LibpqReading reading;
    const PlaceholderText work = PlaceholderText::from(raw);
    const QString &text = work.text();
    const auto restore = [&](const QString &message) { return scrubSecrets(work.restored(message), raw); };

    const ConnectionString libpq = ConnectionString::parse(text);
    QList<LibpqCheckFailure> failures;
    if (libpq.isAccepted())
        failures = checkLikeLibpqConnect(libpq, &PlaceholderText::isPlaceholder);
    reading.parses = libpq.isAccepted();
    reading.accepts = reading.parses && failures.isEmpty();
    if (!reading.parses)
        reading.message = restore(libpq.libpqError());
    else if (!failures.isEmpty())
        reading.message = restore(failures.first().message);

    // An older target libpq stops at keywords and values it does not know yet.
    if (reading.accepts && target < linked) {
        const QString older = detail::targetLibpqMessage(text, target);
        if (!older.isEmpty()) {
            reading.accepts = false;
            reading.message = restore(older);
        }
    }

    QList<UrlIssue> issues;
    if (uriPrefixLength(text) > 0) {
        const UriLayout layout = layoutUri(text);
        reading.facts = detail::factsFromUri(text, layout, dialect, work);
        if (layout.error == LayoutError::None)
            issues += detail::findDangerousParses(text, layout, dialect);
    } else {
        reading.facts = detail::factsFromKeywordValue(text, layoutKeywordValue(text), dialect, work);
    }
    if (!reading.parses)
        issues.append(detail::explainParseError(text, reading.message, linked, target));
    for (const LibpqCheckFailure &failure : std::as_const(failures))
        issues.append(detail::explainConnectFailure(text, failure, restore(failure.message)));
    issues += detail::checkLibpqVersion(text, target);
    // The messages quote only masked excerpts and libpq's scrubbed text; put the references back.
    for (UrlIssue &issue : issues) {
        issue.span = work.originalSpan(issue.span);
        issue.message = work.restored(issue.message);
        issue.fix = work.restored(issue.fix);
    }
    reading.issues = issues;
    return reading;
}

void shift(TextSpan &span, qsizetype at, qsizetype by)
{
    if (span.isValid() && span.offset >= at)
        span.offset += by;
}

void shift(FactValue &value, qsizetype at, qsizetype by)
{
    shift(value.span, at, by);
}

void shift(ConnectionFacts &facts, qsizetype at, qsizetype by)
{
    for (ConnectionEndpoint &endpoint : facts.endpoints) {
        shift(endpoint.host, at, by);
        shift(endpoint.port, at, by);
    }
    shift(facts.dbname, at, by);
    shift(facts.user, at, by);
    shift(facts.passwordSpan, at, by);
    shift(facts.tlsSetting, at, by);
    shift(facts.connectTimeout, at, by);
    shift(facts.applicationName, at, by);
    for (ConnectionParameter &parameter : facts.parameters) {
        shift(parameter.nameSpan, at, by);
        shift(parameter.valueSpan, at, by);
    }
}

// PB501 turned into PB504: the driver reads it, libpq would not.
UrlIssue driverOnlyIssue(Dialect dialect, const QString &libpqMessage, const QList<UrlIssue> &libpqIssues)
{
    UrlIssue issue;
    issue.ruleId = QStringLiteral("PB504");
    issue.cap = Severity::Info;
    issue.message = UrlAnalysisText::driverOnly(dialectName(dialect), libpqMessage);
    issue.fix = UrlAnalysisText::driverOnlyFix();
    for (const UrlIssue &rejected : libpqIssues) {
        if (rejected.ruleId == u"PB501") {
            issue.span = rejected.span;
            issue.subject = rejected.subject;
            issue.keyword = rejected.keyword;
            break;
        }
    }
    return issue;
}

} // namespace

class UrlAnalyzer
{
public:
    static UrlAnalysis run(const QString &raw, const UrlAnalysisOptions &options);
};

UrlAnalysis UrlAnalyzer::run(const QString &raw, const UrlAnalysisOptions &options)
{
    UrlAnalysis analysis;
    analysis.m_raw = raw;
    const int linked = ConnectionString::libpqMajorVersion();
    const int target = options.libpqVersion > 0 ? options.libpqVersion : linked;
    analysis.m_libpqVersion = target;
    analysis.m_libpqVerdictVersion = qMin(target, linked);
    analysis.m_libpqView = ConnectionString::parse(raw);
    const DialectGuess guess = detectDialect(raw, options.context);
    const Dialect dialect = guess.dialect;
    analysis.m_dialect = dialect;
    analysis.m_dialectReason = guess.reason;
    if (isWholeReference(raw)) {
        analysis.m_wholeReference = true;
        analysis.m_hasReferences = true;
        return analysis;
    }
    analysis.m_hasReferences = containsReference(raw);

    QList<UrlIssue> &issues = analysis.m_issues;
    switch (dialect) {
    case Dialect::Libpq: {
        const LibpqReading reading = readWithLibpqGrammar(raw, dialect, linked, target);
        analysis.m_facts = reading.facts;
        issues = reading.issues;
        analysis.m_libpqParses = reading.parses;
        analysis.m_libpqAccepts = reading.accepts;
        analysis.m_libpqMessage = reading.message;
        analysis.m_readable = reading.parses;
        break;
    }
    case Dialect::SqlAlchemyPsycopg2:
    case Dialect::SqlAlchemyPsycopg:
    case Dialect::SqlAlchemyAsyncpg: {
        // SQLAlchemy takes "+driver" off the scheme; the rest is a libpq-style URL.
        const qsizetype plus = raw.indexOf(u'+');
        const qsizetype schemeEnd = raw.indexOf(u"://");
        const qsizetype driverLength = schemeEnd - plus;
        const QString stripped = raw.left(plus) + raw.mid(schemeEnd);
        LibpqReading reading = readWithLibpqGrammar(stripped, dialect, linked, target);
        shift(reading.facts, plus, driverLength);
        for (UrlIssue &issue : reading.issues)
            shift(issue.span, plus, driverLength);
        analysis.m_facts = reading.facts;
        const LibpqReading asWritten = readWithLibpqGrammar(raw, Dialect::Libpq, linked, target);
        analysis.m_libpqParses = asWritten.parses;
        analysis.m_libpqAccepts = asWritten.accepts;
        analysis.m_libpqMessage = asWritten.message;
        if (dialect == Dialect::SqlAlchemyAsyncpg) {
            // asyncpg parses the parameters itself: libpq's verdict on them does not apply.
            for (const UrlIssue &issue : std::as_const(reading.issues)) {
                if (issue.ruleId == u"PB502")
                    issues.append(issue);
            }
        } else {
            issues = reading.issues;
            analysis.m_driverAccepts = reading.accepts;
            analysis.m_driverMessage = reading.message;
            analysis.m_readable = reading.parses;
        }
        if (!asWritten.accepts)
            issues.append(driverOnlyIssue(dialect, asWritten.message, asWritten.issues));
        break;
    }
    case Dialect::Jdbc:
    case Dialect::Npgsql: {
        const PlaceholderText work = PlaceholderText::from(raw);
        QList<UrlIssue> driverIssues;
        analysis.m_facts = dialect == Dialect::Jdbc ? detail::factsFromJdbc(work.text(), dialect, work, &driverIssues)
                                                    : detail::factsFromNpgsql(work.text(), work, &driverIssues);
        for (UrlIssue &issue : driverIssues) {
            issue.span = work.originalSpan(issue.span);
            issue.message = work.restored(issue.message);
            issues.append(issue);
        }
        const LibpqReading asWritten = readWithLibpqGrammar(raw, Dialect::Libpq, linked, target);
        analysis.m_libpqParses = asWritten.parses;
        analysis.m_libpqAccepts = asWritten.accepts;
        analysis.m_libpqMessage = asWritten.message;
        if (!asWritten.accepts)
            issues.append(driverOnlyIssue(dialect, asWritten.message, asWritten.issues));
        break;
    }
    default: {
        // Drivers with their own parser for libpq's URL grammar: libpq's verdict is reported,
        // but only the reading driver's rules decide.
        const LibpqReading reading = readWithLibpqGrammar(raw, dialect, linked, target);
        analysis.m_facts = reading.facts;
        analysis.m_libpqParses = reading.parses;
        analysis.m_libpqAccepts = reading.accepts;
        analysis.m_libpqMessage = reading.message;
        for (const UrlIssue &issue : reading.issues) {
            if (issue.ruleId == u"PB502")
                issues.append(issue);
        }
        if (!reading.accepts)
            issues.append(driverOnlyIssue(dialect, reading.message, reading.issues));
        break;
    }
    }

    if (!detail::readByLibpq(dialect)) {
        issues += detail::checkDriverRules(raw, analysis.m_facts, dialect);
        analysis.m_driverAccepts = true;
        for (const UrlIssue &issue : std::as_const(issues)) {
            if (issue.ruleId == u"PB505" && issue.cap == Severity::Error) {
                analysis.m_driverAccepts = false;
                analysis.m_driverMessage = issue.message;
                break;
            }
        }
    } else if (dialect == Dialect::Libpq) {
        analysis.m_driverAccepts = analysis.m_libpqAccepts;
        analysis.m_driverMessage = analysis.m_libpqMessage;
    }
    return analysis;
}

UrlAnalysis UrlAnalysis::analyze(const QString &text, const UrlAnalysisOptions &options)
{
    return UrlAnalyzer::run(text, options);
}

QString UrlAnalysis::displayText(const QString &value, const TextSpan &span) const
{
    for (const TextSpan &secret : secretSpans(m_raw)) {
        // Besides its place, the value itself must not quote the password: a driver's reading
        // that went astray can carry it into another part (the database name, a parameter).
        const bool shows = secret.overlaps(span)
            || (secret.length > 0 && value.contains(QStringView(m_raw).mid(secret.offset, secret.length)));
        if (shows)
            return passwordMask.toString();
    }
    return value;
}

QString UrlAnalysis::masked() const
{
    return maskConnectionString(m_raw);
}

} // namespace poolproof
