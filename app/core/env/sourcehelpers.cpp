#include "sourcehelpers.h"

#include <QRegularExpression>

#include <algorithm>

namespace poolproof::detail {

LineIndex::LineIndex(const QString &text)
{
    m_starts.append(0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\n')
            m_starts.append(i + 1);
    }
}

SourceLocation LineIndex::at(const QString &path, qsizetype offset) const
{
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
    const qsizetype line = it - m_starts.cbegin();
    SourceLocation location;
    location.path = path;
    location.line = int(line);
    location.column = int(offset - m_starts.at(line - 1)) + 1;
    return location;
}

DiscoveredUrl makeUrl(const FoundSetting &setting, const QString &environment, const QString &sourceKind, UrlRole role)
{
    DiscoveredUrl url;
    url.environment = environment;
    url.role = role;
    url.key = setting.key;
    url.sourceKind = sourceKind;
    url.location = setting.location;
    url.singleLine = setting.singleLine;
    url.value = SecretValue(setting.value, SecretValue::Kind::ConnectionString);
    const QString trimmed = setting.value.trimmed();
    if (trimmed.isEmpty()) {
        url.state = ValueState::Empty;
    } else if (isWholeReference(trimmed)) {
        url.state = ValueState::DefinedElsewhere;
        url.reference = trimmed;
    }
    return url;
}

bool addSetting(const FoundSetting &setting, const QString &environment, const QString &sourceKind,
                DiscoveryResult *result, const DialectContext &dialect, const QString &framework)
{
    const KeyMeaning meaning = classifyKey(setting.key);
    const QString trimmed = setting.value.trimmed();
    const bool connection = looksLikeConnectionString(trimmed);
    if (!connection) {
        if (!meaning.namesConnection || hasOtherScheme(trimmed))
            return false;
        // A named setting holding a bare word or path ("true", "/run/secrets/db") is not a
        // connection string; anything else is checked, broken or not.
        static const QRegularExpression bareWord(QStringLiteral("^[\\w./\\-]+$"));
        if (!trimmed.isEmpty() && !containsReference(trimmed) && bareWord.match(trimmed).hasMatch())
            return false;
    }
    DiscoveredUrl url
        = makeUrl(setting, meaning.environment.isEmpty() ? environment : meaning.environment, sourceKind, meaning.role);
    url.dialect = dialect;
    url.framework = framework;
    result->urls.append(url);
    return true;
}

} // namespace poolproof::detail
