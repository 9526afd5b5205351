#include "driveranalysis.h"

#include "clientcatalog.h"
#include "lexer/languagespec.h"
#include "manifests.h"
#include "parallelfor.h"
#include "scan/scanengine.h"
#include "scan/suppression.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace poolproof {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::DriverAnalysis)
};

constexpr int maxSnippet = 240;
constexpr qsizetype binaryProbe = 8000;

// Parsed once: every scan compiles its readers from the same list.
const QJsonArray &builtinPoolSettingReaders()
{
    static const QJsonArray readers = [] {
        QFile file(QStringLiteral(":/poolproof/rules/drivers.json"));
        if (!file.open(QIODevice::ReadOnly))
            return QJsonArray();
        return QJsonDocument::fromJson(file.readAll()).object().value(u"poolSettings").toArray();
    }();
    return readers;
}

QList<Suppression> suppressionsOf(const SourceText &text)
{
    QList<Suppression> suppressions;
    for (const LexedRegion &region : text.lexed().regions) {
        if (region.kind != RegionKind::Comment)
            continue;
        const QByteArrayView comment = text.bytes().sliced(region.begin, region.end - region.begin);
        Suppression suppression;
        if (!comment.contains("poolproof-ignore") || !parseSuppression(comment, &suppression))
            continue;
        suppression.line = text.line(region.end > region.begin ? region.end - 1 : region.begin);
        suppressions.append(suppression);
    }
    return suppressions;
}

Finding makeFinding(const Rule &rule, Severity severity, const QString &path, int line, int column,
                    const QString &lineText, const QString &subject)
{
    Finding finding;
    finding.ruleId = rule.id;
    finding.severity = severity;
    finding.confidence = Confidence::High;
    finding.location = {path, line, column, line, column};
    finding.subject = subject;
    QString snippet = lineText.trimmed();
    if (snippet.size() > maxSnippet)
        snippet = snippet.left(maxSnippet - 1) + u'…';
    finding.snippet = snippet;
    const QString title = RuleCatalog::translated(rule.title);
    finding.message = subject.isEmpty() ? title : Texts::tr("%1: %2").arg(title, subject);
    finding.fix = RuleCatalog::translated(rule.fix);
    return finding;
}

} // namespace

DriverAnalyzer::DriverAnalyzer(const RuleCatalog &catalog, const PoolerProfile &profile)
    : m_profile(profile)
{
    for (const Rule &rule : catalog.rules()) {
        if (std::optional<DriverRule> compiled = DriverRule::compile(rule))
            m_rules.append(std::move(*compiled));
    }
    const QJsonArray &readers = builtinPoolSettingReaders();
    for (const QJsonValue &value : readers) {
        const QJsonObject object = value.toObject();
        PoolSettingReader reader;
        reader.client = object.value(u"client").toString();
        reader.setting = object.value(u"setting").toString();
        reader.scope = compileScope(object);
        for (const QString &ecosystem : object.value(u"clients").toObject().keys()) {
            for (const QString &name : jsonStrings(object.value(u"clients").toObject().value(ecosystem)))
                reader.clients[ecosystem] << normalizedPackageName(ecosystem, name);
        }
        reader.keys = jsonStrings(object.value(u"keys"));
        reader.caseInsensitive = object.value(u"caseInsensitive").toBool();
        reader.withinCalls = jsonStrings(object.value(u"withinCalls"));
        m_poolReaders.append(reader);
    }
}

struct DriverPass::Candidate {
    const SourceFile *file = nullptr;
    QString fileName; // without folders, for the rules' file-name globs
    const LanguageSpec *language = nullptr;
};

// A file as the rules see it, with its suppression comments.
struct DriverPass::LoadedFile {
    QString fileName;
    std::unique_ptr<SourceText> text;
    QList<Suppression> suppressions;
};

DriverPass::DriverPass(const DriverAnalyzer &analyzer, const WalkResult &walk, const ProjectDependencies &dependencies,
                       qint64 maxFileSize, const std::vector<const LanguageSpec *> &languageOf)
    : m_analyzer(analyzer)
    , m_walk(walk)
    , m_dependencies(dependencies)
{
    for (const DriverRule &rule : analyzer.m_rules) {
        if (rule.appliesTo(dependencies))
            m_rules.append(&rule);
    }
    for (const DriverAnalyzer::PoolSettingReader &reader : analyzer.m_poolReaders) {
        if (clientsDeclared(reader.clients, dependencies, false))
            m_readers.append(&reader);
    }

    // The files any applying rule or reader may look at, by name and language. Globs over every
    // listed file: worked out on every core, in chunks, then numbered in walk order.
    m_candidateOf.assign(size_t(walk.files.size()), -1);
    if (m_rules.isEmpty() && m_readers.isEmpty())
        return;
    // Whether a scope wants a file depends on its language first: worked out once per language,
    // so that a file's name is matched only against the scopes that have globs for it.
    QList<const FileScope *> scopes;
    for (const DriverRule *rule : std::as_const(m_rules))
        scopes << &rule->scope << &rule->fixedIn << &rule->requiresCodeIn;
    for (const DriverAnalyzer::PoolSettingReader *reader : std::as_const(m_readers))
        scopes << &reader->scope;
    struct LanguagePlan {
        bool always = false; // a scope wants every file of the language
        QList<const FileScope *> byName; // scopes that want some of them, by their globs
    };
    const auto planFor = [&](const QString &id) {
        LanguagePlan plan;
        for (const FileScope *scope : std::as_const(scopes)) {
            if ((scope->languages.isEmpty() && scope->files.isEmpty())
                || (!scope->languages.isEmpty() && !scope->languages.contains(id)))
                continue;
            if (scope->files.isEmpty())
                plan.always = true;
            else
                plan.byName.append(scope);
        }
        return plan;
    };
    QHash<const LanguageSpec *, LanguagePlan> plans;
    for (const LanguageSpec &spec : allLanguages())
        plans.insert(&spec, planFor(languageId(spec)));
    plans.insert(nullptr, planFor(QString()));

    std::vector<Candidate> wanted(size_t(walk.files.size()));
    const auto plan = [&](qsizetype index) {
        const SourceFile &file = walk.files.at(index);
        if (file.size > maxFileSize)
            return;
        const QString fileName = file.relativePath.sliced(file.relativePath.lastIndexOf(u'/') + 1);
        const LanguageSpec *language = languageOf[size_t(index)];
        if (!language) {
            for (const DriverRule *rule : std::as_const(m_rules)) {
                if (rule->scope.lexAs && rule->scope.matches(fileName, languageId(*rule->scope.lexAs))) {
                    language = rule->scope.lexAs;
                    break;
                }
            }
        }
        const auto found = plans.constFind(language);
        if (found == plans.cend())
            return;
        const bool wantsFile
            = found->always || std::any_of(found->byName.cbegin(), found->byName.cend(), [&](const FileScope *scope) {
                  return std::any_of(scope->files.cbegin(), scope->files.cend(),
                                     [&](const FileNameGlob &glob) { return glob.matches(fileName); });
              });
        if (wantsFile)
            wanted[size_t(index)] = {&file, fileName, language};
    };
    parallelForEach(walk.files.size(), 512, plan);
    for (size_t index = 0; index < wanted.size(); ++index) {
        if (wanted[index].file) {
            m_candidateOf[index] = int(m_candidates.size());
            m_candidates.push_back(std::move(wanted[index]));
        }
    }
    m_loaded.resize(m_candidates.size());
}

DriverPass::~DriverPass() = default;

void DriverPass::addFile(int candidateIndex, QByteArrayView bytes)
{
    if (bytes.first(std::min(bytes.size(), binaryProbe)).contains('\0'))
        return;
    const Candidate &candidate = m_candidates[size_t(candidateIndex)];
    const QString &fileName = candidate.fileName;
    const QString id = candidate.language ? languageId(*candidate.language) : QString();
    const auto mentionsAny = [&](const QStringList &texts, bool caseInsensitive) {
        return std::any_of(texts.cbegin(), texts.cend(), [&](const QString &text) {
            return indexOfBytes(bytes, text.toUtf8(), 0, caseInsensitive) >= 0;
        });
    };
    const bool needed
        = std::any_of(m_rules.cbegin(), m_rules.cend(),
                      [&](const DriverRule *rule) { return rule->wantsFile(fileName, id, bytes); })
        || std::any_of(m_readers.cbegin(), m_readers.cend(), [&](const DriverAnalyzer::PoolSettingReader *reader) {
               // A reader that looks inside calls needs one of the calls, not just a key.
               return reader->scope.matches(fileName, id) && mentionsAny(reader->keys, reader->caseInsensitive)
                   && (reader->withinCalls.isEmpty()
                       || std::any_of(reader->withinCalls.cbegin(), reader->withinCalls.cend(),
                                      [&](const QString &call) { return mentionsCall(bytes, call.toUtf8()); }));
           });
    if (!needed)
        return;
    auto loaded = std::make_unique<LoadedFile>();
    loaded->fileName = fileName;
    // The only copy of the bytes: the scan's buffer is reused for the next file.
    loaded->text = std::make_unique<SourceText>(candidate.file->relativePath, bytes.toByteArray(), candidate.language);
    loaded->suppressions = suppressionsOf(*loaded->text);
    m_loaded[size_t(candidateIndex)] = std::move(loaded);
}

DriverAnalysis DriverPass::finish() const
{
    DriverAnalysis analysis;
    analysis.clients = detectClients(m_dependencies);
    const PoolerProfile &profile = m_analyzer.m_profile;
    const QList<const DriverRule *> &rules = m_rules;
    const QList<const DriverAnalyzer::PoolSettingReader *> &readers = m_readers;

    // Version rules read the manifests' declarations, not files.
    for (const DriverRule *rule : rules) {
        if (rule->detector != u"manifest-version")
            continue;
        const Severity severity = rule->rule->severityFor(profile.id);
        if (severity == Severity::Ok)
            continue;
        for (const ProjectDependencies::Declaration &declaration : m_dependencies.declarations()) {
            const QStringList packages = rule->clients.value(declaration.ecosystem);
            const QList<int> version = versionNumbers(declaration.version);
            if (!packages.contains(declaration.package) || version.isEmpty()
                || compareVersions(version, rule->versionBelow) >= 0)
                continue;
            QString lineText;
            QFile manifest(m_walk.root + u'/' + declaration.manifestPath);
            if (manifest.open(QIODevice::ReadOnly))
                lineText = QString::fromUtf8(manifest.readAll().split('\n').value(declaration.line - 1));
            analysis.findings.append(makeFinding(*rule->rule, severity, declaration.manifestPath, declaration.line, 1,
                                                 lineText, declaration.package + u' ' + declaration.version));
        }
    }

    // In the walk's order, whichever worker read them.
    QList<const LoadedFile *> files;
    for (const std::unique_ptr<LoadedFile> &file : m_loaded) {
        if (file)
            files.append(file.get());
    }
    for (const DriverRule *rule : std::as_const(rules)) {
        if (rule->detector == u"manifest-version")
            continue;
        const Severity severity = rule->rule->severityFor(profile.id);
        if (severity == Severity::Ok)
            continue;
        // Project-wide conditions: a fix written anywhere, code the rule is about.
        const bool fixed = (!rule->fixedBy.isEmpty() || !rule->fixedByTokens.isEmpty())
            && std::any_of(files.cbegin(), files.cend(), [&](const LoadedFile *file) {
                               return rule->fixedIn.matches(file->fileName, file->text->languageId())
                                   && fileFixesRule(*rule, *file->text);
                           });
        if (fixed)
            continue;
        if (!rule->requiresCode.isEmpty() && std::none_of(files.cbegin(), files.cend(), [&](const LoadedFile *file) {
                return rule->requiresCodeIn.matches(file->fileName, file->text->languageId())
                    && fileHasRequiredCode(*rule, *file->text);
            }))
            continue;
        for (const LoadedFile *file : std::as_const(files)) {
            const SourceText &text = *file->text;
            if (!rule->scope.matches(file->fileName, text.languageId()))
                continue;
            const QList<DriverHit> hits = runDriverRule(*rule, text);
            QSet<int> lines;
            for (const DriverHit &hit : hits) {
                const int line = text.line(hit.offset);
                if (lines.contains(line))
                    continue; // one finding per rule and line
                lines.insert(line);
                Finding finding = makeFinding(*rule->rule, severity, text.path(), line, text.column(hit.offset),
                                              text.lineText(line), hit.subject);
                for (const Suppression &suppression : file->suppressions) {
                    if (suppression.covers(finding.ruleId, line)) {
                        finding.suppressed = true;
                        finding.suppressionReason = suppression.reason;
                    }
                }
                analysis.findings.append(finding);
            }
        }
    }

    for (const LoadedFile *file : std::as_const(files)) {
        const SourceText &text = *file->text;
        for (const DriverAnalyzer::PoolSettingReader *reader : std::as_const(readers)) {
            if (!reader->scope.matches(file->fileName, text.languageId()))
                continue;
            QList<SettingHit> hits;
            if (reader->withinCalls.isEmpty()) {
                hits = text.findSettings(reader->keys, reader->caseInsensitive);
            } else {
                for (const QString &name : reader->withinCalls) {
                    for (const SourceText::Call &call : text.findCalls(name))
                        hits += text.findSettings(reader->keys, reader->caseInsensitive, call.open, call.close);
                }
            }
            for (const SettingHit &hit : std::as_const(hits)) {
                QString digits = hit.value;
                digits.remove(u'_');
                bool ok = false;
                const int value = digits.toInt(&ok);
                if (!ok || value <= 0)
                    continue;
                const PoolSetting setting {reader->client, reader->setting, value, text.path(), text.line(hit.offset)};
                if (!analysis.poolSettings.contains(setting))
                    analysis.poolSettings.append(setting);
            }
        }
    }
    sortPoolSettings(analysis.poolSettings);
    std::sort(analysis.findings.begin(), analysis.findings.end(), [](const Finding &a, const Finding &b) {
        return std::tie(a.location.path, a.location.line, a.location.column, a.ruleId)
            < std::tie(b.location.path, b.location.line, b.location.column, b.ruleId);
    });
    return analysis;
}

void addDriverAnalysis(ScanResult &result, DriverAnalysis analysis, const ScanObserver &observer)
{
    result.clients = std::move(analysis.clients);
    result.poolSettings = std::move(analysis.poolSettings);
    if (analysis.findings.isEmpty())
        return;
    result.findings += analysis.findings;
    if (observer.findings)
        observer.findings(analysis.findings);
}

} // namespace poolproof
