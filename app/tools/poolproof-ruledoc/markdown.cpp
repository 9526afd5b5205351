#include "markdown.h"

using namespace Qt::StringLiterals;

namespace poolproof::ruledoc {

namespace {

qsizetype longestBacktickRun(const QString &text)
{
    qsizetype longest = 0;
    qsizetype current = 0;
    for (const QChar c : text) {
        current = c == u'`' ? current + 1 : 0;
        longest = std::max(longest, current);
    }
    return longest;
}

} // namespace

QString escapedProse(const QString &text)
{
    // The ASCII punctuation CommonMark treats as markup inside a paragraph; a backslash in front
    // of any ASCII punctuation is always a literal, so escaping more than needed is harmless.
    static const QString markup = u"\\`*[]<>"_s;
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (markup.contains(c))
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

QString tableCell(const QString &text)
{
    QString cell = escapedProse(text);
    cell.replace(u'|', u"\\|"_s);
    cell.replace(u'\n', u' ');
    return cell;
}

QString codeSpan(const QString &text)
{
    const QString fence(longestBacktickRun(text) + 1, u'`');
    // A span that starts or ends with a backtick needs a space between it and the fence.
    const bool pad = text.startsWith(u'`') || text.endsWith(u'`');
    const QString space = pad ? u" "_s : QString();
    return fence + space + text + space + fence;
}

QString codeBlock(const QString &text, const QString &language)
{
    const QString fence(std::max<qsizetype>(3, longestBacktickRun(text) + 1), u'`');
    QString body = text;
    if (!body.endsWith(u'\n'))
        body += u'\n';
    return fence + language + u'\n' + body + fence + u'\n';
}

QString link(const QString &label, const QString &url)
{
    // A target with spaces or parentheses must be written in angle brackets to stay one link.
    const bool bracket = url.contains(u' ') || url.contains(u'(') || url.contains(u')');
    return u'[' + escapedProse(label) + u"]("_s + (bracket ? u'<' + url + u'>' : url) + u')';
}

} // namespace poolproof::ruledoc
