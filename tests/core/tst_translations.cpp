#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// Every shipped language is complete: no unfinished or empty message, and every translation keeps
// the placeholders and the keyboard accelerator of its source.
class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void complete_data();
    void complete();
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
            current = Message{context, {}, {}, false};
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
