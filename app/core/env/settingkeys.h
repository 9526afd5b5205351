#pragma once

#include "url/urlcontext.h"

#include <QString>
#include <QStringView>

namespace poolproof {

// What a setting's name says about it.
struct KeyMeaning {
    bool namesConnection = false; // DATABASE_URL, *_DATABASE_URL, DB_URL, POSTGRES_URL, PG*_URL, DIRECT_URL, ...
    UrlRole role = UrlRole::Application;
    QString environment; // from a DEV_/PROD_/STAGING_ prefix, normalized; empty otherwise
};

// "databaseUrl", "database.url", "spring.datasource.url" -> "DATABASE_URL", "SPRING_DATASOURCE_URL".
QString normalizedKey(QStringView key);
KeyMeaning classifyKey(QStringView key);
// A password-like name: DB_PASSWORD, PGPASSWORD, POSTGRES_PASSWORD, *_SECRET ...
bool isPasswordKey(QStringView key);

// The value is a PostgreSQL connection string of some driver (not mysql://, redis://, ...).
bool looksLikeConnectionString(QStringView value);
// The value has a URL scheme that is not PostgreSQL's (mysql://, redis://, http://).
bool hasOtherScheme(QStringView value);

// The environment a file belongs to by its name and folders ("values-prod.yaml",
// "overlays/staging/", ".env.production.example", "application-prod.yml"); fallback otherwise.
QString environmentFromPath(const QString &relativePath, const QString &fallback);

} // namespace poolproof
