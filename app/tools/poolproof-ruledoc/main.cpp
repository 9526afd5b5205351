// poolproof-ruledoc OUTPUT_DIR: writes the rule reference (one Markdown page per rule and an index)
// from the built-in rule catalog into OUTPUT_DIR and removes pages of rules that no longer exist.
#include "rulereference.h"

#include "rules/rulecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSet>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

class RuleDoc
{
    Q_DECLARE_TR_FUNCTIONS(RuleDoc)
public:
    static int run(const QStringList &arguments);

private:
    static bool writeIfChanged(const QString &path, const QByteArray &bytes, QString *error);
    static void fail(const QString &message);
};

void RuleDoc::fail(const QString &message)
{
    std::fputs(qPrintable(u"poolproof-ruledoc: "_s + message + u'\n'), stderr);
}

// Unchanged pages keep their timestamps, so a regeneration does not make anything look edited.
bool RuleDoc::writeIfChanged(const QString &path, const QByteArray &bytes, QString *error)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
        return true;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

int RuleDoc::run(const QStringList &arguments)
{
    if (arguments.size() != 2 || arguments.at(1).startsWith(u'-')) {
        fail(tr("usage: poolproof-ruledoc OUTPUT_DIR"));
        return 2;
    }
    const QDir dir(arguments.at(1));
    if (!dir.mkpath(u"."_s)) {
        fail(tr("cannot create %1").arg(dir.path()));
        return 1;
    }
    const QList<poolproof::ruledoc::Page> pages = poolproof::ruledoc::ruleReference(poolproof::RuleCatalog::builtin());
    QSet<QString> written;
    for (const poolproof::ruledoc::Page &page : pages) {
        QString error;
        if (!writeIfChanged(dir.filePath(page.fileName), page.text.toUtf8(), &error)) {
            fail(tr("cannot write %1: %2").arg(dir.filePath(page.fileName), error));
            return 1;
        }
        written.insert(page.fileName);
    }
    // The folder belongs to the reference: a page whose rule left the catalog goes with it.
    const QStringList existing = dir.entryList({u"*.md"_s}, QDir::Files);
    for (const QString &name : existing) {
        if (!written.contains(name) && !QFile::remove(dir.filePath(name))) {
            fail(tr("cannot remove the outdated page %1").arg(dir.filePath(name)));
            return 1;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return RuleDoc::run(QCoreApplication::arguments());
}
