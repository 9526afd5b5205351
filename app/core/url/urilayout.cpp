#include "urilayout.h"

namespace poolproof {

namespace {

bool isOneOf(QChar c, QStringView set)
{
    return set.contains(c);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

bool isConninfoSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == u'\t' || u == u'\n' || u == u'\v' || u == u'\f' || u == u'\r';
}

qsizetype uriPrefixLength(QStringView text)
{
    if (text.startsWith(u"postgresql://"))
        return 13;
    if (text.startsWith(u"postgres://"))
        return 11;
    return 0;
}

bool percentDecode(QStringView text, QString *decoded, qsizetype *badAt)
{
    // libpq decodes into bytes and reads the result as the client encoding; UTF-8 is what every
    // configuration file here is written in.
    QByteArray bytes;
    bytes.reserve(text.size());
    qsizetype run = 0; // start of the current run of plain characters
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'%')
            continue;
        bytes += text.mid(run, i - run).toUtf8();
        const int hi = i + 1 < text.size() ? hexValue(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            if (badAt)
                *badAt = i;
            return false;
        }
        bytes += char((hi << 4) | lo);
        i += 2;
        run = i + 1;
    }
    bytes += text.mid(run).toUtf8();
    if (decoded)
        *decoded = QString::fromUtf8(bytes);
    return true;
}

TextSpan UriLayout::hostList() const
{
    if (hosts.isEmpty())
        return {};
    const qsizetype begin = hosts.first().host.offset - (hosts.first().bracketed ? 1 : 0);
    const UriHost &last = hosts.last();
    const qsizetype finish = last.port.isValid() ? last.port.end() : last.host.end() + (last.bracketed ? 1 : 0);
    return TextSpan::between(begin, finish);
}

TextSpan UriLayout::portList() const
{
    TextSpan span;
    for (const UriHost &host : hosts) {
        if (!host.port.isValid())
            continue;
        if (!span.isValid())
            span = host.port;
        else
            span = TextSpan::between(span.offset, host.port.end());
    }
    return span;
}

UriLayout layoutUri(QStringView text)
{
    UriLayout layout;
    const qsizetype prefix = uriPrefixLength(text);
    if (prefix == 0)
        return layout;
    layout.scheme = {0, prefix};
    const qsizetype n = text.size();
    qsizetype p = prefix;

    // Look ahead for "@" before the first "/": only then is there a user part. A "?" does not
    // stop this look-ahead, which is how "db?application_name=me@corp" ends up as a user name.
    qsizetype at = p;
    while (at < n && text[at] != u'@' && text[at] != u'/')
        ++at;
    if (at < n && text[at] == u'@') {
        layout.userinfo = TextSpan::between(p, at);
        qsizetype u = p;
        while (text[u] != u':' && text[u] != u'@')
            ++u;
        layout.user = TextSpan::between(p, u);
        if (text[u] == u':')
            layout.password = TextSpan::between(u + 1, at);
        p = at + 1;
    }

    // host[:port] entries separated by commas
    QChar terminator;
    for (;;) {
        UriHost host;
        if (p < n && text[p] == u'[') {
            const qsizetype start = ++p;
            while (p < n && text[p] != u']')
                ++p;
            if (p >= n) {
                layout.error = LayoutError::UnterminatedBracket;
                layout.errorAt = start - 1;
                return layout;
            }
            if (p == start) {
                layout.error = LayoutError::EmptyBracket;
                layout.errorAt = start - 1;
                return layout;
            }
            host.host = TextSpan::between(start, p);
            host.bracketed = true;
            ++p;
            if (p < n && !isOneOf(text[p], u":/?,")) {
                layout.hosts.append(host);
                layout.error = LayoutError::UnexpectedAfterBracket;
                layout.errorAt = p;
                return layout;
            }
        } else {
            const qsizetype start = p;
            while (p < n && !isOneOf(text[p], u":/?,"))
                ++p;
            host.host = TextSpan::between(start, p);
        }
        terminator = p < n ? text[p] : QChar();
        if (terminator == u':') {
            const qsizetype start = ++p;
            while (p < n && !isOneOf(text[p], u"/?,"))
                ++p;
            host.port = TextSpan::between(start, p);
            terminator = p < n ? text[p] : QChar();
        }
        layout.hosts.append(host);
        if (terminator != u',')
            break;
        ++p;
    }

    // The path is the database name, not split further at "/".
    if (!terminator.isNull() && terminator != u'?') {
        const qsizetype start = ++p;
        while (p < n && text[p] != u'?')
            ++p;
        layout.dbname = TextSpan::between(start, p);
        terminator = p < n ? text[p] : QChar();
    }

    if (terminator.isNull())
        return layout;
    ++p;
    layout.query = TextSpan::between(p, n);
    while (p < n) {
        UriParam param;
        const qsizetype start = p;
        qsizetype equals = -1;
        for (;;) {
            if (p < n && text[p] == u'=') {
                if (equals >= 0) {
                    param.key = TextSpan::between(start, equals);
                    param.whole = TextSpan::between(start, p);
                    layout.params.append(param);
                    layout.error = LayoutError::ExtraSeparator;
                    layout.errorAt = p;
                    return layout;
                }
                equals = p++;
            } else if (p >= n || text[p] == u'&') {
                break;
            } else {
                ++p;
            }
        }
        param.whole = TextSpan::between(start, p);
        if (equals < 0) {
            param.key = param.whole;
            layout.params.append(param);
            layout.error = LayoutError::MissingSeparator;
            layout.errorAt = start;
            return layout;
        }
        param.key = TextSpan::between(start, equals);
        param.value = TextSpan::between(equals + 1, p);
        layout.params.append(param);
        if (p < n)
            ++p;
    }
    return layout;
}

KeywordValueLayout layoutKeywordValue(QStringView text)
{
    KeywordValueLayout layout;
    const qsizetype n = text.size();
    qsizetype p = 0;
    while (p < n) {
        if (isConninfoSpace(text[p])) {
            ++p;
            continue;
        }
        KeywordValuePair pair;
        const qsizetype start = p;
        qsizetype keyEnd = -1;
        while (p < n) {
            if (text[p] == u'=')
                break;
            if (isConninfoSpace(text[p])) {
                keyEnd = p;
                while (p < n && isConninfoSpace(text[p]))
                    ++p;
                break;
            }
            ++p;
        }
        pair.keyword = TextSpan::between(start, keyEnd >= 0 ? keyEnd : p);
        if (p >= n || text[p] != u'=') {
            layout.pairs.append(pair);
            layout.error = LayoutError::MissingEquals;
            layout.errorAt = start;
            return layout;
        }
        ++p;
        while (p < n && isConninfoSpace(text[p]))
            ++p;
        if (p < n && text[p] == u'\'') {
            pair.quoted = true;
            const qsizetype valueStart = ++p;
            for (;;) {
                if (p >= n) {
                    pair.value = TextSpan::between(valueStart, n);
                    layout.pairs.append(pair);
                    layout.error = LayoutError::UnterminatedQuote;
                    layout.errorAt = valueStart - 1;
                    return layout;
                }
                if (text[p] == u'\\') {
                    p = qMin(p + 2, n);
                    continue;
                }
                if (text[p] == u'\'')
                    break;
                ++p;
            }
            pair.value = TextSpan::between(valueStart, p);
            ++p;
        } else {
            const qsizetype valueStart = p;
            while (p < n && !isConninfoSpace(text[p]))
                p = text[p] == u'\\' ? qMin(p + 2, n) : p + 1;
            pair.value = TextSpan::between(valueStart, p);
        }
        layout.pairs.append(pair);
    }
    return layout;
}

} // namespace poolproof
