#include "masking.h"

#include "urilayout.h"

#include <QRegularExpression>

#include <algorithm>

namespace poolproof {

namespace {

QList<TextSpan> merged(QList<TextSpan> spans)
{
    std::sort(spans.begin(), spans.end(), [](const TextSpan &a, const TextSpan &b) { return a.offset < b.offset; });
    QList<TextSpan> result;
    for (const TextSpan &span : std::as_const(spans)) {
        if (!span.isValid())
            continue;
        if (!result.isEmpty() && span.offset <= result.last().end())
            result.last() = TextSpan::between(result.last().offset, qMax(result.last().end(), span.end()));
        else
            result.append(span);
    }
    return result;
}

// "scheme://" or "jdbc:postgresql://": the length up to and including "//", 0 if none.
qsizetype authorityStart(QStringView text)
{
    static const QRegularExpression scheme(
        QStringLiteral("^\\s*[A-Za-z][A-Za-z0-9+.\\-]*(?::[A-Za-z][A-Za-z0-9+.\\-]*)?://"));
    const QRegularExpressionMatch match = scheme.matchView(text);
    return match.hasMatch() ? match.capturedEnd() : 0;
}

void addQuerySecrets(QStringView text, qsizetype queryStart, QList<TextSpan> *spans)
{
    qsizetype p = queryStart;
    while (p < text.size()) {
        qsizetype end = text.indexOf(u'&', p);
        if (end < 0)
            end = text.size();
        const qsizetype equals = text.indexOf(u'=', p);
        if (equals >= 0 && equals < end) {
            QString key;
            if (!percentDecode(text.mid(p, equals - p), &key))
                key = text.mid(p, equals - p).toString();
            if (isSecretKeyword(key.trimmed()))
                spans->append(TextSpan::between(equals + 1, end));
        }
        p = end + 1;
    }
}

void addUrlSecrets(QStringView text, qsizetype start, QList<TextSpan> *spans)
{
    const QStringView rest = text.mid(start);
    // Where libpq would end the user part: the first "@" before any "/".
    qsizetype libpqAt = -1;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == u'/')
            break;
        if (rest[i] == u'@') {
            libpqAt = i;
            break;
        }
    }
    // What the writer meant: with a user part, the last "@" before the query; without one, the
    // last "@" at all (an unencoded "/" in the password hid the user part from libpq).
    qsizetype meantAt = -1;
    if (libpqAt >= 0) {
        qsizetype queryAt = rest.indexOf(u'?', libpqAt);
        if (queryAt < 0)
            queryAt = rest.size();
        meantAt = rest.left(queryAt).lastIndexOf(u'@');
    } else {
        meantAt = rest.lastIndexOf(u'@');
    }
    qsizetype queryFrom = 0;
    if (meantAt >= 0) {
        const qsizetype colon = rest.left(meantAt).indexOf(u':');
        if (colon >= 0)
            spans->append(TextSpan::between(start + colon + 1, start + meantAt));
        queryFrom = meantAt + 1;
    }
    const qsizetype query = rest.indexOf(u'?', queryFrom);
    if (query >= 0)
        addQuerySecrets(text, start + query + 1, spans);
}

// "jdbc:postgresql:db?user=x&password=y": no authority, but a query.
void addBareQuerySecrets(QStringView text, QList<TextSpan> *spans)
{
    const qsizetype query = text.indexOf(u'?');
    if (query >= 0)
        addQuerySecrets(text, query + 1, spans);
}

bool looksLikeSemicolonString(QStringView text)
{
    // Npgsql / ADO.NET: "Host=h;Port=5432;...". The first pair ends at ";" before any blank
    // separates a second "key=" (which would make it a libpq keyword/value string).
    static const QRegularExpression pattern(QStringLiteral("^\\s*[A-Za-z][A-Za-z ]*=[^;=]*;"));
    return pattern.matchView(text).hasMatch();
}

void addSemicolonSecrets(QStringView text, QList<TextSpan> *spans)
{
    qsizetype p = 0;
    while (p < text.size()) {
        const qsizetype equals = text.indexOf(u'=', p);
        if (equals < 0)
            break;
        const QString key = text.mid(p, equals - p).trimmed().toString();
        qsizetype valueStart = equals + 1;
        while (valueStart < text.size() && text[valueStart] == u' ')
            ++valueStart;
        qsizetype valueEnd = valueStart;
        if (valueStart < text.size() && (text[valueStart] == u'"' || text[valueStart] == u'\'')) {
            const QChar quote = text[valueStart];
            valueEnd = valueStart + 1;
            // A doubled quote stands for one quote inside the value.
            while (valueEnd < text.size()) {
                if (text[valueEnd] == quote) {
                    if (valueEnd + 1 < text.size() && text[valueEnd + 1] == quote) {
                        valueEnd += 2;
                        continue;
                    }
                    break;
                }
                ++valueEnd;
            }
            if (isSecretKeyword(key))
                spans->append(TextSpan::between(valueStart + 1, valueEnd));
            const qsizetype next = text.indexOf(u';', valueEnd);
            p = next < 0 ? text.size() : next + 1;
            continue;
        }
        valueEnd = text.indexOf(u';', valueStart);
        if (valueEnd < 0)
            valueEnd = text.size();
        if (isSecretKeyword(key))
            spans->append(TextSpan::between(valueStart, valueEnd));
        p = valueEnd + 1;
    }
}

void addKeywordValueSecrets(QStringView text, QList<TextSpan> *spans)
{
    const KeywordValueLayout layout = layoutKeywordValue(text);
    for (const KeywordValuePair &pair : layout.pairs) {
        if (!isSecretKeyword(text.mid(pair.keyword.offset, pair.keyword.length)) || !pair.value.isValid())
            continue;
        spans->append(pair.value);
        if (pair.quoted)
            continue;
        // "password=a b" was most likely meant as one value: libpq stops at the blank and then
        // complains about "b", so the words after it up to the next "key=" are hidden too.
        qsizetype p = pair.value.end();
        for (;;) {
            while (p < text.size() && isConninfoSpace(text[p]))
                ++p;
            const qsizetype wordStart = p;
            while (p < text.size() && !isConninfoSpace(text[p]))
                ++p;
            if (wordStart == p || text.mid(wordStart, p - wordStart).contains(u'='))
                break;
            spans->append(TextSpan::between(wordStart, p));
        }
    }
}

void addGenericSecrets(QStringView text, QList<TextSpan> *spans)
{
    // A last net for forms the parsers above do not know: "password=..." anywhere.
    static const QRegularExpression pattern(
        QStringLiteral("(?i)(?:^|[\\s;&?,{(])(?:password|passwd|pwd|psw|sslpassword)\\s*=\\s*"
                       "(\"[^\"]*\"|'[^']*'|[^\\s;&,})]*)"));
    QRegularExpressionMatchIterator it = pattern.globalMatchView(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        qsizetype begin = match.capturedStart(1);
        qsizetype finish = match.capturedEnd(1);
        if (finish - begin >= 2 && (text[begin] == u'"' || text[begin] == u'\'')) {
            ++begin;
            --finish;
        }
        spans->append(TextSpan::between(begin, finish));
    }
}

} // namespace

bool isSecretKeyword(QStringView keyword)
{
    QString key = keyword.toString().toLower();
    key.remove(u' ');
    key.remove(u'_');
    return key == u"password" || key == u"sslpassword" || key == u"pass" || key == u"passwd" || key == u"pwd"
        || key == u"psw" || key == u"oauthclientsecret" || key == u"scramclientkey" || key == u"scramserverkey";
}

QList<TextSpan> secretSpans(QStringView text)
{
    QList<TextSpan> spans;
    const qsizetype start = authorityStart(text);
    if (start > 0) {
        addUrlSecrets(text, start, &spans);
    } else if (text.trimmed().startsWith(u"jdbc:", Qt::CaseInsensitive)) {
        addBareQuerySecrets(text, &spans);
    } else if (looksLikeSemicolonString(text)) {
        addSemicolonSecrets(text, &spans);
        // The same text read as libpq keywords: "password=;host=…" has an empty password for
        // Npgsql and everything up to the next blank for libpq. What libpq would call a password
        // is hidden too, unless the Npgsql reading already hides part of it.
        QList<TextSpan> keywordSpans;
        addKeywordValueSecrets(text, &keywordSpans);
        for (const TextSpan &span : std::as_const(keywordSpans)) {
            if (std::none_of(spans.cbegin(), spans.cend(),
                             [&](const TextSpan &hidden) { return hidden.length > 0 && hidden.overlaps(span); }))
                spans.append(span);
        }
    } else {
        addKeywordValueSecrets(text, &spans);
    }
    addGenericSecrets(text, &spans);
    return merged(spans);
}

QString maskSpans(QStringView text, QList<TextSpan> spans)
{
    spans = merged(spans);
    QString result;
    result.reserve(text.size());
    qsizetype p = 0;
    for (const TextSpan &span : std::as_const(spans)) {
        if (span.length == 0)
            continue;
        const qsizetype begin = qBound(qsizetype(0), span.offset, text.size());
        const qsizetype finish = qBound(begin, span.end(), text.size());
        if (begin < p)
            continue;
        result += text.mid(p, begin - p);
        result += passwordMask;
        p = finish;
    }
    result += text.mid(p);
    return result;
}

QString maskConnectionString(QStringView text)
{
    return maskSpans(text, secretSpans(text));
}

QString scrubSecrets(const QString &message, QStringView source)
{
    const QList<TextSpan> secrets = secretSpans(source);
    if (secrets.isEmpty())
        return message;
    QStringList secretTexts;
    for (const TextSpan &span : secrets) {
        if (span.length == 0)
            continue;
        const QStringView raw = source.mid(span.offset, span.length);
        secretTexts << raw.toString();
        QString decoded;
        if (percentDecode(raw, &decoded) && decoded != raw)
            secretTexts << decoded;
    }

    QString result;
    qsizetype p = 0;
    for (;;) {
        const qsizetype open = message.indexOf(u'"', p);
        const qsizetype close = open < 0 ? -1 : message.indexOf(u'"', open + 1);
        if (close < 0)
            break;
        result += QStringView(message).mid(p, open + 1 - p);
        QString quoted = message.mid(open + 1, close - open - 1);
        // Where the quoted text occurs in the source, mask what overlaps a secret.
        QList<TextSpan> hidden;
        const bool inSource = !quoted.isEmpty() && source.contains(quoted);
        if (inSource) {
            for (qsizetype at = source.indexOf(quoted); at >= 0; at = source.indexOf(quoted, at + 1)) {
                const TextSpan occurrence {at, quoted.size()};
                for (const TextSpan &secret : secrets) {
                    if (secret.overlaps(occurrence)) {
                        const qsizetype begin = qMax(secret.offset, at) - at;
                        const qsizetype finish = qMin(secret.end(), occurrence.end()) - at;
                        hidden.append(TextSpan::between(begin, finish));
                    }
                }
            }
        }
        if (!hidden.isEmpty())
            quoted = maskSpans(quoted, hidden);
        // libpq also quotes decoded values, which do not occur in the source as written.
        if (!inSource) {
            for (const QString &secret : std::as_const(secretTexts)) {
                if (!secret.isEmpty())
                    quoted.replace(secret, passwordMask.toString());
            }
        }
        result += quoted;
        result += u'"';
        p = close + 1;
    }
    result += QStringView(message).mid(p);
    return result;
}

QString maskedExcerpt(QStringView text, const TextSpan &span)
{
    if (!span.isValid())
        return {};
    const qsizetype begin = qBound(qsizetype(0), span.offset, text.size());
    const qsizetype finish = qBound(begin, span.end(), text.size());
    QList<TextSpan> hidden;
    for (const TextSpan &secret : secretSpans(text)) {
        if (secret.overlaps(TextSpan::between(begin, finish)))
            hidden.append(TextSpan::between(qMax(secret.offset, begin) - begin, qMin(secret.end(), finish) - begin));
    }
    return maskSpans(text.mid(begin, finish - begin), hidden);
}

QString shownName(const QString &name, QStringView text, const TextSpan &span)
{
    const QList<TextSpan> secrets = secretSpans(text);
    const bool touchesSecret = std::any_of(secrets.cbegin(), secrets.cend(), [&](const TextSpan &secret) {
        return secret.length > 0 && secret.overlaps(span);
    });
    return touchesSecret ? maskedExcerpt(text, span) : name;
}

QString SecretValue::masked() const
{
    if (m_kind == Kind::Password)
        return m_clear.isEmpty() ? QString() : passwordMask.toString();
    return maskConnectionString(m_clear);
}

} // namespace poolproof
