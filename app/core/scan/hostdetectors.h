#pragma once

#include "dependencies.h"
#include "lexer/lexer.h"
#include "rules/rule.h"

#include <QByteArrayView>
#include <QList>

namespace poolproof {

// A place in host code that a rule's "detect" block matches.
struct HostHit {
    const Rule *rule = nullptr;
    quint32 offset = 0; // byte offset of what to report
    QString subject;    // e.g. the statement name
};

// Runs the host-code rules of the catalog (detectors "object-keys" and "call") over one lexed
// file. Which calls, keys, languages and dependencies matter comes from the rules' data.
class HostDetectors
{
public:
    HostDetectors(const QList<Rule> &rules, const ProjectDependencies &dependencies);

    QList<HostHit> run(const QString &languageId, QByteArrayView source, const LexedFile &file) const;

private:
    bool dependenciesAllow(const Rule &rule) const;
    static bool fileExcludes(const Rule &rule, QByteArrayView source);
    void findObjectKeys(const Rule &rule, QByteArrayView source, const LexedFile &file, QList<HostHit> &hits) const;
    void findCalls(const Rule &rule, QByteArrayView source, const LexedFile &file, QList<HostHit> &hits) const;

    QList<const Rule *> m_rules;
    const ProjectDependencies &m_dependencies;
};

} // namespace poolproof
