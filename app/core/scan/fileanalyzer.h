#pragma once

#include "dependencies.h"
#include "filereader.h"
#include "finding.h"
#include "fragmentcache.h"
#include "hostdetectors.h"
#include "lexer/languagespec.h"
#include "repositorywalker.h"
#include "rules/rulecatalog.h"
#include "rules/sqlrulematcher.h"
#include "scannote.h"

#include <QHash>

namespace poolproof {

struct FileResult {
    QList<Finding> findings;
    QList<ScanNote> notes;
    qint64 bytes = 0;
};

// The rules' texts in the language of the moment, looked up once per scan: each finding needs its
// rule's title and fix, and a translation lookup per finding costs more than the rest of it.
struct TranslatedRuleTexts {
    struct Entry {
        QString title;
        QString fix;
    };
    QHash<const Rule *, Entry> rules;
    QString titleWithSubject; // "%1: %2"

    explicit TranslatedRuleTexts(const RuleCatalog &catalog);
};

// Checks one file: lexes it, extracts and parses its SQL, runs the host-code detectors, applies
// the rules for the pooler profile and the file's suppression comments. Thread-safe: one
// analyzer serves every worker of a scan.
class FileAnalyzer
{
public:
    FileAnalyzer(const RuleCatalog &catalog, const PoolerProfile &profile, const ProjectDependencies &dependencies,
                 qint64 maxFileSize);

    FileResult analyze(const SourceFile &file) const;
    // The same, reading through a worker's reader: its bytes stay there for the other passes
    // over the same file (the driver rules), so that each file is read once.
    FileResult analyze(const SourceFile &file, FileReader &reader) const;
    // The same for a file whose language the caller already knows (languageForFileName()).
    FileResult analyze(const SourceFile &file, FileReader &reader, const LanguageSpec &language) const;
    // The same for text already in memory (tests, the GUI's unsaved buffers).
    FileResult analyzeText(const QString &relativePath, QByteArrayView bytes) const;
    FileResult analyzeText(const QString &relativePath, QByteArrayView bytes, const LanguageSpec &language) const;

private:
    const RuleCatalog &m_catalog;
    const PoolerProfile &m_profile;
    SqlRuleMatcher m_sqlRules;
    HostDetectors m_hostDetectors;
    qint64 m_maxFileSize;
    // SQL texts already analysed by any worker; a cache only, so analyze() stays logically const.
    mutable FragmentCache m_cache;
    TranslatedRuleTexts m_texts;
};

} // namespace poolproof
