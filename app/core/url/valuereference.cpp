#include "valuereference.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace poolproof {

namespace {

// Letters and digits only, so that libpq, percent-decoding and host parsing leave it alone.
constexpr QStringView placeholderStem = u"ppvalueref";

struct Syntax {
    QRegularExpression pattern;
    int nameGroup;
};

const QList<Syntax> &syntaxes()
{
    static const QList<Syntax> list {
        // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:default} (Spring), ${NAME?message}
        {QRegularExpression(u"\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(?:(:?-|:|\\?)([^}]*))?\\}"_s), 1},
        {QRegularExpression(u"\\$\\{[^}]*\\}"_s), 0},
        // $(NAME) in Kubernetes, $(command) in shells
        {QRegularExpression(u"\\$\\(\\s*([^)]*?)\\s*\\)"_s), 1},
        // {{ .Values.x }}, Jinja, Mustache
        {QRegularExpression(u"\\{\\{-?\\s*(.*?)\\s*-?\\}\\}"_s), 1},
        // ERB
        {QRegularExpression(u"<%[=-]?\\s*(.*?)\\s*-?%>"_s), 1},
        // Ruby string interpolation
        {QRegularExpression(u"#\\{\\s*([^}]*?)\\s*\\}"_s), 1},
        // env("X") (Prisma), ENV['X'], ENV.fetch("X")
        {QRegularExpression(u"\\benv\\(\\s*[\"']([^\"']+)[\"']\\s*\\)"_s), 1},
        {QRegularExpression(u"\\bENV(?:\\.fetch\\(|\\[)\\s*[\"']([^\"']+)[\"']\\s*[\\])]"_s), 1},
        {QRegularExpression(u"\\bprocess\\.env\\.([A-Za-z_][A-Za-z0-9_]*)"_s), 1},
        {QRegularExpression(u"\\bprocess\\.env\\[\\s*[\"']([^\"']+)[\"']\\s*\\]"_s), 1},
        // $NAME: upper case only, so that "$ecret" in a password stays a password
        {QRegularExpression(u"\\$([A-Z_][A-Z0-9_]+)"_s), 1},
        // %NAME% (Windows)
        {QRegularExpression(u"%([A-Z_][A-Z0-9_]*)%"_s), 1},
    };
    return list;
}

} // namespace

QList<ValueReference> findReferences(QStringView value)
{
    QList<ValueReference> found;
    for (const Syntax &syntax : syntaxes()) {
        QRegularExpressionMatchIterator it = syntax.pattern.globalMatchView(value);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const TextSpan span = TextSpan::between(match.capturedStart(), match.capturedEnd());
            const bool taken = std::any_of(found.cbegin(), found.cend(),
                                           [&](const ValueReference &other) { return other.span.overlaps(span); });
            if (taken)
                continue;
            ValueReference reference;
            reference.span = span;
            reference.name = match.captured(syntax.nameGroup).trimmed();
            if (syntax.nameGroup == 1 && match.lastCapturedIndex() >= 3 && match.capturedStart(2) >= 0) {
                if (match.captured(2) != u"?") {
                    reference.hasDefault = true;
                    reference.defaultValue = match.captured(3);
                }
            }
            found.append(reference);
        }
    }
    std::sort(found.begin(), found.end(),
              [](const ValueReference &a, const ValueReference &b) { return a.span.offset < b.span.offset; });
    return found;
}

bool containsReference(QStringView value)
{
    return !findReferences(value).isEmpty();
}

bool isWholeReference(QStringView value)
{
    const QStringView trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return false;
    const QList<ValueReference> references = findReferences(trimmed);
    return references.size() == 1 && references.first().span.offset == 0
        && references.first().span.length == trimmed.size();
}

PlaceholderText PlaceholderText::from(QStringView value)
{
    PlaceholderText result;
    qsizetype p = 0;
    int index = 0;
    for (const ValueReference &reference : findReferences(value)) {
        result.m_text += value.mid(p, reference.span.offset - p);
        const QString token = placeholderStem.toString() + QString::number(index++);
        result.m_placeholders.append({TextSpan {result.m_text.size(), token.size()}, reference.span});
        result.m_tokens << token;
        result.m_originals << value.mid(reference.span.offset, reference.span.length).toString();
        result.m_names << reference.name;
        result.m_text += token;
        p = reference.span.end();
    }
    result.m_text += value.mid(p);
    return result;
}

qsizetype PlaceholderText::originalOffset(qsizetype offset) const
{
    qsizetype shift = 0;
    for (const Replacement &replacement : m_placeholders) {
        if (offset < replacement.inText.offset)
            break;
        if (replacement.inText.contains(offset))
            return replacement.inOriginal.offset;
        shift = replacement.inOriginal.end() - replacement.inText.end();
    }
    return offset + shift;
}

TextSpan PlaceholderText::originalSpan(const TextSpan &span) const
{
    if (!span.isValid())
        return span;
    const qsizetype begin = originalOffset(span.offset);
    qsizetype finish = begin;
    if (span.length > 0) {
        // The end maps like the last character, plus one character (or the whole reference).
        const qsizetype lastChar = span.end() - 1;
        finish = originalOffset(lastChar) + 1;
        for (const Replacement &replacement : m_placeholders) {
            if (replacement.inText.contains(lastChar))
                finish = replacement.inOriginal.end();
        }
    }
    return TextSpan::between(begin, qMax(begin, finish));
}

QString PlaceholderText::restored(const QString &text) const
{
    QString result = text;
    // Longest tokens first, so that "ppvalueref1" does not eat the start of "ppvalueref12".
    for (qsizetype i = m_tokens.size() - 1; i >= 0; --i)
        result.replace(m_tokens.at(i), m_originals.at(i));
    return result;
}

QString PlaceholderText::referenceNameIn(QStringView text) const
{
    for (qsizetype i = m_tokens.size() - 1; i >= 0; --i) {
        if (text.contains(m_tokens.at(i)))
            return m_names.at(i);
    }
    return {};
}

bool PlaceholderText::isPlaceholder(QStringView text)
{
    return text.contains(placeholderStem);
}

} // namespace poolproof
