#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real poolproof-cli binary: check-url and envs, their exit codes, and that no output
// ever shows a password.
class TestCliCheckUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textOutput();
    void failOn();
    void jsonOutput();
    void standardInput();
    void libpqVersion();
    void usageErrors_data();
    void usageErrors();
    void envsFreshtrack();
    void envsJson();
    void envsFindingsAndErrors();
    void plantedPasswordNeverPrinted_data();
    void plantedPasswordNeverPrinted();
    void plantedPasswordInRepository();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QStringList &arguments, const QByteArray &input = {});
};

TestCliCheckUrl::Run TestCliCheckUrl::run(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"POOLPROOF_LANGUAGE"_s, u"en"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(POOLPROOF_CLI), arguments);
    if (!input.isNull()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

namespace {

const QString pooled
    = u"postgresql://app:${DB_PASSWORD}@db-pooler.internal:6432/app?sslmode=require&connect_timeout=5&application_name=api"_s;

QString dataDir(const QString &name)
{
    return QStringLiteral(POOLPROOF_SOURCE_DIR "/tests/env/data/") + name;
}

} // namespace

void TestCliCheckUrl::textOutput()
{
    const Run r = run({u"check-url"_s, pooled});
    QCOMPARE(r.exitCode, 0); // a warning does not reach the default threshold
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(
        lines.at(0),
        u"<arg1>: postgresql://app:****@db-pooler.internal:6432/app?sslmode=require&connect_timeout=5&application_name=api"_s);
    QVERIFY2(lines.at(1).startsWith(u"  libpq ") && lines.at(1).endsWith(u": accepts"), qPrintable(lines.at(1)));
    QVERIFY2(r.out.contains(u"through a pooler (port 6432)"), qPrintable(r.out));
    const QString column = QString::number(pooled.indexOf(u"require") + 1);
    QVERIFY2(r.out.contains(u"<arg1>:1:"_s + column + u": warning: "_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"[PB520]"));
}

void TestCliCheckUrl::failOn()
{
    QCOMPARE(run({u"check-url"_s, u"--fail-on"_s, u"warning"_s, pooled}).exitCode, 1);
    QCOMPARE(run({u"check-url"_s, u"--env"_s, u"development"_s, u"--fail-on"_s, u"warning"_s, pooled}).exitCode, 0);
    // libpq rejects: an error
    const Run r = run({u"check-url"_s, u"--env"_s, u"development"_s, u"postgresql://db:65536/app"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u": rejects (invalid port number: \"65536\")"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"<arg1>:1:17: error: libpq rejects this string: the port 65536 is outside 1-65535"));
}

void TestCliCheckUrl::jsonOutput()
{
    const Run r = run({u"check-url"_s, u"--format"_s, u"json"_s, u"--pooler"_s, u"supavisor"_s, pooled,
                       u"postgresql://db/app?pgbouncer=true"_s, u"${DATABASE_URL}"_s,
                       u"jdbc:postgresql://db:6543/app?user=app"_s});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"pooler").toString(), u"supavisor"_s);
    QCOMPARE(root.value(u"environment").toString(), u"production"_s);
    const QJsonArray urls = root.value(u"urls").toArray();
    QCOMPARE(urls.size(), 4);
    const QJsonObject first = urls.at(0).toObject();
    QCOMPARE(first.value(u"libpqAccepts").toBool(), true);
    QVERIFY(!first.contains(u"libpqMessage"));
    QCOMPARE(first.value(u"masked").toString().left(27), u"postgresql://app:****@db-po"_s);
    QCOMPARE(first.value(u"viaPooler").toBool(), true);
    QCOMPARE(first.value(u"password").toString(), u"reference"_s);
    QCOMPARE(first.value(u"verdict").toString(), u"warning"_s);
    const QJsonObject finding = first.value(u"findings").toArray().at(0).toObject();
    QCOMPARE(finding.value(u"ruleId").toString(), u"PB520"_s);
    QCOMPARE(finding.value(u"path").toString(), u"<arg1>"_s);
    QCOMPARE(finding.value(u"line").toInt(), 1);
    QCOMPARE(finding.value(u"fingerprint").toString().size(), 40);

    const QJsonObject prisma = urls.at(1).toObject();
    QCOMPARE(prisma.value(u"dialect").toString(), u"prisma"_s);
    QCOMPARE(prisma.value(u"libpqAccepts").toBool(), false);
    QCOMPARE(prisma.value(u"libpqMessage").toString(), u"invalid URI query parameter: \"pgbouncer\""_s);
    QCOMPARE(prisma.value(u"driverAccepts").toBool(), true);

    const QJsonObject elsewhere = urls.at(2).toObject();
    QCOMPARE(elsewhere.value(u"definedElsewhere").toBool(), true);
    QVERIFY(elsewhere.value(u"libpqAccepts").isNull());

    const QJsonObject jdbc = urls.at(3).toObject();
    QCOMPARE(jdbc.value(u"dialect").toString(), u"jdbc"_s);
    QStringList rules;
    for (const QJsonValue &value : jdbc.value(u"findings").toArray())
        rules << value.toObject().value(u"ruleId").toString();
    QVERIFY2(rules.contains(u"PB530"_s), qPrintable(rules.join(u','))); // prepareThreshold on Supavisor
    QVERIFY2(rules.contains(u"PB504"_s), qPrintable(rules.join(u',')));
}

void TestCliCheckUrl::standardInput()
{
    const QByteArray input = "# comment\n\npostgresql://app@db/app\r\nhost=db port=6432,6433\n";
    const Run r = run({u"check-url"_s, u"--env"_s, u"development"_s, u"-"_s}, input);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"<stdin>:3: postgresql://app@db/app\n"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"<stdin>:4:14: error: libpq rejects this string: give one port for all hosts"),
             qPrintable(r.out));
    QVERIFY(r.out.contains(u"could not match 2 port numbers to 1 hosts"));
}

void TestCliCheckUrl::libpqVersion()
{
    const QString url = u"postgresql://db/app?require_auth=scram-sha-256"_s;
    const Run old = run({u"check-url"_s, u"--env"_s, u"development"_s, u"--libpq-version"_s, u"15"_s, url});
    QCOMPARE(old.exitCode, 1);
    QVERIFY2(old.out.contains(u"[PB503]"), qPrintable(old.out));
    QVERIFY(old.out.contains(u"libpq 15 does not know \"require_auth\""));
    QVERIFY2(old.out.contains(u"  libpq 15: rejects (invalid URI query parameter: \"require_auth\")\n"),
             qPrintable(old.out));
    QCOMPARE(run({u"check-url"_s, u"--env"_s, u"development"_s, u"--libpq-version"_s, u"16"_s, url}).exitCode, 0);
}

void TestCliCheckUrl::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no url") << QStringList {u"check-url"_s} << u"no connection string given"_s;
    QTest::newRow("format") << QStringList {u"check-url"_s, u"--format"_s, u"xml"_s, u"x"_s}
                            << u"unknown format \"xml\""_s;
    QTest::newRow("pooler") << QStringList {u"check-url"_s, u"--pooler"_s, u"pgbouncer-9"_s, u"x"_s}
                            << u"unknown pooler profile \"pgbouncer-9\" (known: pgbouncer-1.24"_s;
    QTest::newRow("libpq version") << QStringList {u"check-url"_s, u"--libpq-version"_s, u"seventeen"_s, u"x"_s}
                                   << u"--libpq-version needs a major version"_s;
    QTest::newRow("fail-on") << QStringList {u"check-url"_s, u"--fail-on"_s, u"fatal"_s, u"x"_s}
                             << u"unknown severity \"fatal\""_s;
    QTest::newRow("driver") << QStringList {u"check-url"_s, u"--driver"_s, u"odbc"_s, u"x"_s}
                            << u"unknown driver \"odbc\""_s;
    QTest::newRow("role") << QStringList {u"check-url"_s, u"--role"_s, u"admin"_s, u"x"_s}
                          << u"unknown role \"admin\""_s;
    QTest::newRow("envs no path") << QStringList {u"envs"_s} << u"no repository given"_s;
    QTest::newRow("envs not a folder") << QStringList {u"envs"_s, u"/nonexistent/repository"_s} << u"is not a folder"_s;
    QTest::newRow("envs pooler") << QStringList {u"envs"_s, u"--pooler"_s, u"nope"_s, u"."_s}
                                 << u"unknown pooler profile \"nope\""_s;
}

void TestCliCheckUrl::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliCheckUrl::envsFreshtrack()
{
    const Run r = run({u"envs"_s, QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"\ndevelopment  ok\n"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"\nstaging  ok  (pooler expected"));
    QVERIFY(r.out.contains(u"\nproduction  ok  (pooler expected"));
    QVERIFY(r.out.indexOf(u"\ndevelopment") < r.out.indexOf(u"\nstaging")
            && r.out.indexOf(u"\nstaging") < r.out.indexOf(u"\nproduction"));
    QVERIFY(r.out.contains(u"postgresql://freshtrack_app:****@db-pooler.freshtrack.internal:6432/freshtrack"));
    QVERIFY(r.out.contains(u"  pooler-config  [databases] freshtrack  pgbouncer.ini:5:14\n"));
    QVERIFY(r.out.contains(u"3 environment(s), 0 error(s), 0 warning(s), 0 info(s)"));
}

void TestCliCheckUrl::envsJson()
{
    const Run r = run(
        {u"envs"_s, u"--format"_s, u"json"_s, QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"pooler").toObject().value(u"profile").toString(), u"pgbouncer-1.24"_s);
    const QJsonArray environments = root.value(u"environments").toArray();
    QCOMPARE(environments.size(), 3);
    QCOMPARE(environments.at(2).toObject().value(u"name").toString(), u"production"_s);
    QCOMPARE(environments.at(2).toObject().value(u"pooler").toObject().value(u"maxPreparedStatements").toInt(), 200);
    const QJsonObject first = environments.at(2).toObject().value(u"urls").toArray().at(0).toObject();
    QCOMPARE(first.value(u"key").toString(), u"DATABASE_URL"_s);
    QCOMPARE(first.value(u"libpqAccepts").toBool(), true);
    QCOMPARE(first.value(u"source").toObject().value(u"path").toString(), u".env.production.example"_s);
    QCOMPARE(first.value(u"role").toString(), u"application"_s);
    QCOMPARE(first.value(u"verdict").toString(), u"ok"_s);
}

void TestCliCheckUrl::envsFindingsAndErrors()
{
    const Run failing = run({u"envs"_s, dataDir(u"policy/PB510/failing"_s)});
    QCOMPARE(failing.exitCode, 1);
    QVERIFY2(failing.out.contains(u".env.production:1:59: error: "), qPrintable(failing.out));
    QCOMPARE(run({u"envs"_s, dataDir(u"policy/PB510/fixed"_s)}).exitCode, 0);

    QTemporaryDir dir;
    QFile project(dir.filePath(u".poolproof.json"_s));
    QVERIFY(project.open(QIODevice::WriteOnly));
    project.write("{\n  \"pooler\": \"pgbouncer-1.24\",\n  broken\n}\n");
    project.close();
    const Run broken = run({u"envs"_s, dir.path()});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains(u".poolproof.json:3:"), qPrintable(broken.err));
}

void TestCliCheckUrl::plantedPasswordNeverPrinted_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("plain") << u"postgresql://app:Pl4ntedS3cret9@db:6432/app"_s;
    QTest::newRow("@") << u"postgresql://app:Pl4nted@S3cret9@db/app"_s;
    QTest::newRow("/") << u"postgresql://app:Pl4nted/S3cret9@db:6432/app"_s;
    QTest::newRow("bad escape") << u"postgresql://app:Pl4nted%zzS3cret9@db/app"_s;
    QTest::newRow("#") << u"postgres://app:Pl4nted#S3cret9@db/app?uselibpqcompat=true"_s;
    QTest::newRow("keyword") << u"host=db password=Pl4nted S3cret9"_s;
    QTest::newRow("parameter") << u"postgresql://db/app?password=Pl4nted%zzS3cret9"_s;
    QTest::newRow("jdbc") << u"jdbc:postgresql://app:Pl4nted@S3cret9@db:6432/app"_s;
    QTest::newRow("npgsql") << u"Host=db;Username=app;Password=Pl4nted;Database=app;Bogus=S3cret9x"_s;
    QTest::newRow("asyncpg") << u"postgresql+asyncpg://app:Pl4nted@S3cret9@db/app?sslmode=require"_s;
}

void TestCliCheckUrl::plantedPasswordNeverPrinted()
{
    QFETCH(QString, url);
    for (const QString &format : {u"text"_s, u"json"_s}) {
        const Run r = run({u"check-url"_s, u"--format"_s, format, url});
        QVERIFY(r.exitCode == 0 || r.exitCode == 1);
        QVERIFY(!r.out.isEmpty());
        for (const QString &piece : {u"Pl4nted"_s, u"S3cret9"_s}) {
            if (url.contains(u"Bogus=S3cret9x") && piece == u"S3cret9")
                continue; // not a password there
            QVERIFY2(!r.out.contains(piece) && !r.err.contains(piece), qPrintable(format + u": "_s + r.out + r.err));
        }
    }
}

void TestCliCheckUrl::plantedPasswordInRepository()
{
    // A repository with a literal password in every kind of settings file.
    QTemporaryDir dir;
    const auto write = [&](const QString &path, const QByteArray &text) {
        QDir().mkpath(QFileInfo(dir.filePath(path)).path());
        QFile file(dir.filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write(u".env.production"_s,
          "DATABASE_URL=postgresql://app:Pl4nted@S3cret9@db:6432/app\nDB_PASSWORD=Pl4ntedS3cret9\n");
    write(u"docker-compose.yml"_s,
          "services:\n  api:\n    environment:\n      - DATABASE_URL=postgres://app:Pl4nted/S3cret9@db/app\n");
    write(u"k8s/production/secret.yaml"_s,
          "apiVersion: v1\nkind: Secret\nstringData:\n  DATABASE_URL: \"host=db password='Pl4nted S3cret9\"\n");
    write(u"config/database.yml"_s, "production:\n  adapter: postgresql\n  host: db\n  password: Pl4ntedS3cret9\n");
    write(u"app/settings.py"_s,
          "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db', 'PASSWORD': "
          "'Pl4ntedS3cret9'}}\n");
    write(u"src/main/resources/application-prod.properties"_s,
          "spring.datasource.url=jdbc:postgresql://db:6432/app\nspring.datasource.password=Pl4nted&S3cret9\n");
    write(u"pgbouncer.ini"_s, "[databases]\napp = host=db password=Pl4ntedS3cret9\n[pgbouncer]\nlisten_port = 6432\n");
    write(u"appsettings.Production.json"_s,
          "{\"ConnectionStrings\": {\"App\": \"Host=db;Username=app;Password=Pl4ntedS3cret9;Database=app\"}}\n");
    write(u".poolproof.json"_s,
          "{\"environments\": [{\"name\": \"staging\", \"databaseUrl\": "
          "\"postgresql://app:Pl4nted%zzS3cret9@db/app\"}]}\n");
    for (const QString &format : {u"text"_s, u"json"_s}) {
        const Run r = run({u"envs"_s, u"--format"_s, format, dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(u"PB522"), qPrintable(r.out));
        for (const QString &piece : {u"Pl4nted"_s, u"S3cret9"_s})
            QVERIFY2(!r.out.contains(piece) && !r.err.contains(piece), qPrintable(format + u": "_s + r.out + r.err));
    }
}

QTEST_GUILESS_MAIN(TestCliCheckUrl)
#include "tst_cli_checkurl.moc"
