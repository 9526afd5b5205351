#pragma once

#include "textspan.h"

#include <QList>
#include <QStringView>

namespace poolproof {

// Where each part of a connection string lies, found by walking the text exactly as libpq's
// parser walks it (fe-connect.c: conninfo_uri_parse_options, conninfo_uri_parse_params and
// conninfo_parse). libpq hands back values only; PoolProof needs the positions to point at the
// part that is wrong, to mask the password, and to see what the writer meant.

struct UriHost {
    TextSpan host; // without the brackets of an IPv6 address
    TextSpan port; // invalid when no ':' followed the host
    bool bracketed = false;
};

struct UriParam {
    TextSpan key; // still percent-encoded
    TextSpan value; // invalid when the pair has no '='
    TextSpan whole;
};

enum class LayoutError : quint8 {
    None,
    UnterminatedBracket, // "[::1" without "]"
    EmptyBracket, // "[]"
    UnexpectedAfterBracket, // "[::1]z"
    MissingSeparator, // "?zzz"
    ExtraSeparator, // "?key=key=value"
    MissingEquals, // keyword/value: "host"
    UnterminatedQuote, // keyword/value: "password='abc"
};

struct UriLayout {
    TextSpan scheme; // "postgresql://" or "postgres://"
    TextSpan userinfo; // what libpq takes as user[:password], invalid when it found no '@'
    TextSpan user;
    TextSpan password; // valid (maybe empty) when the userinfo has a ':'
    QList<UriHost> hosts;
    TextSpan dbname; // after the first '/' up to '?', valid when there is a '/'
    TextSpan query; // after the '?'
    QList<UriParam> params;
    LayoutError error = LayoutError::None;
    qsizetype errorAt = -1; // where libpq stops with a syntax error

    // The span that covers all hosts, or all ports (for messages about the list as a whole).
    TextSpan hostList() const;
    TextSpan portList() const;
};

struct KeywordValuePair {
    TextSpan keyword;
    TextSpan value; // inside the quotes when quoted
    bool quoted = false;
};

struct KeywordValueLayout {
    QList<KeywordValuePair> pairs;
    LayoutError error = LayoutError::None;
    qsizetype errorAt = -1;
};

// libpq's uri_prefix_length: the length of "postgresql://" or "postgres://" at the start
// (case-sensitive), 0 when the string is not a URI for libpq.
qsizetype uriPrefixLength(QStringView text);

UriLayout layoutUri(QStringView text);
KeywordValueLayout layoutKeywordValue(QStringView text);

// C's isspace() in the "C" locale, which is what libpq uses to separate keyword/value pairs.
bool isConninfoSpace(QChar c);

// Percent-decoding as libpq does it; false (and *badAt set to the '%') on a malformed token or %00.
bool percentDecode(QStringView text, QString *decoded, qsizetype *badAt = nullptr);

} // namespace poolproof
