#include "drivers/clientcatalog.h"
#include "drivers/manifests.h"
#include "scan/dependencies.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The manifest and lock-file readers, one format at a time, on small real-world shaped files.
class TestManifests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void npm();
    void npmLockFiles();
    void python();
    void pythonLockFiles();
    void goModules();
    void maven();
    void ruby();
    void elixir();
    void dotnet();
    void rust();
    void php();
    void versions();
    void projectDependenciesKeepTheirApi();
    void brokenManifestsGiveWhatCanBeRead();

private:
    // "name version line" per package, in manifest order.
    static QStringList rows(const QList<DeclaredPackage> &packages);
};

QStringList TestManifests::rows(const QList<DeclaredPackage> &packages)
{
    QStringList out;
    for (const DeclaredPackage &package : packages)
        out << package.name + u' ' + package.version + u' ' + QString::number(package.line);
    return out;
}

void TestManifests::npm()
{
    const QByteArray manifest = R"({
  "name": "api",
  "dependencies": {
    "pg": "^8.12.0",
    "@prisma/client": "5.14.0"
  },
  "devDependencies": {
    "@types/pg": "^8.11.6",
    "Prisma": "~5.14.0"
  }
})";
    QCOMPARE(manifestEcosystem(u"package.json"_s), u"npm"_s);
    const QList<DeclaredPackage> packages = readManifest(u"package.json"_s, manifest);
    QStringList found = rows(packages);
    found.sort();
    QCOMPARE(found,
             (QStringList {u"@prisma/client 5.14.0 5"_s, u"@types/pg ^8.11.6 8"_s, u"pg ^8.12.0 4"_s,
                           u"prisma ~5.14.0 9"_s}));
    QCOMPARE(packages.first().ecosystem, u"npm"_s);
}

void TestManifests::npmLockFiles()
{
    const QByteArray lockV3 = R"({"lockfileVersion": 3, "packages": {
        "": {"name": "api"},
        "node_modules/pg": {"version": "8.12.0"},
        "node_modules/pg/node_modules/pg-pool": {"version": "3.6.2"},
        "node_modules/@prisma/client": {"version": "5.14.0"}}})";
    LockedVersions locked = readLockFile(u"package-lock.json"_s, lockV3);
    QCOMPARE(locked.value(u"pg"_s), u"8.12.0"_s);
    QCOMPARE(locked.value(u"@prisma/client"_s), u"5.14.0"_s);
    QVERIFY(!locked.contains(u"pg-pool"_s)); // a nested copy, not the project's

    const QByteArray lockV1 = R"({"lockfileVersion": 1, "dependencies": {"postgres": {"version": "3.4.4"}}})";
    QCOMPARE(readLockFile(u"npm-shrinkwrap.json"_s, lockV1).value(u"postgres"_s), u"3.4.4"_s);

    const QByteArray yarnClassic = "# yarn lockfile v1\n\n"
                                   "\"@prisma/client@^5.14.0\":\n  version \"5.14.0\"\n  resolved \"https://x\"\n\n"
                                   "pg@^8.0.0, pg@^8.12.0:\n  version \"8.12.0\"\n";
    locked = readLockFile(u"yarn.lock"_s, yarnClassic);
    QCOMPARE(locked.value(u"pg"_s), u"8.12.0"_s);
    QCOMPARE(locked.value(u"@prisma/client"_s), u"5.14.0"_s);

    const QByteArray yarnBerry = "__metadata:\n  version: 6\n\n\"postgres@npm:^3.4.4\":\n  version: 3.4.4\n  "
                                 "resolution: \"postgres@npm:3.4.4\"\n";
    QCOMPARE(readLockFile(u"yarn.lock"_s, yarnBerry).value(u"postgres"_s), u"3.4.4"_s);

    const QByteArray pnpm9 = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      pg:\n        "
                             "specifier: ^8.12.0\n        version: 8.12.0\n\n"
                             "packages:\n\n  '@prisma/client@5.14.0':\n    resolution: {integrity: sha512-x}\n\n  "
                             "pg@8.12.0:\n    resolution: {integrity: sha512-y}\n";
    locked = readLockFile(u"pnpm-lock.yaml"_s, pnpm9);
    QCOMPARE(locked.value(u"pg"_s), u"8.12.0"_s);
    QCOMPARE(locked.value(u"@prisma/client"_s), u"5.14.0"_s);

    const QByteArray pnpm5 = "lockfileVersion: 5.4\n\npackages:\n\n  /pg/8.7.1:\n    resolution: {integrity: "
                             "sha512-z}\n\n  /@prisma/client/4.9.0:\n    dev: false\n";
    locked = readLockFile(u"pnpm-lock.yaml"_s, pnpm5);
    QCOMPARE(locked.value(u"pg"_s), u"8.7.1"_s);
    QCOMPARE(locked.value(u"@prisma/client"_s), u"4.9.0"_s);
}

void TestManifests::python()
{
    const QByteArray requirements
        = "# runtime\n-r base.txt\nasyncpg==0.29.0\npsycopg[binary,pool] >= 3.1 ; python_version >= \"3.10\"\n"
          "SQLAlchemy>=2.0,<3  # ORM\nDjango\n-e git+https://example.com/x.git#egg=x\n";
    QCOMPARE(manifestEcosystem(u"requirements-prod.txt"_s), u"pypi"_s);
    QCOMPARE(rows(readManifest(u"requirements-prod.txt"_s, requirements)),
             (QStringList {u"asyncpg 0.29.0 3"_s, u"psycopg >= 3.1 4"_s, u"sqlalchemy >=2.0,<3 5"_s, u"django  6"_s}));

    const QByteArray pep621
        = "[project]\nname = \"svc\"\ndependencies = [\n  \"asyncpg>=0.30\",\n  \"psycopg[binary]==3.2.1\",\n]\n\n"
          "[project.optional-dependencies]\nsync = [\"psycopg2-binary>=2.9\"]\n\n[tool.ruff]\nline-length = 100\n";
    QCOMPARE(rows(readManifest(u"pyproject.toml"_s, pep621)),
             (QStringList {u"asyncpg >=0.30 4"_s, u"psycopg 3.2.1 5"_s, u"psycopg2-binary >=2.9 9"_s}));

    const QByteArray poetry = "[tool.poetry.dependencies]\npython = \"^3.11\"\ndjango = \"^5.0\"\nPsycopg_Pool = { "
                              "version = \"^3.2\", optional = true }\n"
                              "\n[tool.poetry.group.dev.dependencies]\npytest = \"^8\"\n";
    QCOMPARE(rows(readManifest(u"pyproject.toml"_s, poetry)),
             (QStringList {u"django ^5.0 3"_s, u"psycopg-pool ^3.2 4"_s, u"pytest ^8 7"_s}));

    const QByteArray pipfile
        = "[[source]]\nurl = \"https://pypi.org/simple\"\n\n[packages]\nasyncpg = \"*\"\nsqlalchemy = {version = "
          "\"==2.0.30\", extras = [\"asyncio\"]}\n\n[requires]\npython_version = \"3.12\"\n";
    QCOMPARE(rows(readManifest(u"Pipfile"_s, pipfile)), (QStringList {u"asyncpg  5"_s, u"sqlalchemy 2.0.30 6"_s}));
}

void TestManifests::pythonLockFiles()
{
    const QByteArray poetryLock = "[[package]]\nname = \"asyncpg\"\nversion = \"0.28.0\"\ndescription = "
                                  "\"x\"\n\n[[package]]\nname = \"psycopg_pool\"\nversion = \"3.2.2\"\n";
    LockedVersions locked = readLockFile(u"poetry.lock"_s, poetryLock);
    QCOMPARE(locked.value(u"asyncpg"_s), u"0.28.0"_s);
    QCOMPARE(locked.value(u"psycopg-pool"_s), u"3.2.2"_s);
    QCOMPARE(
        readLockFile(
            u"uv.lock"_s,
            "version = 1\n\n[[package]]\nname = \"sqlalchemy\"\nversion = \"2.0.31\"\nsource = { registry = \"x\" }\n")
            .value(u"sqlalchemy"_s),
        u"2.0.31"_s);
    QCOMPARE(readLockFile(u"Pipfile.lock"_s, R"({"default": {"asyncpg": {"version": "==0.30.0"}}, "develop": {}})")
                 .value(u"asyncpg"_s),
             u"0.30.0"_s);
}

void TestManifests::goModules()
{
    const QByteArray goMod = "module example.com/svc\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n\nrequire (\n"
                             "\tgithub.com/jackc/pgx/v5 v5.6.0\n\tgolang.org/x/text v0.16.0 // indirect\n)\n\nreplace "
                             "example.com/old => ../old\n";
    QCOMPARE(rows(readManifest(u"go.mod"_s, goMod)),
             (QStringList {u"github.com/lib/pq v1.10.9 5"_s, u"github.com/jackc/pgx/v5 v5.6.0 8"_s,
                           u"golang.org/x/text v0.16.0 9"_s}));
}

void TestManifests::maven()
{
    const QByteArray pom
        = "<project>\n  <properties>\n    <pg.version>42.7.3</pg.version>\n  </properties>\n  <dependencies>\n"
          "    <dependency>\n      <groupId>org.postgresql</groupId>\n      <artifactId>postgresql</artifactId>\n"
          "      <version>${pg.version}</version>\n    </dependency>\n    <dependency>\n      "
          "<groupId>com.zaxxer</groupId>\n"
          "      <artifactId>HikariCP</artifactId>\n      <version>5.1.0</version>\n    </dependency>\n  "
          "</dependencies>\n</project>\n";
    QCOMPARE(rows(readManifest(u"pom.xml"_s, pom)),
             (QStringList {u"org.postgresql:postgresql 42.7.3 8"_s, u"com.zaxxer:hikaricp 5.1.0 13"_s}));

    const QByteArray gradle
        = "dependencies {\n    implementation(\"org.springframework.boot:spring-boot-starter-jdbc\")\n"
          "    runtimeOnly(\"org.postgresql:postgresql:42.7.2\")\n    implementation "
          "'org.flywaydb:flyway-core:10.10.0'\n}\n";
    QCOMPARE(manifestEcosystem(u"build.gradle.kts"_s), u"maven"_s);
    QCOMPARE(rows(readManifest(u"build.gradle.kts"_s, gradle)),
             (QStringList {u"org.springframework.boot:spring-boot-starter-jdbc  2"_s,
                           u"org.postgresql:postgresql 42.7.2 3"_s, u"org.flywaydb:flyway-core 10.10.0 4"_s}));
}

void TestManifests::ruby()
{
    const QByteArray gemfile
        = "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1.3\"\ngem 'pg', '~> 1.5'\ngem \"puma\"\n";
    QCOMPARE(rows(readManifest(u"Gemfile"_s, gemfile)),
             (QStringList {u"rails ~> 7.1.3 3"_s, u"pg ~> 1.5 4"_s, u"puma  5"_s}));
    const QByteArray lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    pg (1.5.6)\n    nokogiri "
                            "(1.16.5-x86_64-linux)\n    rails (7.1.3.2)\n      activerecord (= 7.1.3.2)\n";
    const LockedVersions locked = readLockFile(u"Gemfile.lock"_s, lock);
    QCOMPARE(locked.value(u"pg"_s), u"1.5.6"_s);
    QCOMPARE(locked.value(u"rails"_s), u"7.1.3.2"_s);
    QCOMPARE(locked.value(u"nokogiri"_s), u"1.16.5"_s);
    QVERIFY(!locked.contains(u"activerecord"_s)); // a requirement of rails, not a resolved spec line
}

void TestManifests::elixir()
{
    const QByteArray mix = "defmodule App.MixProject do\n  def project, do: [app: :app, deps: deps()]\n  def "
                           "application, do: [mod: {App.Application, []}]\n\n"
                           "  defp deps do\n    [\n      {:ecto_sql, \"~> 3.11\"},\n      {:postgrex, \">= 0.0.0\"},\n "
                           "     {:phoenix, github: \"phoenixframework/phoenix\"}\n    ]\n  end\nend\n";
    QCOMPARE(rows(readManifest(u"mix.exs"_s, mix)),
             (QStringList {u"ecto_sql ~> 3.11 7"_s, u"postgrex >= 0.0.0 8"_s, u"phoenix  9"_s}));
    const QByteArray lock
        = "%{\n  \"postgrex\": {:hex, :postgrex, \"0.17.5\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n}\n";
    QCOMPARE(readLockFile(u"mix.lock"_s, lock).value(u"postgrex"_s), u"0.17.5"_s);
}

void TestManifests::dotnet()
{
    const QByteArray csproj = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference "
                              "Include=\"Npgsql\" Version=\"8.0.3\" />\n"
                              "    <PackageReference Include=\"Dapper\" />\n  </ItemGroup>\n</Project>\n";
    QCOMPARE(manifestEcosystem(u"Api.csproj"_s), u"nuget"_s);
    QCOMPARE(rows(readManifest(u"Api.csproj"_s, csproj)), (QStringList {u"npgsql 8.0.3 3"_s, u"dapper  4"_s}));
    const QByteArray lock
        = R"({"version": 1, "dependencies": {"net8.0": {"Npgsql": {"type": "Direct", "resolved": "8.0.3"}}}})";
    QCOMPARE(readLockFile(u"packages.lock.json"_s, lock).value(u"npgsql"_s), u"8.0.3"_s);
}

void TestManifests::rust()
{
    const QByteArray cargo = "[package]\nname = \"api\"\nversion = \"0.1.0\"\n\n[dependencies]\nsqlx = { version = "
                             "\"0.7\", features = [\"postgres\"] }\n"
                             "tokio-postgres = \"0.7.10\"\ntokio.workspace = true\n\n[dev-dependencies]\ninsta = "
                             "\"1\"\n\n[dependencies.diesel]\nversion = \"2.2\"\nfeatures = [\"postgres\"]\n";
    QCOMPARE(rows(readManifest(u"Cargo.toml"_s, cargo)),
             (QStringList {u"sqlx 0.7 6"_s, u"tokio-postgres 0.7.10 7"_s, u"tokio  8"_s, u"insta 1 11"_s,
                           u"diesel 2.2 13"_s}));
    const QByteArray lock = "version = 3\n\n[[package]]\nname = \"sqlx\"\nversion = \"0.7.4\"\nsource = \"registry\"\n";
    QCOMPARE(readLockFile(u"Cargo.lock"_s, lock).value(u"sqlx"_s), u"0.7.4"_s);
}

void TestManifests::php()
{
    const QByteArray composer = R"({
    "require": {
        "php": "^8.2",
        "ext-pdo_pgsql": "*",
        "doctrine/dbal": "^3.8"
    }
})";
    QStringList found = rows(readManifest(u"composer.json"_s, composer));
    found.sort();
    QCOMPARE(found, (QStringList {u"doctrine/dbal ^3.8 5"_s, u"ext-pdo_pgsql  4"_s, u"php ^8.2 3"_s}));
    const QByteArray lock = R"({"packages": [{"name": "doctrine/dbal", "version": "v3.8.4"}], "packages-dev": []})";
    QCOMPARE(readLockFile(u"composer.lock"_s, lock).value(u"doctrine/dbal"_s), u"3.8.4"_s);
}

void TestManifests::versions()
{
    QCOMPARE(versionNumbers(u"^8.12.0"_s), (QList<int> {8, 12, 0}));
    QCOMPARE(versionNumbers(u">=0.29,<1"_s), (QList<int> {0, 29}));
    QCOMPARE(versionNumbers(u"v5.6.0"_s), (QList<int> {5, 6, 0}));
    QVERIFY(versionNumbers(u"*"_s).isEmpty());
    QCOMPARE(compareVersions({0, 28, 0}, {0, 29}), -1);
    QCOMPARE(compareVersions({7}, {7, 0, 0}), 0);
    QCOMPARE(compareVersions({10}, {9, 9}), 1);
}

void TestManifests::projectDependenciesKeepTheirApi()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &path, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(dir.filePath(path)).path());
        QFile file(dir.filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"web/package.json"_s, R"({"dependencies": {"pg": "^8.11.0", "Express": "^4"}})");
    write(u"web/package-lock.json"_s, R"({"packages": {"node_modules/pg": {"version": "8.11.5"}}})");
    write(u"Gemfile.lock"_s, "GEM\n  specs:\n    pg (1.5.6)\n    activerecord (7.1.3)\n");
    WalkResult walk;
    walk.root = dir.path();
    for (const QString &path : {u"web/package.json"_s, u"Gemfile.lock"_s})
        walk.files.append({path, dir.filePath(path), QFileInfo(dir.filePath(path)).size()});

    const ProjectDependencies deps = ProjectDependencies::read(walk);
    QVERIFY(deps.knows(u"npm"_s));
    QVERIFY(deps.knows(u"gem"_s));
    QVERIFY(!deps.knows(u"pypi"_s));
    QVERIFY(deps.has(u"npm"_s, u"pg"_s));
    QVERIFY(deps.has(u"npm"_s, u"express"_s));
    QVERIFY(deps.has(u"gem"_s, u"activerecord"_s)); // every gem of the lock counts, as before
    QCOMPARE(deps.packages().value(u"npm"_s).size(), 2);
    QCOMPARE(deps.version(u"npm"_s, u"pg"_s), u"8.11.5"_s);
    QCOMPARE(deps.version(u"npm"_s, u"express"_s), u"^4"_s);

    const QList<DetectedClient> clients = detectClients(deps);
    QCOMPARE(clients.size(), 1);
    QCOMPARE(clients.first().package, u"pg"_s);
    QCOMPARE(clients.first().displayName, u"node-postgres"_s);
    QCOMPARE(clients.first().version, u"8.11.5"_s);
    QVERIFY(clients.first().locked);
    QCOMPARE(clients.first().manifestPath, u"web/package.json"_s);
    QCOMPARE(clients.first().line, 1);
}

void TestManifests::brokenManifestsGiveWhatCanBeRead()
{
    QVERIFY(readManifest(u"package.json"_s, "{ \"dependencies\": { \"pg\": ").isEmpty());
    QVERIFY(readLockFile(u"package-lock.json"_s, "not json").isEmpty());
    QCOMPARE(rows(readManifest(u"requirements.txt"_s, "asyncpg==0.30.0\n\xff\xfe garbage ===\n")).value(0),
             u"asyncpg 0.30.0 1"_s);
    QVERIFY(readManifest(u"README.md"_s, "pg").isEmpty());
    QVERIFY(manifestEcosystem(u"package-lock.json"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestManifests)
#include "tst_manifests.moc"
