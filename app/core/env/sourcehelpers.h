#pragma once

// Helpers shared by the file readers of app/core/env; not for use elsewhere.

#include "discovery.h"
#include "settingkeys.h"

#include "url/valuereference.h"

namespace poolproof::detail {

// Offsets in a file's text turned into 1-based lines and columns.
class LineIndex
{
public:
    explicit LineIndex(const QString &text);
    SourceLocation at(const QString &path, qsizetype offset) const;

private:
    QList<qsizetype> m_starts;
};

// A setting found in a file: key, value (as written, unquoted) and where the value starts.
struct FoundSetting {
    QString key; // as written
    QString value;
    SourceLocation location;
    bool singleLine = true;
};

// Records a setting when its name or its value says it is a connection string: fills in the
// environment (a DEV_/PROD_ prefix wins over the file's), the role and the state.
bool addSetting(const FoundSetting &setting, const QString &environment, const QString &sourceKind,
                DiscoveryResult *result, const DialectContext &dialect = {}, const QString &framework = {});

// Spring Boot settings of one document or profile, flattened to "spring.datasource.url" keys:
// the URL with its username and password becomes one DiscoveredUrl.
void addSpringSettings(const QList<FoundSetting> &settings, const QString &environment, DiscoveryResult *result);

// A DiscoveredUrl with the usual fields set; value state from the text.
DiscoveredUrl makeUrl(const FoundSetting &setting, const QString &environment, const QString &sourceKind, UrlRole role);

} // namespace poolproof::detail
