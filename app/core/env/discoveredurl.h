#pragma once

#include "scan/finding.h"
#include "url/dialect.h"
#include "url/masking.h"
#include "url/urlcontext.h"

#include <QHash>
#include <QList>
#include <QString>

namespace poolproof {

// One setting of a connection given in parts (Rails' host:, Django's 'PASSWORD', Spring's
// spring.datasource.username): its libpq keyword, value and place.
struct UrlPart {
    QString keyword; // libpq keyword: host, port, dbname, user, password, sslmode, ...
    SecretValue value; // Password kind for passwords
    SourceLocation location;

    friend bool operator==(const UrlPart &, const UrlPart &) = default;
};

// How the value of a setting stands.
enum class ValueState : quint8 {
    Written, // a connection string (possibly with references inside)
    DefinedElsewhere, // the whole value is a reference: ${DATABASE_URL}, secretKeyRef, env("...")
    Empty, // left empty in this file (templates such as .env.example)
};

// A connection setting found in the project: where, for which environment and role, and what
// its context says about the driver that reads it.
struct DiscoveredUrl {
    QString environment; // normalized name: "production", "staging", "development", or the project's own
    UrlRole role = UrlRole::Application;
    QString key; // the setting as written: DATABASE_URL, production.url, [databases] app, ...
    QString sourceKind; // dotenv, compose, kubernetes, helm, rails, django, prisma, spring, pgbouncer,
                        // appsettings, project-file
    SourceLocation location; // where the value starts (path relative to the project root)
    bool singleLine = true; // offsets in the value are columns on that line
    SecretValue value; // the connection string as written; empty when given in parts only
    QList<UrlPart> parts; // settings given separately (merged into the string for checking)
    ValueState state = ValueState::Written;
    QString reference; // for DefinedElsewhere: the reference as written, e.g. ${DATABASE_URL}
    DialectContext dialect; // what the context says about the reading driver
    QString framework; // rails, django, spring, prisma, pgbouncer ...
    QHash<QString, QString> frameworkSettings; // e.g. prepared_statements=false, advisory_locks=false
    QString note; // translated remark shown with the setting

    // The string to check: the value, with parts merged in (keyword/value form when there is no
    // value, parameters appended to a URL otherwise). Clear text: stays in core.
    QString connectionText() const;
    // The same, masked, for display.
    QString masked() const;
};

} // namespace poolproof
