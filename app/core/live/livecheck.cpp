#include "livecheck.h"

#include "liveconnection.h"
#include "livejoin.h"
#include "liveprove.h"
#include "pgbounceradmin.h"

#include "url/urlanalysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

class CheckText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::LiveCheck)
};

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load();
}

// The fastest of a few round trips: the network and the pooler, not the first query's set-up.
double measureRoundTrip(LiveConnection &connection)
{
    double best = -1;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!connection.scalar(u"SELECT 1"_s, &error))
            break;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        best = best < 0 ? ms : std::min(best, ms);
    }
    return std::max(0.0, best);
}

void join(LiveCheckResult &result, const LiveCheckOptions &options, const ConnectionPlan &plan, Dialect dialect)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    if (result.pooler) {
        result.effectiveProfileId = effectiveProfileId(*result.pooler);
        result.effectivePoolMode = result.pooler->poolModeFor(result.database);
    }
    QString profileId = result.effectiveProfileId;
    if (profileId.isEmpty()) {
        profileId = options.scan ? options.scan->profileId : catalog.defaultProfile().id;
        if (result.pooler)
            result.notChecked << CheckText::tr("the pooler profile: the pooler's version and settings are not known, "
                                               "findings keep the profile %1")
                                     .arg(profileId);
    }
    LiveFacts facts;
    facts.pooler = result.pooler ? &*result.pooler : nullptr;
    facts.database = result.database;
    facts.endpoint = result.host + u':' + result.port;
    facts.environment = options.environment;
    facts.urlRequiresTls = plan.tlsRequired;
    facts.failure = result.failure;
    facts.dialect = dialect;
    facts.scan = options.scan ? &*options.scan : nullptr;
    facts.applicationPoolSize = result.applicationPoolSize;
    facts.instances = options.instances;
    facts.expectedPoolMode = options.expectedPoolMode;
    facts.replays = &result.replays;
    result.mismatches = liveMismatches(facts, profileId, catalog, &result.notChecked);
    std::stable_sort(result.mismatches.begin(), result.mismatches.end(),
                     [](const Finding &a, const Finding &b) { return a.severity > b.severity; });
    if (options.scan && !result.effectiveProfileId.isEmpty())
        result.regraded = regradeFindings(*options.scan, result.effectiveProfileId, catalog);
}

// The pool size given, else the largest one the scan found in the code or its configuration.
void choosePoolSize(LiveCheckResult &result, const LiveCheckOptions &options)
{
    if (options.applicationPoolSize > 0) {
        result.applicationPoolSize = options.applicationPoolSize;
        result.poolSizeSource = CheckText::tr("given");
        return;
    }
    if (!options.scan)
        return;
    for (const PoolSetting &setting : options.scan->poolSettings) {
        if (setting.value > result.applicationPoolSize) {
            result.applicationPoolSize = setting.value;
            result.poolSizeSource = CheckText::tr("%1 %2 = %3 at %4:%5")
                                        .arg(setting.client, setting.setting)
                                        .arg(setting.value)
                                        .arg(setting.path)
                                        .arg(setting.line);
        }
    }
}

} // namespace

QString liveFailureId(LiveFailure failure)
{
    switch (failure) {
    case LiveFailure::None: return u"none"_s;
    case LiveFailure::BadInput: return u"bad-input"_s;
    case LiveFailure::Timeout: return u"timeout"_s;
    case LiveFailure::Refused: return u"refused"_s;
    case LiveFailure::HostUnknown: return u"host-unknown"_s;
    case LiveFailure::TlsNotOffered: return u"tls-not-offered"_s;
    case LiveFailure::Authentication: return u"authentication"_s;
    case LiveFailure::Other: return u"other"_s;
    case LiveFailure::Cancelled: return u"cancelled"_s;
    }
    return u"other"_s;
}

Severity LiveCheckResult::verdict() const
{
    Severity worst = connected ? Severity::Ok : Severity::Error;
    for (const Finding &finding : mismatches)
        worst = std::max(worst, finding.severity);
    return worst;
}

LiveCheckResult runLiveCheck(const LiveCheckOptions &options, const std::atomic<bool> *cancel)
{
    QElapsedTimer total;
    total.start();
    LiveCheckResult result;
    const ConnectionPlan plan = planConnection(options.url, options.password, options.connectTimeoutSeconds);
    result.maskedUrl = plan.maskedUrl;
    result.host = plan.host;
    result.port = plan.port;
    result.database = plan.database;
    result.user = plan.user;
    result.tlsRequired = plan.tlsRequired;
    result.notChecked = plan.notes;
    choosePoolSize(result, options);
    const Dialect dialect = UrlAnalysis::analyze(options.url).dialect();
    const auto finish = [&] {
        result.durationMs = total.elapsed();
        return result;
    };
    if (!plan.error.isEmpty()) {
        result.failure = LiveFailure::BadInput;
        result.error = plan.error;
        return finish();
    }

    LiveConnection connection(plan, LiveChannel::QtSql, cancel);
    if (!connection.open()) {
        result.failure = connection.failure();
        result.reachable = connection.reachable();
        result.error = connection.error();
        result.connectMs = connection.openMs();
        result.notChecked << CheckText::tr("everything on the server: the connection failed");
        join(result, options, plan, dialect);
        return finish();
    }
    result.reachable = true;
    result.connected = true;
    result.connectMs = connection.openMs();
    if (!connection.leftBehind().isEmpty())
        result.leftBehind << connection.leftBehind();
    result.tls = connection.tlsInUse();
    result.tlsProtocol = connection.tlsAttribute("protocol");
    result.roundTripMs = measureRoundTrip(connection);
    QString error;
    // Asked of the server itself: a pooler may report a version of its own at login.
    const std::optional<QString> version = connection.scalar(u"SHOW server_version"_s, &error);
    result.serverVersion = version.value_or(connection.parameterStatus("server_version"));
    if (const std::optional<QString> port = connection.scalar(u"SELECT inet_server_port()"_s, &error))
        result.serverPort = port->toInt();
    connection.close();
    if (cancelled(cancel)) {
        result.failure = LiveFailure::Cancelled;
        result.error = CheckText::tr("cancelled");
        return finish();
    }

    PoolerDetection detection = detectPooler(plan, options.adminUser, options.adminPassword, cancel);
    result.pooler = detection.pooler;
    result.notChecked << detection.notChecked;
    if (!result.pooler && result.serverPort > 0 && QString::number(result.serverPort) != result.port.section(u',', 0, 0)
        && !detection.directPostgres) {
        result.notChecked << CheckText::tr(
                                 "PostgreSQL listens on port %1, the URL connects to %2: something sits in between "
                                 "that is not a PgBouncer this check can read")
                                 .arg(result.serverPort)
                                 .arg(result.port);
    }

    if (options.prove && !cancelled(cancel)) {
        if (result.pooler) {
            result.replays << proveSessionStateLeak(plan, cancel, &result.leftBehind);
            if (!cancelled(cancel))
                result.replays << proveNotificationsLost(plan, cancel, &result.leftBehind);
        } else
            result.notChecked << CheckText::tr("the replay: no pooler found at this address");
    }
    join(result, options, plan, dialect);
    if (cancelled(cancel)) {
        result.failure = LiveFailure::Cancelled;
        result.error = CheckText::tr("cancelled");
    }
    return finish();
}

} // namespace poolproof
