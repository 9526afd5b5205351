#include "findings/findingsfilterproxy.h"
#include "findings/findingsmodel.h"
#include "findings/severitystyle.h"
#include "sourceview/findingmarks.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QPalette>
#include <QTest>

using namespace poolproof;
using namespace poolproof::gui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(poolproof::gui::GroupBy)

// The findings tree model and its filter proxy, each under QAbstractItemModelTester, on findings
// built by hand.
class TestFindingsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groups_data();
    void groups();
    void batchesMatchWholeList_data();
    void batchesMatchWholeList();
    void filters_data();
    void filters();
    void switchGroupingUnderTester();
    void linesSortAsNumbers();
    void suppressedIsGreyWithReason();
    void regradeFollowsProfile();
    void lineMarksMergePerLine();
};

namespace {

Finding makeFinding(const QString &rule, Severity severity, const QString &path, int line, const QString &message,
                    const QString &suppressionReason = {})
{
    Finding finding;
    finding.ruleId = rule;
    finding.severity = severity;
    finding.confidence = Confidence::High;
    finding.location = SourceLocation {path, line, 5, line, 20};
    finding.message = message;
    finding.snippet = u"SELECT 1"_s;
    finding.suppressed = !suppressionReason.isEmpty();
    finding.suppressionReason = suppressionReason;
    return finding;
}

QList<Finding> sampleFindings()
{
    return {
        makeFinding(u"PB101"_s, Severity::Error, u"src/middleware/tenant.ts"_s, 75,
                    u"SET search_path outlives the transaction"_s),
        makeFinding(u"PB120"_s, Severity::Error, u"src/jobs/runner.ts"_s, 100,
                    u"pg_advisory_unlock on another connection"_s),
        makeFinding(u"PB120"_s, Severity::Error, u"src/jobs/runner.ts"_s, 82,
                    u"pg_advisory_lock held by the session"_s),
        makeFinding(u"PB201"_s, Severity::Info, u"src/repositories/itemRepository.ts"_s, 67,
                    u"named statement fetch-expiring-items"_s),
        makeFinding(u"PB140"_s, Severity::Error, u"scripts/nightly-report.sql"_s, 49, u"cursor WITH HOLD"_s),
        makeFinding(u"PB103"_s, Severity::Warning, u"src/middleware/tenant.ts"_s, 90, u"RESET search_path"_s,
                    u"runs on the dedicated migration connection"_s),
    };
}

// The first column of every top-level row of a model, in its order.
QStringList groupLabels(const QAbstractItemModel &model)
{
    QStringList labels;
    for (int row = 0; row < model.rowCount(); ++row)
        labels << model.index(row, 0).data().toString();
    return labels;
}

} // namespace

void TestFindingsModel::groups_data()
{
    QTest::addColumn<GroupBy>("groupBy");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QList<int>>("children");
    QTest::newRow("by rule") << GroupBy::Rule
                             << QStringList {u"PB101 Session-level SET (1)"_s, u"PB103 Session-level RESET (1)"_s,
                                             u"PB120 Session advisory lock (2)"_s, u"PB140 Cursor WITH HOLD (1)"_s,
                                             u"PB201 node-postgres named query (1)"_s}
                             << QList<int> {1, 1, 2, 1, 1};
    QTest::newRow("by file") << GroupBy::File
                             << QStringList {u"scripts/nightly-report.sql (1)"_s, u"src/jobs/runner.ts (2)"_s,
                                             u"src/middleware/tenant.ts (2)"_s,
                                             u"src/repositories/itemRepository.ts (1)"_s}
                             << QList<int> {1, 2, 2, 1};
    // Errors first, whatever the order the findings came in.
    QTest::newRow("by severity") << GroupBy::Severity << QStringList {u"Errors (4)"_s, u"Warnings (1)"_s, u"Info (1)"_s}
                                 << QList<int> {4, 1, 1};
}

void TestFindingsModel::groups()
{
    QFETCH(GroupBy, groupBy);
    QFETCH(QStringList, labels);
    QFETCH(QList<int>, children);
    FindingsModel model;
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingsFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FindingsModel::LocationColumn);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroupBy(groupBy);
    model.setFindings(sampleFindings());

    QCOMPARE(model.rowCount(), labels.size());
    QCOMPARE(groupLabels(proxy), labels);
    QList<int> counts;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QModelIndex group = proxy.index(row, 0);
        QVERIFY(group.data(FindingsModel::IsGroupRole).toBool());
        counts << proxy.rowCount(group);
        for (int child = 0; child < proxy.rowCount(group); ++child) {
            const QModelIndex leaf = proxy.index(child, 0, group);
            QVERIFY(!leaf.data(FindingsModel::IsGroupRole).toBool());
            QVERIFY(leaf.data(FindingsModel::FindingRole).canConvert<Finding>());
            QCOMPARE(proxy.rowCount(leaf), 0);
        }
    }
    QCOMPARE(counts, children);
    QCOMPARE(proxy.visibleFindingCount(), 6);
    QCOMPARE(model.columnCount(), int(FindingsModel::ColumnCount));
    QCOMPARE(model.headerData(FindingsModel::LocationColumn, Qt::Horizontal).toString(), u"Location"_s);
}

void TestFindingsModel::batchesMatchWholeList_data()
{
    QTest::addColumn<GroupBy>("groupBy");
    QTest::addColumn<int>("batchSize");
    QTest::newRow("rule, one by one") << GroupBy::Rule << 1;
    QTest::newRow("rule, in pairs") << GroupBy::Rule << 2;
    QTest::newRow("file, in threes") << GroupBy::File << 3;
    QTest::newRow("severity, all at once") << GroupBy::Severity << 6;
}

void TestFindingsModel::batchesMatchWholeList()
{
    QFETCH(GroupBy, groupBy);
    QFETCH(int, batchSize);
    const QList<Finding> findings = sampleFindings();

    FindingsModel streamed;
    streamed.setGroupBy(groupBy);
    QAbstractItemModelTester modelTester(&streamed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingsFilterProxy streamedProxy;
    streamedProxy.setSourceModel(&streamed);
    streamedProxy.sort(FindingsModel::LocationColumn);
    QAbstractItemModelTester proxyTester(&streamedProxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    streamedProxy.setTextFilter(u"search_path"_s); // a filter is active while the batches arrive
    for (qsizetype i = 0; i < findings.size(); i += batchSize)
        streamed.addFindings(findings.mid(i, batchSize));
    QCOMPARE(streamedProxy.visibleFindingCount(), 2);
    streamedProxy.setTextFilter(QString());

    FindingsModel whole;
    whole.setGroupBy(groupBy);
    whole.setFindings(findings);
    FindingsFilterProxy wholeProxy;
    wholeProxy.setSourceModel(&whole);
    wholeProxy.sort(FindingsModel::LocationColumn);
    QCOMPARE(groupLabels(streamedProxy), groupLabels(wholeProxy));
    QCOMPARE(streamed.findings().size(), findings.size());
}

void TestFindingsModel::filters_data()
{
    QTest::addColumn<QList<int>>("hiddenSeverities");
    QTest::addColumn<bool>("suppressedShown");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("visible");
    QTest::addColumn<QStringList>("labels");
    const QList<int> none;
    QTest::newRow("no filter") << none << true << QString() << QString() << 6
                               << QStringList {u"PB101 Session-level SET (1)"_s, u"PB103 Session-level RESET (1)"_s,
                                               u"PB120 Session advisory lock (2)"_s, u"PB140 Cursor WITH HOLD (1)"_s,
                                               u"PB201 node-postgres named query (1)"_s};
    QTest::newRow("errors off") << QList<int> {int(Severity::Error)} << true << QString() << QString() << 2
                                << QStringList {u"PB103 Session-level RESET (1)"_s,
                                                u"PB201 node-postgres named query (1)"_s};
    QTest::newRow("info and warnings off")
        << QList<int> {int(Severity::Info), int(Severity::Warning)} << true << QString() << QString() << 4
        << QStringList {u"PB101 Session-level SET (1)"_s, u"PB120 Session advisory lock (2)"_s,
                        u"PB140 Cursor WITH HOLD (1)"_s};
    QTest::newRow("suppressed off") << none << false << QString() << QString() << 5
                                    << QStringList {
                                           u"PB101 Session-level SET (1)"_s, u"PB120 Session advisory lock (2)"_s,
                                           u"PB140 Cursor WITH HOLD (1)"_s, u"PB201 node-postgres named query (1)"_s};
    QTest::newRow("one rule") << none << true << u"PB120"_s << QString() << 2
                              << QStringList {u"PB120 Session advisory lock (2)"_s};
    QTest::newRow("text in message") << none << true << QString() << u"ADVISORY_UNLOCK"_s << 1
                                     << QStringList {u"PB120 Session advisory lock (1)"_s};
    QTest::newRow("text in path") << none << true << QString() << u"tenant.ts"_s << 2
                                  << QStringList {u"PB101 Session-level SET (1)"_s, u"PB103 Session-level RESET (1)"_s};
    QTest::newRow("text in rule title") << none << true << QString() << u"cursor"_s << 1
                                        << QStringList {u"PB140 Cursor WITH HOLD (1)"_s};
    QTest::newRow("text in suppression reason") << none << true << QString() << u"migration connection"_s << 1
                                                << QStringList {u"PB103 Session-level RESET (1)"_s};
    QTest::newRow("rule and text disagree") << none << true << u"PB101"_s << u"cursor"_s << 0 << QStringList {};
}

void TestFindingsModel::filters()
{
    QFETCH(QList<int>, hiddenSeverities);
    QFETCH(bool, suppressedShown);
    QFETCH(QString, rule);
    QFETCH(QString, text);
    QFETCH(int, visible);
    QFETCH(QStringList, labels);
    FindingsModel model;
    model.setFindings(sampleFindings());
    FindingsFilterProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(FindingsModel::LocationColumn);
    for (const int severity : std::as_const(hiddenSeverities))
        proxy.setSeverityShown(Severity(severity), false);
    proxy.setSuppressedShown(suppressedShown);
    proxy.setRuleFilter(rule);
    proxy.setTextFilter(text);
    QCOMPARE(proxy.visibleFindingCount(), visible);
    QCOMPARE(groupLabels(proxy), labels);
    // The model itself is untouched: it still counts everything.
    QCOMPARE(model.findings().size(), 6);
}

void TestFindingsModel::switchGroupingUnderTester()
{
    FindingsModel model;
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FindingsFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addFindings(sampleFindings().mid(0, 3));
    for (const GroupBy groupBy : {GroupBy::File, GroupBy::Severity, GroupBy::Rule}) {
        model.setGroupBy(groupBy);
        model.addFindings(
            {makeFinding(u"PB150"_s, Severity::Error, u"scripts/nightly-report.sql"_s, 9, u"temp table"_s)});
        proxy.setTextFilter(u"temp"_s);
        QVERIFY(proxy.visibleFindingCount() >= 1);
        proxy.setTextFilter(QString());
    }
    QCOMPARE(model.findings().size(), 6);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);
}

void TestFindingsModel::linesSortAsNumbers()
{
    FindingsModel model;
    model.setGroupBy(GroupBy::File);
    model.setFindings(sampleFindings());
    FindingsFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FindingsModel::LocationColumn);
    const QModelIndex runner = proxy.index(1, 0);
    QCOMPARE(runner.data(FindingsModel::GroupKeyRole).toString(), u"src/jobs/runner.ts"_s);
    // Line 82 before line 100, although "100" < "82" as text.
    QCOMPARE(proxy.index(0, 0, runner).data().toString(), u"src/jobs/runner.ts:82"_s);
    QCOMPARE(proxy.index(1, 0, runner).data().toString(), u"src/jobs/runner.ts:100"_s);
}

void TestFindingsModel::suppressedIsGreyWithReason()
{
    FindingsModel model;
    model.setGroupBy(GroupBy::Severity);
    model.setFindings(sampleFindings());
    FindingsFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(FindingsModel::LocationColumn);
    const QModelIndex warnings = proxy.index(1, 0);
    QCOMPARE(warnings.data(FindingsModel::GroupLabelRole).toString(), u"Warnings"_s);
    const QModelIndex suppressed = proxy.index(0, 0, warnings);
    QVERIFY(suppressed.data(FindingsModel::SuppressedRole).toBool());
    QCOMPARE(suppressed.data(Qt::ForegroundRole).value<QColor>(),
             QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    QVERIFY(suppressed.data(Qt::ToolTipRole).toString().contains(u"runs on the dedicated migration connection"));
    QCOMPARE(suppressed.siblingAtColumn(FindingsModel::SuppressionColumn).data().toString(),
             u"runs on the dedicated migration connection"_s);
    // A group whose findings are all suppressed has no worst severity.
    QCOMPARE(warnings.data(FindingsModel::SeverityRole).toInt(), -1);
    const QModelIndex errors = proxy.index(0, 0);
    const QModelIndex active = proxy.index(0, 0, errors);
    QVERIFY(!active.data(Qt::ForegroundRole).isValid());
    QCOMPARE(active.siblingAtColumn(FindingsModel::SuppressionColumn).data().toString(), QString());
    QCOMPARE(active.siblingAtColumn(FindingsModel::SeverityColumn).data().toString(), u"Error"_s);
    QVERIFY(!active.siblingAtColumn(FindingsModel::SeverityColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestFindingsModel::regradeFollowsProfile()
{
    FindingsModel model;
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<Finding> findings = sampleFindings();
    // Fine on PgBouncer 1.24 (not reported there), a warning behind RDS Proxy.
    findings << makeFinding(u"PB151"_s, Severity::Warning, u"scripts/nightly-report.sql"_s, 12,
                            u"temp table, ON COMMIT DROP"_s);
    model.setFindings(findings);
    const auto severityOf = [&model](const QString &rule) {
        for (const Finding &finding : model.findings()) {
            if (finding.ruleId == rule)
                return int(finding.severity);
        }
        return -1;
    };
    model.regrade(u"supavisor"_s);
    QCOMPARE(severityOf(u"PB201"_s), int(Severity::Error));
    QCOMPARE(severityOf(u"PB101"_s), int(Severity::Error));
    QCOMPARE(severityOf(u"PB151"_s), -1); // Ok on Supavisor: dropped like the core drops it
    QCOMPARE(model.findings().size(), 6);
    model.regrade(u"pgbouncer-1.24"_s);
    QCOMPARE(severityOf(u"PB201"_s), int(Severity::Info));
    model.regrade(u"rds-proxy"_s);
    QCOMPARE(severityOf(u"PB101"_s), int(Severity::Warning));
}

void TestFindingsModel::lineMarksMergePerLine()
{
    const QPalette palette = QGuiApplication::palette();
    QList<Finding> findings = sampleFindings();
    findings << makeFinding(u"PB102"_s, Severity::Info, u"src/middleware/tenant.ts"_s, 75, u"tracked parameter"_s);
    const QList<LineMark> marks = lineMarksForFile(findings, u"src/middleware/tenant.ts"_s, palette);
    QCOMPARE(marks.size(), 2);
    QCOMPARE(marks.at(0).line, 75);
    // The worst finding on the line gives the colour; both are named.
    QCOMPARE(marks.at(0).color, SeverityStyle::color(Severity::Error, palette));
    QVERIFY(marks.at(0).annotation.contains(u"PB101"));
    QVERIFY(marks.at(0).annotation.contains(u"PB102"));
    QCOMPARE(marks.at(1).line, 90);
    QCOMPARE(marks.at(1).color, palette.color(QPalette::Disabled, QPalette::Text)); // only suppressed
}

QTEST_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"
