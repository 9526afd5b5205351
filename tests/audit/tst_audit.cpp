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

private:
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
    QCOMPARE(renderDatabaseMarkdown(DatabaseReport::build(auditOf(m_sample.root)), defaultDatabaseTemplate()), markdown);
}

void TestAudit::markdownIsCommonMark()
{
    const QByteArray markdown = renderDatabaseMarkdown(DatabaseReport::build(m_sample), defaultDatabaseTemplate()).toUtf8();
    cmark_node *document = cmark_parse_document(markdown.constData(), size_t(markdown.size()), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
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
    for (const QString &expected : {u"Pooling architecture"_s, u"Environments"_s, u"What transaction mode means for this code"_s,
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
}

void TestAudit::customTemplate()
{
    QStringList unknown;
    const QString text = renderDatabaseMarkdown(DatabaseReport::build(m_sample),
                                                u"# {{project}} on {{pooler}}\n\n{{findings}}\n\n{{nonsense}}\n"_s, &unknown);
    QVERIFY(text.startsWith(u"# freshtrack-backend on PgBouncer 1.24 or later\n"));
    QVERIFY(text.contains(u"| `src/middleware/tenant.ts:75` | `PB101` |"));
    QCOMPARE(unknown, QStringList{u"nonsense"_s});
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
    write(u".env.production"_s, "DATABASE_URL=postgresql://app:" + planted + "@db.example.com:5432/app\n"
                                "DB_PASSWORD=" + planted + "\n");
    write(u".env"_s, "DATABASE_URL=postgres://app:" + planted + "@localhost/app_dev?sslmode=disable\n");
    write(u".poolproof.json"_s, "{\"environments\": [{\"name\": \"staging\", \"databaseUrl\": \"host=db password=" + planted
                                    + " dbname=app\"}]}\n");
    write(u"src/db.ts"_s, "const url = 'postgresql://app:" + planted + "@db:6432/app';\nawait pool.query('LISTEN x');\n");
    const AuditResult audit = auditOf(dir.path());
    QVERIFY(audit.environments.has_value());
    QVERIFY(!audit.allFindings().isEmpty());
    const DatabaseReport report = DatabaseReport::build(audit);
    const QList<std::pair<QString, QByteArray>> exports{
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

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
