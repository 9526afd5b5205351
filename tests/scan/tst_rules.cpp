#include "rules/rulecatalog.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

// The built-in catalog is data: check that it is complete and consistent.
class TestRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loads();
    void everyRuleIsComplete();
    void severitiesNameKnownProfiles();
    void oneDefaultProfile();
    void rejectsBrokenCatalog();
};

void TestRules::loads()
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    QVERIFY(catalog.rules().size() >= 25);
    QVERIFY(catalog.profiles().size() >= 10);
    QVERIFY(catalog.rule(u"PB101"));
    QCOMPARE(catalog.rule(u"PB101")->severityFor(u"pgbouncer-1.24"_s), Severity::Error);
    QCOMPARE(catalog.rule(u"PB101")->severityFor(u"rds-proxy"_s), Severity::Warning);
}

void TestRules::everyRuleIsComplete()
{
    static const QRegularExpression idPattern(u"^PB[0-9]{3}$"_s);
    QSet<QString> ids;
    for (const Rule &rule : RuleCatalog::builtin().rules()) {
        QVERIFY2(idPattern.match(rule.id).hasMatch(), qPrintable(rule.id));
        QVERIFY2(!ids.contains(rule.id), qPrintable(rule.id));
        ids.insert(rule.id);
        QVERIFY2(!rule.title.isEmpty() && !rule.summary.isEmpty(), qPrintable(rule.id));
        QVERIFY2(!rule.explanation.isEmpty() && !rule.fix.isEmpty(), qPrintable(rule.id));
        QVERIFY2(!rule.category.isEmpty(), qPrintable(rule.id));
        QVERIFY2(!rule.failingExample.isEmpty() && !rule.fixedExample.isEmpty(), qPrintable(rule.id));
        for (const RuleReference &reference : rule.references)
            QVERIFY2(reference.url.startsWith(u"https://") && !reference.title.isEmpty(), qPrintable(rule.id));
    }
}

void TestRules::severitiesNameKnownProfiles()
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    for (const Rule &rule : catalog.rules()) {
        for (auto it = rule.severities.constBegin(); it != rule.severities.constEnd(); ++it) {
            QVERIFY2(it.key() == u"default" || catalog.profile(it.key()),
                     qPrintable(rule.id + u": unknown profile "_s + it.key()));
        }
    }
}

void TestRules::oneDefaultProfile()
{
    int defaults = 0;
    for (const PoolerProfile &profile : RuleCatalog::builtin().profiles())
        defaults += profile.isDefault ? 1 : 0;
    QCOMPARE(defaults, 1);
    QCOMPARE(RuleCatalog::builtin().defaultProfile().id, u"pgbouncer-1.24"_s);
}

void TestRules::rejectsBrokenCatalog()
{
    QString error;
    const RuleCatalog catalog
        = RuleCatalog::load({u"/nonexistent/rules.json"_s}, u":/poolproof/poolers.json"_s, &error);
    QVERIFY(catalog.rules().isEmpty());
    QVERIFY2(error.contains(u"/nonexistent/rules.json"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
