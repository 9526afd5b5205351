#include "plantedrepo.h"

#include <QDir>
#include <QFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QDir &root, const QString &relative, const QByteArray &content, QString *error)
{
    root.mkpath(QFileInfo(root.filePath(relative)).path());
    QFile file(root.filePath(relative));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        *error = relative + u": "_s + file.errorString();
        return false;
    }
    return true;
}

} // namespace

bool PlantedRepo::write(const QString &rootPath, QString *error)
{
    const QDir root(rootPath);
    // A password with characters a URL must encode: it appears percent-encoded in the file.
    const QString encodedPassword = u"Zq7/Encoded@Pw+Kx"_s;
    const QByteArray encodedInUrl = QUrl::toPercentEncoding(encodedPassword);
    secrets = {
        {u"Zq7EnvDevKx41"_s, u".env"_s},
        {encodedPassword, u".env.production (percent-encoded)"_s},
        {u"Zq7ComposeKx52"_s, u"docker-compose.yml"_s},
        {u"Zq7RailsKx63"_s, u"config/database.yml"_s},
        {u"Zq7ProjectKx74"_s, u".poolproof.json"_s},
        {u"Zq7SourceKx85"_s, u"app/db.py"_s},
        {u"Zq7KeywordKx96"_s, u"app/worker.py (keyword/value)"_s},
        {u"Zq7DjangoKx07"_s, u"settings.py"_s},
        {u"Zq7K8sKx18"_s, u"k8s/deployment.yaml"_s},
    };
    urls = {
        u"postgresql://app:Zq7EnvDevKx41@db.internal:6432/shop?sslmode=require"_s,
        u"postgres://prod:"_s + QString::fromLatin1(encodedInUrl) + u"@pooler.internal:6432/shop?sslmode=verify-full"_s,
        u"host=worker.internal port=5432 dbname=jobs user=worker password=Zq7KeywordKx96 sslmode=disable"_s,
        u"jdbc:postgresql://db.internal:5432/shop?user=app&password=Zq7K8sKx18&ssl=true"_s,
    };

    return writeFile(root, u".env"_s,
                     "# local "
                     "development\nDATABASE_URL=postgresql://app:Zq7EnvDevKx41@db.internal:6432/shop?sslmode=require\n"
                     "DB_PASSWORD=Zq7EnvDevKx41\n",
                     error)
        && writeFile(root, u".env.production"_s,
                     "DATABASE_URL=postgres://prod:" + encodedInUrl
                         + "@pooler.internal:6432/shop?sslmode=verify-full\n",
                     error)
        && writeFile(root, u"docker-compose.yml"_s,
                     "services:\n  api:\n    image: shop/api\n    environment:\n"
                     "      DATABASE_URL: postgresql://compose:Zq7ComposeKx52@db:5432/shop\n"
                     "  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: Zq7ComposeKx52\n",
                     error)
        && writeFile(root, u"config/database.yml"_s,
                     "production:\n  adapter: postgresql\n  host: db.internal\n  port: 6432\n  database: shop\n"
                     "  username: rails\n  password: Zq7RailsKx63\n  prepared_statements: false\n",
                     error)
        && writeFile(
               root, u".poolproof.json"_s,
               R"({"environments": [{"name": "staging", "databaseUrl": "postgresql://stage:Zq7ProjectKx74@stage-pooler.internal:6432/shop"}]})",
               error)
        && writeFile(
               root, u"app/db.py"_s,
               "import psycopg2\n\nconn = psycopg2.connect(\"postgresql://code:Zq7SourceKx85@db.internal/shop\"); "
               "conn.cursor().execute(\"SET search_path TO tenant_1\")\n",
               error)
        && writeFile(root, u"app/worker.py"_s,
                     "import psycopg2\n\nDSN = \"host=worker.internal port=5432 dbname=jobs user=worker "
                     "password=Zq7KeywordKx96 sslmode=disable\"\n"
                     "conn = psycopg2.connect(DSN)\nconn.cursor().execute(\"LISTEN jobs\")\n",
                     error)
        && writeFile(root, u"shop/settings.py"_s,
                     "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n"
                     "        'HOST': 'db.internal',\n        'PORT': '6432',\n        'NAME': 'shop',\n"
                     "        'USER': 'django',\n        'PASSWORD': 'Zq7DjangoKx07',\n    }\n}\n",
                     error)
        && writeFile(root, u"k8s/deployment.yaml"_s,
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api-production\nspec:\n  template:\n   "
                     " spec:\n"
                     "      containers:\n        - name: api\n          env:\n            - name: DATABASE_URL\n"
                     "              value: "
                     "\"jdbc:postgresql://db.internal:5432/shop?user=app&password=Zq7K8sKx18&ssl=true\"\n",
                     error)
        && writeFile(root, u"migrations/0001_init.sql"_s,
                     "CREATE TABLE items (id bigint PRIMARY KEY);\nSET search_path TO shop;\n", error);
}

QByteArrayList PlantedRepo::leakForms(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArrayList forms {utf8, QUrl::toPercentEncoding(password)};
    // Inside a longer base64 text the password starts at byte offset 0, 1 or 2 of a 3-byte group:
    // encode it behind 0, 1 and 2 filler bytes and keep only the characters the filler and the
    // end do not touch.
    for (int filler = 0; filler < 3; ++filler) {
        for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray padded = QByteArray(filler, '\0') + utf8;
            const QByteArray encoded = padded.toBase64(options | QByteArray::OmitTrailingEquals);
            const qsizetype skip = (filler * 4 + 2) / 3;
            const QByteArray middle = encoded.mid(skip, encoded.size() - skip - 4);
            if (middle.size() >= 8 && !forms.contains(middle))
                forms << middle;
        }
    }
    return forms;
}

QString PlantedRepo::findLeak(const QByteArray &bytes) const
{
    for (const Secret &secret : secrets) {
        for (const QByteArray &form : leakForms(secret.password)) {
            if (bytes.contains(form))
                return secret.password + u" (from "_s + secret.where + u", as \""_s + QString::fromLatin1(form)
                    + u"\")"_s;
        }
    }
    return {};
}
