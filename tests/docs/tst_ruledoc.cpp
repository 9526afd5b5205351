#include "rules/rulecatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The committed rule reference (docs/rules) is exactly what poolproof-ruledoc writes for the
// catalog compiled into core, and that catalog holds every rule file of resources/rules.
class TestRuleDoc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogHoldsEveryRuleFile();
    void committedReferenceIsCurrent();
    void outputIsDeterministic();
    void everyExampleHasALanguage();

private:
    static QString generate(const QString &dir);
    static QMap<QString, QByteArray> readPages(const QString &dir);
};

namespace {
const QString refreshCommand = u"cmake --build <build dir> --target ruledoc"_s;
}

QString TestRuleDoc::generate(const QString &dir)
{
    QProcess tool;
    tool.start(QStringLiteral(POOLPROOF_RULEDOC), {dir});
    if (!tool.waitForFinished(60000))
        return u"poolproof-ruledoc did not finish: "_s + tool.errorString();
    if (tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0)
        return u"poolproof-ruledoc failed: "_s + QString::fromUtf8(tool.readAllStandardError());
    return {};
}

QMap<QString, QByteArray> TestRuleDoc::readPages(const QString &dir)
{
    QMap<QString, QByteArray> pages;
    const QDir folder(dir);
    const QStringList names = folder.entryList({u"*.md"_s}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(folder.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            pages.insert(name, file.readAll());
    }
    return pages;
}

void TestRuleDoc::catalogHoldsEveryRuleFile()
{
    // Counted from the source files, independently of the loader: a new catalog file that the
    // resources miss would leave its rules out of the reference.
    const QDir rulesDir(QStringLiteral(POOLPROOF_SOURCE_DIR "/resources/rules"));
    QStringList ids;
    const QStringList files = rulesDir.entryList({u"*.json"_s}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        QFile file(rulesDir.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
        const QJsonArray rules = QJsonDocument::fromJson(file.readAll()).object().value(u"rules").toArray();
        for (const QJsonValue &rule : rules)
            ids << rule.toObject().value(u"id").toString();
    }
    QStringList builtin;
    for (const poolproof::Rule &rule : poolproof::RuleCatalog::builtin().rules())
        builtin << rule.id;
    ids.sort();
    QCOMPARE(builtin, ids);
}

void TestRuleDoc::committedReferenceIsCurrent()
{
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString error = generate(scratch.path());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QMap<QString, QByteArray> expected = readPages(scratch.path());
    QCOMPARE(expected.size(), poolproof::RuleCatalog::builtin().rules().size() + 1);
    const QMap<QString, QByteArray> committed = readPages(QStringLiteral(POOLPROOF_SOURCE_DIR "/docs/rules"));

    QStringList problems;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!committed.contains(it.key()))
            problems << u"missing: docs/rules/"_s + it.key();
        else if (committed.value(it.key()) != it.value())
            problems << u"differs from the catalog: docs/rules/"_s + it.key();
    }
    for (auto it = committed.cbegin(); it != committed.cend(); ++it) {
        if (!expected.contains(it.key()))
            problems << u"no longer in the catalog: docs/rules/"_s + it.key();
    }
    if (!problems.isEmpty())
        problems << u"The rule reference is out of date; refresh it with: "_s + refreshCommand;
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestRuleDoc::outputIsDeterministic()
{
    QTemporaryDir first;
    QTemporaryDir second;
    QVERIFY(first.isValid() && second.isValid());
    QCOMPARE(generate(first.path()), QString());
    QCOMPARE(generate(second.path()), QString());
    QCOMPARE(readPages(first.path()), readPages(second.path()));

    // A stale page left in the folder is removed by the next run.
    QFile stale(first.filePath(u"PB000.md"_s));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    QCOMPARE(generate(first.path()), QString());
    QVERIFY(!QFile::exists(first.filePath(u"PB000.md"_s)));
}

void TestRuleDoc::everyExampleHasALanguage()
{
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    QCOMPARE(generate(scratch.path()), QString());
    static const QRegularExpression openingFence(u"^```+(\\S*)$"_s, QRegularExpression::MultilineOption);
    const QMap<QString, QByteArray> pages = readPages(scratch.path());
    for (auto it = pages.cbegin(); it != pages.cend(); ++it) {
        const QString text = QString::fromUtf8(it.value());
        bool opening = true;
        for (const QRegularExpressionMatch &fence : openingFence.globalMatch(text)) {
            if (opening)
                QVERIFY2(!fence.captured(1).isEmpty(),
                         qPrintable(it.key() + u": a code block without a language tag"_s));
            opening = !opening;
        }
    }
}

QTEST_GUILESS_MAIN(TestRuleDoc)
#include "tst_ruledoc.moc"
