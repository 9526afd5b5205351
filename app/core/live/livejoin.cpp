#include "livejoin.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class JoinText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

// A condition a rule depends on: known true, known false, or not known.
enum class Known : quint8 { Yes, No, Unknown };

struct ProfileMatch {
    QString profileId;
    QString software;
    QVersionNumber minVersion;
    QString maxPreparedStatements; // "above-zero", "zero" or empty
};

const QList<ProfileMatch> &profileMatches()
{
    static const QList<ProfileMatch> matches = [] {
        QList<ProfileMatch> list;
        QFile file(u":/poolproof/poolers.json"_s);
        if (!file.open(QIODevice::ReadOnly))
            return list;
        const QJsonArray profiles = QJsonDocument::fromJson(file.readAll()).object().value(u"profiles").toArray();
        for (const QJsonValue &value : profiles) {
            const QJsonObject match = value.toObject().value(u"liveMatch").toObject();
            if (match.isEmpty())
                continue;
            list.append({value.toObject().value(u"id").toString(), match.value(u"software").toString(),
                         QVersionNumber::fromString(match.value(u"minVersion").toString()),
                         match.value(u"maxPreparedStatements").toString()});
        }
        return list;
    }();
    return matches;
}

// PgBouncer's list settings: names separated by commas, spaces allowed.
QStringList settingList(const QString &value)
{
    static const QRegularExpression separators(u"[,\\s]+"_s);
    return value.split(separators, Qt::SkipEmptyParts);
}

Known usesNamedStatements(const LiveFacts &facts, const RuleCatalog &catalog)
{
    if (!facts.scan)
        return Known::Unknown;
    for (const Finding &finding : facts.scan->findings) {
        const Rule *rule = catalog.rule(finding.ruleId);
        if (!finding.suppressed && rule && rule->category == u"prepared-statements")
            return Known::Yes;
    }
    return Known::No;
}

Known requirement(const QString &name, const LiveFacts &facts, const RuleCatalog &catalog)
{
    if (name.isEmpty())
        return Known::Yes;
    if (name == u"named-statements")
        return usesNamedStatements(facts, catalog);
    if (name == u"pgjdbc") {
        if (facts.dialect == Dialect::Jdbc)
            return Known::Yes;
        if (facts.scan) {
            for (const DetectedClient &client : facts.scan->clients) {
                if (client.package == u"org.postgresql:postgresql")
                    return Known::Yes;
            }
        }
        return Known::No;
    }
    if (name == u"url-tls")
        return facts.urlRequiresTls ? Known::Yes : Known::No;
    return Known::Unknown;
}

Finding makeFinding(const Rule &rule, Severity severity, const LiveFacts &facts, const QString &subject,
                    const QString &snippet)
{
    Finding finding;
    finding.ruleId = rule.id;
    finding.severity = severity;
    finding.confidence = Confidence::High;
    finding.subject = subject;
    finding.snippet = snippet;
    finding.message = RuleCatalog::translated(rule.summary);
    finding.fix = RuleCatalog::translated(rule.fix);
    finding.environment = facts.environment;
    finding.location.path = facts.endpoint;
    finding.fingerprint = rule.id + u':' + facts.endpoint + u':' + facts.database + u':' + subject;
    return finding;
}

void evaluateSetting(const Rule &rule, const LiveFacts &facts, const QString &profileId, const RuleCatalog &catalog,
                     QList<Finding> *findings)
{
    const QJsonObject &detect = rule.detect;
    const QString setting = detect.value(u"setting").toString();
    Severity severity = rule.severityFor(profileId);
    const Known required = requirement(detect.value(u"requires").toString(), facts, catalog);

    // A failure seen on the wire says more than any setting.
    const QString observed = detect.value(u"observedFailure").toString();
    if (!observed.isEmpty() && observed == liveFailureId(facts.failure)) {
        findings->append(
            makeFinding(rule, severity, facts, setting,
                        JoinText::tr("observed: the server declined TLS (%1)").arg(liveFailureId(facts.failure))));
        return;
    }
    if (!facts.pooler || !facts.pooler->hasSetting(setting) || required == Known::No)
        return;
    if (required == Known::Unknown) {
        const std::optional<Severity> fallback = severityFromId(detect.value(u"severityWhenUnknown").toString());
        if (!fallback)
            return;
        severity = *fallback;
    }
    const bool perDatabase = detect.value(u"perDatabase").toBool();
    const QString value = perDatabase && setting == u"pool_mode" ? facts.pooler->poolModeFor(facts.database)
                                                                 : facts.pooler->setting(setting);
    bool matches = false;
    if (detect.contains(u"equals"))
        matches = value.compare(detect.value(u"equals").toString(), Qt::CaseInsensitive) == 0;
    else if (detect.contains(u"notContains"))
        matches = !settingList(value).contains(detect.value(u"notContains").toString(), Qt::CaseInsensitive);
    if (!matches)
        return;
    if (setting == u"pool_mode" && value == facts.expectedPoolMode)
        return;
    QString snippet = setting + u" = "_s + (value.isEmpty() ? u"''"_s : value);
    if (perDatabase)
        snippet += u' ' + JoinText::tr("(database %1)").arg(facts.database);
    if (required == Known::Unknown)
        snippet += u' ' + JoinText::tr("(not known whether the code needs it: no scan)");
    findings->append(makeFinding(rule, severity, facts, setting, snippet));
}

void evaluateCapacity(const Rule &rule, const LiveFacts &facts, const QString &profileId, QList<Finding> *findings,
                      QStringList *notChecked)
{
    if (!facts.pooler || !facts.pooler->adminAccess)
        return;
    const QString limit = rule.detect.value(u"limit").toString();
    if (facts.applicationPoolSize <= 0) {
        const QString note
            = JoinText::tr("capacity: the application's pool size is not known (give it with --pool-size)");
        if (!notChecked->contains(note))
            notChecked->append(note);
        return;
    }
    const int instances = std::max(1, facts.instances);
    const int total = facts.applicationPoolSize * instances;
    int available = -1;
    QString name = limit;
    if (limit == u"max_client_conn") {
        bool ok = false;
        available = facts.pooler->setting(limit).toInt(&ok);
        if (!ok)
            return;
    } else if (limit == u"pool_size") {
        available = facts.pooler->poolSizeFor(facts.database);
        name = JoinText::tr("the server pool of database %1").arg(facts.database);
    }
    if (available <= 0 || total <= available)
        return;
    Severity severity = rule.severityFor(profileId);
    if (facts.pooler->poolModeFor(facts.database) == u"session") {
        if (const std::optional<Severity> session
            = severityFromId(rule.detect.value(u"severityInSessionMode").toString()))
            severity = *session;
    }
    const QString snippet
        = JoinText::tr("%1 client connections (pool size %2 × %n instance(s)) > %3 = %4", nullptr, instances)
              .arg(total)
              .arg(facts.applicationPoolSize)
              .arg(name)
              .arg(available);
    findings->append(makeFinding(rule, severity, facts, limit, snippet));
}

} // namespace

QString effectiveProfileId(const PoolerInfo &pooler)
{
    if (pooler.version.isNull())
        return {};
    bool ok = false;
    const int prepared = pooler.setting(u"max_prepared_statements"_s).toInt(&ok);
    for (const ProfileMatch &match : profileMatches()) {
        if (match.software != pooler.software || pooler.version < match.minVersion)
            continue;
        if (match.maxPreparedStatements == u"above-zero" && !(ok && prepared > 0))
            continue;
        if (match.maxPreparedStatements == u"zero" && !(ok && prepared == 0))
            continue;
        return match.profileId;
    }
    return {};
}

QList<Finding> liveMismatches(const LiveFacts &facts, const QString &profileId, const RuleCatalog &catalog,
                              QStringList *notChecked)
{
    QList<Finding> findings;
    for (const Rule &rule : catalog.rules()) {
        const QString detector = rule.detect.value(u"detector").toString();
        if (detector == u"live-setting") {
            evaluateSetting(rule, facts, profileId, catalog, &findings);
        } else if (detector == u"live-capacity") {
            evaluateCapacity(rule, facts, profileId, &findings, notChecked);
        } else if (detector == u"live-prove" && facts.replays) {
            // One rule per replayed pattern: detect.pattern names it.
            const QString pattern = rule.detect.value(u"pattern").toString();
            for (const ProveResult &replay : *facts.replays) {
                if (replay.demonstrated && replay.pattern == pattern)
                    findings.append(
                        makeFinding(rule, rule.severityFor(profileId), facts, replay.pattern, replay.conclusion));
            }
        }
    }
    return findings;
}

QList<RegradedFinding> regradeFindings(const ScanResult &scan, const QString &profileId, const RuleCatalog &catalog)
{
    QList<RegradedFinding> regraded;
    for (const Finding &finding : scan.findings) {
        RegradedFinding entry {finding, finding.severity};
        if (const Rule *rule = catalog.rule(finding.ruleId); rule && !profileId.isEmpty())
            entry.finding.severity = rule->severityFor(profileId);
        regraded.append(entry);
    }
    return regraded;
}

} // namespace poolproof
