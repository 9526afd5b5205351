#include "details/detailspane.h"
#include "findings/severitystyle.h"
#include "rules/rulecatalog.h"

#include <QFontDatabase>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

// The details pane: every part of a rule's catalog entry, graded for the chosen pooler.
class TestDetailsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEveryPartOfTheRule_data();
    void showsEveryPartOfTheRule();
    void examplesAreMonospace();
    void gradesFollowTheProfile();
    void showsTheFinding();
    void placeholderWithoutSelection();
};

void TestDetailsPane::showsEveryPartOfTheRule_data()
{
    QTest::addColumn<QString>("ruleId");
    for (const Rule &rule : RuleCatalog::builtin().rules())
        QTest::newRow(qPrintable(rule.id)) << rule.id;
}

void TestDetailsPane::showsEveryPartOfTheRule()
{
    QFETCH(QString, ruleId);
    const Rule *rule = RuleCatalog::builtin().rule(ruleId);
    QVERIFY(rule);
    DetailsPane pane;
    pane.setProfileId(u"pgbouncer-1.24"_s);
    pane.showRule(ruleId);
    QCOMPARE(pane.ruleId(), ruleId);
    // Plain text has no markup; compare without the line breaks examples carry.
    const QString text = pane.toPlainText();
    const auto contains = [&text](const QString &part) {
        return text.contains(part.simplified()) || QString(text).replace(u'\n', u' ').contains(part.simplified());
    };
    QVERIFY(contains(RuleCatalog::translated(rule->title)));
    QVERIFY(contains(RuleCatalog::translated(rule->explanation)));
    QVERIFY(contains(RuleCatalog::translated(rule->fix)));
    QVERIFY(text.contains(u"Why it breaks on PgBouncer 1.24 or later"));
    if (!rule->failingExample.isEmpty())
        QVERIFY(text.contains(rule->failingExample.section(u'\n', 0, 0)));
    if (!rule->fixedExample.isEmpty())
        QVERIFY(text.contains(rule->fixedExample.section(u'\n', 0, 0)));
    for (const QString &symptom : rule->symptoms)
        QVERIFY2(text.contains(symptom), qPrintable(symptom));
    const QString html = pane.toHtml();
    for (const RuleReference &reference : rule->references) {
        QVERIFY2(html.contains(u"href=\"" + reference.url + u'"'), qPrintable(reference.url));
        QVERIFY(text.contains(reference.title));
    }
    QVERIFY(pane.openExternalLinks());
    // The grade on every pooler profile.
    for (const PoolerProfile &profile : RuleCatalog::builtin().profiles())
        QVERIFY2(text.contains(RuleCatalog::translated(profile.name)), qPrintable(profile.name));
}

void TestDetailsPane::examplesAreMonospace()
{
    DetailsPane pane;
    pane.showRule(u"PB101"_s);
    const Rule *rule = RuleCatalog::builtin().rule(u"PB101");
    const QTextCursor found = pane.document()->find(rule->failingExample.section(u'\n', 0, 0));
    QVERIFY(!found.isNull());
    const QTextCharFormat format = found.charFormat();
    const QString fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    QVERIFY2(format.fontFixedPitch() || format.fontFamilies().toStringList().contains(fixed),
             qPrintable(format.fontFamilies().toStringList().join(u", ")));
}

void TestDetailsPane::gradesFollowTheProfile()
{
    DetailsPane pane;
    pane.showRule(u"PB201"_s);
    pane.setProfileId(u"pgbouncer-1.24"_s);
    QVERIFY(pane.toPlainText().contains(SeverityStyle::name(Severity::Info) + u" on PgBouncer 1.24 or later"));
    pane.setProfileId(u"supavisor"_s);
    QVERIFY(pane.toPlainText().contains(SeverityStyle::name(Severity::Error) + u" on Supavisor"));
    QVERIFY(pane.toPlainText().contains(u"Why it breaks on Supavisor"));
    // The chosen profile's row is marked in the table.
    QVERIFY(pane.toHtml().contains(u"Supavisor</span>") || pane.toPlainText().contains(u"Supavisor ◀"));
}

void TestDetailsPane::showsTheFinding()
{
    Finding finding;
    finding.ruleId = u"PB110"_s;
    finding.severity = Severity::Error;
    finding.location = SourceLocation {u"src/notifier/inventoryNotifier.ts"_s, 53, 11, 53, 40};
    finding.message = u"LISTEN inventory_changes on a pooled client"_s;
    finding.snippet = u"LISTEN inventory_changes"_s;
    finding.suppressed = true;
    finding.suppressionReason = u"dedicated session connection"_s;
    DetailsPane pane;
    pane.showFinding(finding);
    const QString text = pane.toPlainText();
    QVERIFY(text.contains(finding.message));
    QVERIFY(text.contains(u"src/notifier/inventoryNotifier.ts:53:11"));
    QVERIFY(text.contains(u"dedicated session connection"));
    QVERIFY(text.contains(RuleCatalog::translated(RuleCatalog::builtin().rule(u"PB110")->title)));
}

void TestDetailsPane::placeholderWithoutSelection()
{
    DetailsPane pane;
    pane.showRule(u"PB101"_s);
    pane.showPlaceholder();
    QVERIFY(pane.ruleId().isEmpty());
    QVERIFY(pane.toPlainText().startsWith(u"Select a finding"));
}

QTEST_MAIN(TestDetailsPane)
#include "tst_detailspane.moc"
