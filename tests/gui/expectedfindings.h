#pragma once

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

// The rows of the sample backend's EXPECTED.md "Findings" table: what a scan of it must report.
struct ExpectedFinding {
    QString file;
    int line = 0;
    QString rule;
};

inline QString sampleDir()
{
    return QStringLiteral(POOLPROOF_SOURCE_DIR "/examples/freshtrack-backend");
}

inline QList<ExpectedFinding> readExpectedFindings()
{
    QList<ExpectedFinding> rows;
    QFile file(sampleDir() + QStringLiteral("/EXPECTED.md"));
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QString markdown = QString::fromUtf8(file.readAll());
    const qsizetype start = markdown.indexOf(QStringLiteral("## Findings"));
    if (start < 0)
        return rows;
    const qsizetype end = markdown.indexOf(QStringLiteral("\n## "), start + 3);
    const QStringList lines = markdown.mid(start, end < 0 ? -1 : end - start).split(u'\n');
    for (const QString &line : lines) {
        if (!line.startsWith(u'|') || line.startsWith(u"| File") || line.startsWith(u"| ---"))
            continue;
        const QStringList cells = line.split(u'|');
        if (cells.size() < 5)
            continue;
        ExpectedFinding row {cells.at(1).trimmed(), cells.at(2).trimmed().toInt(), cells.at(3).trimmed()};
        if (!row.file.isEmpty() && row.line > 0)
            rows.append(row);
    }
    return rows;
}
