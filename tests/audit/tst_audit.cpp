#include "audit/audit.h"
#include "audit/auditjson.h"
#include "audit/databasereport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cmark.h>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The exports of one audit: golden DATABASE.md, valid CommonMark, and no secret in any format.
class TestAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void databaseMarkdownMatchesGolden();
    void markdownIsCommonMark();
    void htmlIsSelfContained();
    void jsonAndSarif();
    void customTemplate();
    void noPlantedPasswordInAnyExport();
    void optionalSectionsOnlyFromProjectFile();
    void environmentFilesJoinTheAudit();
    void environmentFileArgument_data();
    void driverFindingStandsForTheSameEnvironmentFinding();
    void environmentFileArgument();

private:
    static void writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content);
    static AuditResult auditOf(const QString &root, const QString &profile = {});
    AuditResult m_sample;
};

AuditResult TestAudit::auditOf(const QString &root, const QString &profile)
{
    AuditOptions options;
    options.root = root;
    options.profileId = profile;
    options.date = QDateTime(QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC);
    return runAudit(options);
}

void TestAudit::initTestCase()
{
    m_sample = auditOf(QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend"));
    QVERIFY(m_sample.scan.error.isEmpty());
    QVERIFY(m_sample.environments.has_value());
}

void TestAudit::databaseMarkdownMatchesGolden()
{
    const QString markdown = renderDatabaseMarkdown(DatabaseReport::build(m_sample), defaultDatabaseTemplate());
    const QString goldenPath = QStringLiteral(POOLPROOF_SOURCE_DIR "/tests/audit/golden/freshtrack-DATABASE.md");
    QFile golden(goldenPath);
    QVERIFY2(golden.open(QIODevice::ReadOnly), "run scripts/update-golden to create the reference");
    const QString expected = QString::fromUtf8(golden.readAll());
    if (markdown != expected) {
        // Leave the actual output beside the build for a diff; scripts/update-golden accepts it.
        QFile actual(QStringLiteral(POOLPROOF_BINARY_DIR "/freshtrack-DATABASE.actual.md"));
        if (actual.open(QIODevice::WriteOnly))
            actual.write(markdown.toUtf8());
    }
    QCOMPARE(markdown, expected);
    // The same input gives the same bytes.
    QCOMPARE(renderDatabaseMarkdown(DatabaseReport::build(auditOf(m_sample.root)), defaultDatabaseTemplate()),
             markdown);
}

void TestAudit::markdownIsCommonMark()
{
    const QByteArray markdown
        = renderDatabaseMarkdown(DatabaseReport::build(m_sample), defaultDatabaseTemplate()).toUtf8();
    cmark_node *document = cmark_parse_document(markdown.constData(), size_t(markdown.size()),
                                                CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    QVERIFY(document);
    int headings = 0;
    int codeBlocks = 0;
    int rawHtml = 0;
    QStringList headingTexts;
    cmark_iter *iter = cmark_iter_new(document);
    for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
        if (event != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HEADING: {
            ++headings;
            cmark_node *text = cmark_node_first_child(node);
            if (text && cmark_node_get_literal(text))
                headingTexts << QString::fromUtf8(cmark_node_get_literal(text));
            break;
        }
        case CMARK_NODE_CODE_BLOCK: ++codeBlocks; break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE: ++rawHtml; break;
        default: break;
        }
    }
    cmark_iter_free(iter);
    cmark_node_free(document);
    QCOMPARE(rawHtml, 0); // everything that looks like markup in the data was escaped
    QCOMPARE(codeBlocks, 1); // the architecture diagram
    for (const QString &expected :
         {u"Pooling architecture"_s, u"Environments"_s, u"What transaction mode means for this code"_s,
          u"Compatibility audit"_s, u"Checks performed"_s, u"Findings"_s, u"Suppressed findings"_s,
          u"Drivers and ORMs"_s, u"Pool settings and capacity"_s, u"production"_s})
        QVERIFY2(headingTexts.contains(expected), qPrintable(expected));
    QVERIFY(headings >= 12);
}

void TestAudit::htmlIsSelfContained()
{
    const QString html = renderDatabaseHtml(DatabaseReport::build(m_sample));
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"));
    QVERIFY(html.contains(u"<table>"));
    QVERIFY(html.contains(u"INCOMPATIBLE"));
    QVERIFY(!html.contains(u"<script"));
    QVERIFY(!html.contains(u"<link"));
    QVERIFY(!html.contains(u"src=\""));
}

void TestAudit::jsonAndSarif()
{
    const QJsonObject json = auditToJson(m_sample);
    QCOMPARE(json.value(u"status").toString(), u"INCOMPATIBLE"_s);
    QCOMPARE(json.value(u"environments").toArray().size(), 3);
    QCOMPARE(json.value(u"date").toString(), u"2026-11-27T12:00:00Z"_s);
    const QJsonObject sarif = auditToSarif(m_sample);
    QCOMPARE(sarif.value(u"version").toString(), u"2.1.0"_s);
    QCOMPARE(sarif.value(u"runs").toArray().at(0).toObject().value(u"results").toArray().size(), 8);

    // Written in pieces, both are the very bytes of the whole documents: for the sample, and for
    // an audit with no code findings at all.
    const auto pieces = [](const auto &writer, const AuditResult &audit) {
        QByteArray bytes;
        const bool complete = writer(audit, [&bytes](QByteArrayView part) {
            bytes += part;
            return true;
        });
        return complete ? bytes : QByteArray();
    };
    AuditResult noCodeFindings = m_sample;
    noCodeFindings.scan.findings.clear();
    for (const AuditResult *audit : {&m_sample, &noCodeFindings}) {
        QCOMPARE(pieces(writeAuditJson, *audit), QJsonDocument(auditToJson(*audit)).toJson(QJsonDocument::Indented));
        QCOMPARE(pieces(writeAuditSarif, *audit), QJsonDocument(auditToSarif(*audit)).toJson(QJsonDocument::Indented));
    }
}

void TestAudit::customTemplate()
{
    QStringList unknown;
    const QString text = renderDatabaseMarkdown(
        DatabaseReport::build(m_sample), u"# {{project}} on {{pooler}}\n\n{{findings}}\n\n{{nonsense}}\n"_s, &unknown);
    QVERIFY(text.startsWith(u"# FreshTrack API on PgBouncer 1.24 or later\n"));
    QVERIFY(text.contains(u"| `src/middleware/tenant.ts:75` | `PB101` |"));
    QCOMPARE(unknown, QStringList {u"nonsense"_s});
    QVERIFY(text.contains(u"{{nonsense}}"));
}

void TestAudit::noPlantedPasswordInAnyExport()
{
    const QByteArray planted = "Pl4nted-S3cret-9f2c";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &content) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).absolutePath());
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write(u".env.production"_s,
          "DATABASE_URL=postgresql://app:" + planted
              + "@db.example.com:5432/app\n"
                "DB_PASSWORD="
              + planted + "\n");
    write(u".env"_s, "DATABASE_URL=postgres://app:" + planted + "@localhost/app_dev?sslmode=disable\n");
    write(u".poolproof.json"_s,
          "{\"environments\": [{\"name\": \"staging\", \"databaseUrl\": \"host=db password=" + planted
              + " dbname=app\"}]}\n");
    write(u"src/db.ts"_s,
          "const url = 'postgresql://app:" + planted + "@db:6432/app';\nawait pool.query('LISTEN x');\n");
    const AuditResult audit = auditOf(dir.path());
    QVERIFY(audit.environments.has_value());
    QVERIFY(!audit.allFindings().isEmpty());
    const DatabaseReport report = DatabaseReport::build(audit);
    const QList<std::pair<QString, QByteArray>> exports {
        {u"markdown"_s, renderDatabaseMarkdown(report, defaultDatabaseTemplate()).toUtf8()},
        {u"html"_s, renderDatabaseHtml(report).toUtf8()},
        {u"json"_s, QJsonDocument(auditToJson(audit)).toJson()},
        {u"sarif"_s, QJsonDocument(auditToSarif(audit)).toJson()},
    };
    for (const auto &[name, bytes] : exports) {
        QVERIFY2(!bytes.isEmpty(), qPrintable(name));
        QVERIFY2(!bytes.contains(planted), qPrintable(name + u" contains the planted password"_s));
    }
    // The literal password is reported, masked.
    bool reported = false;
    for (const Finding &finding : audit.allFindings())
        reported |= finding.ruleId == u"PB522";
    QVERIFY(reported);
}

void TestAudit::writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(dir.filePath(name)).absolutePath());
    QFile file(dir.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void TestAudit::optionalSectionsOnlyFromProjectFile()
{
    // Without a "report" key the report invents nothing: no Backups, no Monitoring.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir, u".env.production"_s, "DATABASE_URL=postgresql://app@db.example.com:6432/app?sslmode=verify-full\n");
    writeFile(dir, u".poolproof.json"_s, R"({"environments": [{"name": "production", "instances": 2}]})");
    const QString plain = renderDatabaseMarkdown(DatabaseReport::build(auditOf(dir.path())), defaultDatabaseTemplate());
    QVERIFY(!plain.contains(u"## Backups"_s));
    QVERIFY(!plain.contains(u"## Monitoring"_s));
    QVERIFY(plain.endsWith(u"\n"_s) && !plain.endsWith(u"\n\n"_s));

    writeFile(dir, u".poolproof.json"_s, R"({"report": {
        "name": "Billing API",
        "backups": "Nightly base backups with pgBackRest, kept 30 days.\n\nRestores are rehearsed every quarter.",
        "monitoring": ["pgbouncer_exporter scrapes SHOW POOLS", "alert on cl_waiting > 0 for 5 minutes",
                       "replica at postgresql://monitor:Mon1tor-Secr3t@replica.example.com/app"]
    }})");
    const AuditResult audit = auditOf(dir.path());
    QCOMPARE(audit.projectName, u"Billing API"_s);
    const DatabaseReport report = DatabaseReport::build(audit);
    const QString markdown = renderDatabaseMarkdown(report, defaultDatabaseTemplate());
    QVERIFY(markdown.startsWith(u"# Database access: Billing API\n"_s));
    const qsizetype backups = markdown.indexOf(u"\n## Backups\n"_s);
    const qsizetype monitoring = markdown.indexOf(u"\n## Monitoring\n"_s);
    QVERIFY(backups > markdown.indexOf(u"## Pool settings and capacity"_s));
    QVERIFY(monitoring > backups);
    QVERIFY(markdown.contains(
        u"Nightly base backups with pgBackRest, kept 30 days.\n\nRestores are rehearsed every quarter."_s));
    QVERIFY(markdown.contains(u"- alert on cl\\_waiting \\> 0 for 5 minutes"_s)); // plain text, escaped
    const QString html = renderDatabaseHtml(report);
    QVERIFY(html.contains(u"<h2>Backups</h2>"_s));
    QVERIFY(html.contains(u"<h2>Monitoring</h2>"_s));
    QVERIFY(!markdown.contains(u"Mon1tor-Secr3t"_s));
    QVERIFY(!html.contains(u"Mon1tor-Secr3t"_s));
    QVERIFY(markdown.contains(u"monitor:\\*\\*\\*\\*@replica.example.com"_s));
    QVERIFY(html.contains(u"monitor:****@replica.example.com"_s));

    writeFile(dir, u".poolproof.json"_s, R"({"report": {"backups": 42}})");
    const AuditResult broken = auditOf(dir.path());
    QVERIFY(!broken.environments.has_value());
    QVERIFY2(broken.environmentsError.contains(u"report.backups"_s), qPrintable(broken.environmentsError));
}

void TestAudit::environmentFilesJoinTheAudit()
{
    QTemporaryDir repository;
    QTemporaryDir outside;
    QVERIFY(repository.isValid() && outside.isValid());
    writeFile(repository, u"src/db.ts"_s,
              "export const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n");
    writeFile(outside, u"secrets.env"_s,
              "DATABASE_URL=postgresql://app:Outs1de-Secr3t@db-primary.example.com:5432/app\n");
    writeFile(outside, u".env.staging"_s,
              "DATABASE_URL=postgresql://app@db-pooler.staging.example.com:6432/app?sslmode=verify-full\n");

    AuditOptions options;
    options.root = repository.path();
    options.date = QDateTime(QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC);
    options.environmentFiles << environmentFileFromArgument(u"production="_s + outside.filePath(u"secrets.env"_s))
                             << environmentFileFromArgument(outside.filePath(u".env.staging"_s));
    const AuditResult audit = runAudit(options);
    QVERIFY2(audit.environments.has_value(), qPrintable(audit.environmentsError));
    const AuditedEnvironment *production = audit.environments->environment(u"production");
    const AuditedEnvironment *staging = audit.environments->environment(u"staging");
    QVERIFY(production && staging);
    QCOMPARE(production->urls.size(), 1);
    QCOMPARE(production->urls.first().url.location.path, outside.filePath(u"secrets.env"_s));
    QCOMPARE(staging->urls.size(), 1);
    // The literal password in the production file is a finding, and never leaves masked form.
    bool literalSecret = false;
    for (const Finding &finding : production->findings)
        literalSecret |= finding.ruleId == u"PB522";
    QVERIFY(literalSecret);
    const QString markdown = renderDatabaseMarkdown(DatabaseReport::build(audit), defaultDatabaseTemplate());
    QVERIFY(markdown.contains(u"db-primary.example.com:5432"_s));
    QVERIFY(!markdown.contains(u"Outs1de-Secr3t"_s));

    options.environmentFiles = {environmentFileFromArgument(outside.filePath(u"missing.env"_s))};
    const AuditResult missing = runAudit(options);
    QVERIFY(!missing.environments.has_value());
    QVERIFY2(missing.environmentsError.contains(u"missing.env"_s), qPrintable(missing.environmentsError));

    writeFile(outside, u"binary.env"_s, QByteArray("DATABASE_URL=\0\xff\xfe", 16));
    options.environmentFiles = {environmentFileFromArgument(outside.filePath(u"binary.env"_s))};
    const AuditResult binary = runAudit(options);
    QVERIFY(!binary.environments.has_value());
    QVERIFY2(binary.environmentsError.contains(u"not UTF-8 text"_s), qPrintable(binary.environmentsError));
}

void TestAudit::environmentFileArgument_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("environment");
    QTest::newRow("plain path") << u"/run/secrets/.env.production"_s << u"/run/secrets/.env.production"_s << QString();
    QTest::newRow("named") << u"prod=/run/secrets/app.env"_s << u"/run/secrets/app.env"_s << u"prod"_s;
    QTest::newRow("relative named") << u"staging=deploy/app.env"_s << u"deploy/app.env"_s << u"staging"_s;
    QTest::newRow("equals inside a path") << u"/tmp/a=b/app.env"_s << u"/tmp/a=b/app.env"_s << QString();
    QTest::newRow("no name before equals") << u"=app.env"_s << u"=app.env"_s << QString();
}

void TestAudit::environmentFileArgument()
{
    QFETCH(QString, argument);
    QFETCH(QString, path);
    QFETCH(QString, environment);
    const EnvironmentFile file = environmentFileFromArgument(argument);
    QCOMPARE(file.path, path);
    QCOMPARE(file.environment, environment);
}

void TestAudit::driverFindingStandsForTheSameEnvironmentFinding()
{
    // The JDBC URL lacks prepareThreshold=0: the driver rule (PB311) and the environment check
    // (PB530) both see it at the same line. The audit reports it once, under the driver rule.
    const AuditResult audit = auditOf(QStringLiteral(POOLPROOF_SOURCE_DIR "/tests/drivers/fixtures/java-misconfigured"),
                                      u"pgbouncer-1.21"_s);
    QVERIFY(audit.environments.has_value());
    const auto at = [](const QList<Finding> &findings, const QString &rule, int line) {
        return std::count_if(findings.cbegin(), findings.cend(), [&](const Finding &f) {
            return f.ruleId == rule && f.location.path == u"src/main/resources/application.properties"
                && f.location.line == line;
        });
    };
    QCOMPARE(at(audit.environments->findings(), u"PB530"_s, 4), 1);
    const QList<Finding> all = audit.allFindings();
    QCOMPARE(at(all, u"PB311"_s, 4), 1);
    QCOMPARE(at(all, u"PB530"_s, 4), 0);
    // Findings the driver rule does not cover stay.
    QCOMPARE(at(all, u"PB531"_s, 4), 1);
}

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
