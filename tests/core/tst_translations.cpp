#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// Every shipped language is complete: no unfinished or empty message, and every translation keeps
// the placeholders and the keyboard accelerator of its source. And every catalog is current: it
// holds exactly the strings the update_translations target would collect from the sources today.
class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void complete_data();
    void complete();
    void current_data();
    void current();
};

namespace {
struct Message {
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<Message> readCatalog(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            current = Message {context, {}, {}, false};
        } else if (xml.name() == u"source") {
            current.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            current.unfinished = xml.attributes().value(u"type") == u"unfinished";
            // Plural messages hold their forms as <numerusform> children: read them all.
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%[1-9]"_s);
    QSet<QString> found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression pattern(u"&[^& ]"_s);
    return pattern.match(text).hasMatch();
}
} // namespace

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(POOLPROOF_SOURCE_DIR "/translations"));
    const QStringList catalogs = dir.entryList({u"*.ts"_s}, QDir::Files);
    QVERIFY(!catalogs.isEmpty());
    for (const QString &name : catalogs)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestTranslations::complete()
{
    QFETCH(QString, path);
    QString error;
    const QList<Message> messages = readCatalog(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 10);
    QStringList problems;
    for (const Message &message : messages) {
        const QString where = message.context + u": \""_s + message.source.left(60) + u'"';
        if (message.unfinished || message.translation.isEmpty())
            problems << u"unfinished: "_s + where;
        else if (placeholders(message.source) != placeholders(message.translation))
            problems << u"placeholders differ: "_s + where;
        else if (hasAccelerator(message.source) != hasAccelerator(message.translation))
            problems << u"accelerator missing: "_s + where;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::current_data()
{
    complete_data();
}

// lupdate runs on a copy, with the very project description update_translations uses, so the
// committed catalog is compared with a fresh one without touching the source tree during a build.
void TestTranslations::current()
{
    QFETCH(QString, path);
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString copy = scratch.filePath(QFileInfo(path).fileName());
    QVERIFY(QFile::copy(path, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    // Qt's CMake support writes the project (sources, include paths) when the build is configured;
    // its script turns it into the JSON that lupdate reads.
    const QDir projects(QStringLiteral(POOLPROOF_BINARY_DIR "/.lupdate"));
    const QStringList found = projects.entryList({u"*_lupdate_project.cmake"_s}, QDir::Files);
    QVERIFY2(found.size() == 1, qPrintable(u"expected one lupdate project in "_s + projects.path()));
    const QString json = scratch.filePath(u"project.json"_s);
    QProcess cmake;
    cmake.start(QStringLiteral(POOLPROOF_CMAKE),
                {u"-DIN_FILE="_s + projects.filePath(found.first()), u"-DOUT_FILE="_s + json, u"-P"_s,
                 QStringLiteral(POOLPROOF_LUPDATE_PROJECT_SCRIPT)});
    QVERIFY(cmake.waitForFinished(60000));
    QVERIFY2(cmake.exitCode() == 0, cmake.readAllStandardError().constData());

    // The same options as translations/CMakeLists.txt; -ts points lupdate at the copy.
    QProcess lupdate;
    lupdate.start(QStringLiteral(POOLPROOF_LUPDATE),
                  {u"-project"_s, json, u"-no-obsolete"_s, u"-locations"_s, u"none"_s, u"-silent"_s, u"-ts"_s, copy});
    QVERIFY(lupdate.waitForFinished(300000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

    QString error;
    const QList<Message> committed = readCatalog(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<Message> fresh = readCatalog(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto keys = [](const QList<Message> &messages) {
        QSet<QString> set;
        for (const Message &message : messages)
            set.insert(message.context + u": \""_s + message.source + u'"');
        return set;
    };
    const QSet<QString> committedKeys = keys(committed);
    const QSet<QString> freshKeys = keys(fresh);
    QStringList problems;
    for (const QString &key : freshKeys - committedKeys)
        problems << u"not in the catalog: "_s + key.left(120);
    for (const QString &key : committedKeys - freshKeys)
        problems << u"no longer in the sources: "_s + key.left(120);
    problems.sort();
    if (!problems.isEmpty()) {
        problems.prepend(
            QString::number(problems.size()) + u" difference(s) between "_s + QFileInfo(path).fileName()
            + u" and the sources; update it with `cmake --build <build dir> --target update_translations`, "
              "then translate:"_s);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
