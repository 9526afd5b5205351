#pragma once

#include <QByteArrayList>
#include <QString>
#include <QStringList>

// A repository with a distinct, recognisable password in every place a project keeps one: .env
// files, compose and Kubernetes YAML, Rails' database.yml, Django settings, the project file and
// source code. Every password is spelt so that no program would print it by accident.
struct PlantedRepo {
    struct Secret {
        QString password; // as the program using it sees it
        QString where; // for failure messages
    };
    QList<Secret> secrets;
    QStringList urls; // connection strings with a password, for check-url and check-live

    bool write(const QString &root, QString *error);

    // Each password in every form a leak could take: as written, percent-encoded, base64 (at each
    // of the three alignments it can have inside a longer base64 text).
    static QByteArrayList leakForms(const QString &password);
    // The first planted password (in any form) found in bytes, or an empty string.
    QString findLeak(const QByteArray &bytes) const;
};
