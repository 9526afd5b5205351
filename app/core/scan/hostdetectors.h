#pragma once

#include "dependencies.h"
#include "lexer/lexer.h"
#include "rules/rule.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QStringList>

namespace poolproof {

// A place in host code that a rule's "detect" block matches.
struct HostHit {
    const Rule *rule = nullptr;
    quint32 offset = 0; // byte offset of what to report
    QString subject; // e.g. the statement name
};

// What one host-code rule's "detect" block says, read once when a scan starts: the JSON is
// never looked at again while files are scanned.
struct HostRuleParameters {
    enum class Detector : quint8 { ObjectKeys, Call };
    // What the first argument of a call must look like.
    enum class FirstArgument : quint8 { Any, Name, NonZero };
    struct Packages {
        QString ecosystem;
        QStringList names;
    };

    const Rule *rule = nullptr;
    Detector detector = Detector::Call;
    QStringList languages;
    QList<Packages> requiresAll; // every package, per ecosystem the repository declares
    QList<Packages> requiresAny; // at least one package, per ecosystem
    QList<QByteArray> excludingMentions; // quoted module names ('x' and "x") that turn the rule off
    // object-keys
    QStringList keys;
    QList<QByteArray> keysUtf8;
    QString reportKey;
    // call
    QList<QByteArray> calls;
    FirstArgument firstArgument = FirstArgument::Any;
    int minArguments = 0;

    // Nullopt for rules that are not host-code rules.
    static std::optional<HostRuleParameters> compile(const Rule &rule);
};

// Runs the host-code rules of the catalog (detectors "object-keys" and "call") over one lexed
// file. Which calls, keys, languages and dependencies matter comes from the rules' data.
class HostDetectors
{
public:
    HostDetectors(const QList<Rule> &rules, const ProjectDependencies &dependencies);

    QList<HostHit> run(const QString &languageId, QByteArrayView source, const LexedFile &file) const;

private:
    bool dependenciesAllow(const HostRuleParameters &rule) const;
    static bool fileExcludes(const HostRuleParameters &rule, QByteArrayView source);
    static void findObjectKeys(const HostRuleParameters &rule, QByteArrayView source, const LexedFile &file,
                               QList<HostHit> &hits);
    static void findCalls(const HostRuleParameters &rule, QByteArrayView source, const LexedFile &file,
                          QList<HostHit> &hits);

    QList<HostRuleParameters> m_rules;
    ProjectDependencies m_dependencies; // a copy (implicitly shared): callers may pass a temporary
    // Per language id, the indexes in m_rules of the rules that apply to its files under these
    // dependencies: worked out once per scan, not once per file.
    QHash<QString, QList<qsizetype>> m_rulesByLanguage;
};

} // namespace poolproof
