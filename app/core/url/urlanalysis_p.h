#pragma once

// Internal pieces of UrlAnalysis, one file each; not for use outside app/core/url.

#include "connectionfacts.h"
#include "dialect.h"
#include "libpqrules.h"
#include "urilayout.h"
#include "urlissue.h"
#include "valuereference.h"

#include <QList>
#include <QString>

namespace poolproof::detail {

// A parameter as a driver reads it: decoded, with its place in the text.
struct RawParameter {
    QString key;
    QString value; // clear, may be a password: stays inside core
    TextSpan keySpan;
    TextSpan valueSpan;
};

// Facts from the libpq URI grammar, which pgx, lib/pq, node-postgres, postgres.js, asyncpg and
// Prisma share closely enough; the dialect decides what parameters mean.
ConnectionFacts factsFromUri(QStringView text, const UriLayout &layout, Dialect dialect, const PlaceholderText &work);
ConnectionFacts factsFromKeywordValue(QStringView text, const KeywordValueLayout &layout, Dialect dialect,
                                      const PlaceholderText &work);
// pgjdbc's URL and Npgsql's keyword string, with their own grammars.
ConnectionFacts factsFromJdbc(QStringView text, Dialect dialect, const PlaceholderText &work,
                              QList<UrlIssue> *driverIssues);
ConnectionFacts factsFromNpgsql(QStringView text, const PlaceholderText &work, QList<UrlIssue> *driverIssues);

// The URI's query parameters, decoded, in order.
QList<RawParameter> uriParameters(QStringView text, const UriLayout &layout);

// Where a libpq keyword's value lies, for pointing at it.
TextSpan uriValueSpan(QStringView text, const UriLayout &layout, QStringView keyword, int element = -1);
TextSpan keywordValueSpan(QStringView text, const KeywordValueLayout &layout, QStringView keyword, int element = -1);
TextSpan uriKeySpan(QStringView text, const UriLayout &layout, QStringView keyword);
TextSpan keywordKeySpan(QStringView text, const KeywordValueLayout &layout, QStringView keyword);

// PB501: libpq's parse error or connect-time failure explained in plain words, at its place.
UrlIssue explainParseError(QStringView text, const QString &libpqMessage, int linkedMajor, int targetMajor);
UrlIssue explainConnectFailure(QStringView text, const LibpqCheckFailure &failure, const QString &maskedMessage);
// PB503: keywords and values the target libpq does not have yet.
QList<UrlIssue> checkLibpqVersion(QStringView text, int targetMajor);
// What an older target libpq says about such a string (its parse error, in its words); empty
// when it reads the string like the linked one.
QString targetLibpqMessage(QStringView text, int targetMajor);
// PB502: strings libpq accepts but reads differently from what was meant.
QList<UrlIssue> findDangerousParses(QStringView text, const UriLayout &layout, Dialect dialect);
// PB505 and friends: what the reading driver itself makes of the parameters.
QList<UrlIssue> checkDriverRules(QStringView text, const ConnectionFacts &facts, Dialect dialect);

// "libpq" for strings libpq reads itself, else the driver's name.
bool readByLibpq(Dialect dialect);

} // namespace poolproof::detail
