#pragma once

#include "poolerinfo.h"

#include "scan/finding.h"
#include "scan/scanresult.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace poolproof {

// What one live check is asked to do. Passwords live here only for the duration of the check:
// nothing in core writes them anywhere.
struct LiveCheckOptions {
    QString url; // the connection string as the application reads it
    QString environment; // name shown with the findings; may be empty
    QString password; // overrides the URL's password; empty: the URL's own
    QString adminUser; // PgBouncer admin console user; empty: no admin access
    QString adminPassword;
    int connectTimeoutSeconds = 5; // per connection attempt; libpq's minimum is 2
    bool prove = false; // replay a flagged pattern through the pooler (disposable databases only)
    int applicationPoolSize = 0; // connections each instance opens at most; 0: the scan's pool settings, else unknown
    int instances = 1; // application instances
    QString expectedPoolMode = QStringLiteral("transaction");
    std::optional<ScanResult> scan; // static results to join with; nullopt: no scan
};

// Why a connection did not come up.
enum class LiveFailure : quint8 {
    None,
    BadInput, // the URL cannot be read, or a value cannot be passed to the driver
    Timeout, // nothing answered within the timeout
    Refused, // nothing listens there
    HostUnknown, // the host name does not resolve
    TlsNotOffered, // TLS was required and the server does not offer it
    Authentication, // the server answered and refused the credentials
    Other,
    Cancelled,
};

QString liveFailureId(LiveFailure failure); // "timeout", "refused", "tls-not-offered", ...

// The opt-in replay: a pattern run through the pooler with two clients and what the second saw.
struct ProveStep {
    QString client; // "A" or "B"
    QString sql;
    QString result; // what came back, or the error
    int backendPid = 0;
};

struct ProveResult {
    QString pattern; // "set-search-path", "listen"
    QString ruleId; // the static rule the pattern stands for, e.g. "PB101"
    bool demonstrated = false; // client B saw client A's state
    QString conclusion; // translated, one sentence
    QList<ProveStep> steps;
    QString error; // the replay could not run
};

// A static finding graded again for the pooler actually found.
struct RegradedFinding {
    Finding finding; // severity: the one for the effective profile
    Severity staticSeverity = Severity::Warning;
};

struct LiveCheckResult {
    QString maskedUrl;
    QString host;
    QString port;
    QString database;
    QString user;
    bool reachable = false; // something answered at host:port
    bool connected = false; // logged in and ran a query
    LiveFailure failure = LiveFailure::None;
    QString error; // translated, password-free
    bool tls = false;
    QString tlsProtocol; // e.g. "TLSv1.3"
    bool tlsRequired = false; // the URL requires TLS
    QString serverVersion; // as the server (or the pooler in front of it) reports it
    int serverPort = 0; // inet_server_port(): the port PostgreSQL itself listens on
    double connectMs = 0;
    double roundTripMs = 0; // the fastest of a few SELECT 1
    std::optional<PoolerInfo> pooler;
    QStringList notChecked; // translated: what could not be checked, and why
    // Translated: session settings the check's own connections left on a server connection they
    // could not reach again to put them back (see LiveConnection). Empty in the normal case.
    QStringList leftBehind;
    QString effectiveProfileId; // the pooler profile the live facts map to; empty when unknown
    QString effectivePoolMode; // for the URL's database entry
    int applicationPoolSize = 0; // used for the capacity checks; 0: unknown
    QString poolSizeSource; // translated: given, or the setting in the code it was read from
    QList<Finding> mismatches; // PB6xx findings
    QList<RegradedFinding> regraded;
    QList<ProveResult> replays; // with LiveCheckOptions::prove: one per pattern
    qint64 durationMs = 0;

    // The worst severity among the mismatches; Error when the check could not connect at all.
    Severity verdict() const;
};

// Runs a live check; blocking (the GUI calls it on a worker thread). cancel is looked at between
// steps; each connection attempt and each statement is bounded by the timeout. Every connection
// it opens is closed before it returns.
LiveCheckResult runLiveCheck(const LiveCheckOptions &options, const std::atomic<bool> *cancel = nullptr);

QJsonObject liveCheckToJson(const LiveCheckResult &result);

} // namespace poolproof
