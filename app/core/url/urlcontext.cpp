#include "urlcontext.h"

#include <QRegularExpression>

namespace poolproof {

namespace {

QStringList words(QStringView name)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    return name.toString().toLower().split(separators, Qt::SkipEmptyParts);
}

} // namespace

QString environmentKindId(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Development: return QStringLiteral("development");
    case EnvironmentKind::Test: return QStringLiteral("test");
    case EnvironmentKind::Staging: return QStringLiteral("staging");
    case EnvironmentKind::Production: return QStringLiteral("production");
    case EnvironmentKind::Other: return QStringLiteral("other");
    }
    return {};
}

std::optional<EnvironmentKind> environmentKindFromId(QStringView id)
{
    for (EnvironmentKind kind : {EnvironmentKind::Development, EnvironmentKind::Test, EnvironmentKind::Staging,
                                 EnvironmentKind::Production, EnvironmentKind::Other}) {
        if (environmentKindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

EnvironmentKind environmentKindFromName(QStringView name)
{
    const QStringList list = words(name);
    // "preprod" and "pre-production" are staging, however much "prod" they contain.
    for (const QString &word : list) {
        if (word == u"staging" || word == u"stage" || word == u"stg" || word == u"preprod" || word == u"preproduction"
            || word == u"uat" || word == u"qa")
            return EnvironmentKind::Staging;
        if (word == u"pre" && list.contains(QStringLiteral("production")))
            return EnvironmentKind::Staging;
    }
    for (const QString &word : list) {
        if (word == u"production" || word == u"prod" || word == u"prd" || word == u"live")
            return EnvironmentKind::Production;
    }
    for (const QString &word : list) {
        if (word == u"development" || word == u"dev" || word == u"local" || word == u"example" || word == u"sample")
            return EnvironmentKind::Development;
        if (word == u"test" || word == u"testing" || word == u"ci" || word == u"e2e")
            return EnvironmentKind::Test;
    }
    return EnvironmentKind::Other;
}

QString normalizedEnvironmentName(QStringView name)
{
    const QString lower = name.trimmed().toString().toLower();
    if (lower == u"prod" || lower == u"prd" || lower == u"live")
        return QStringLiteral("production");
    if (lower == u"stage" || lower == u"stg")
        return QStringLiteral("staging");
    if (lower == u"dev" || lower == u"local")
        return QStringLiteral("development");
    if (lower == u"testing")
        return QStringLiteral("test");
    return lower;
}

QString urlRoleId(UrlRole role)
{
    switch (role) {
    case UrlRole::Application: return QStringLiteral("application");
    case UrlRole::Migration: return QStringLiteral("migration");
    case UrlRole::PoolerConfig: return QStringLiteral("pooler-config");
    }
    return {};
}

} // namespace poolproof
