#include "scanengine.h"

#include "drivers/driveranalysis.h"
#include "fileanalyzer.h"
#include "filereader.h"
#include "lexer/languagespec.h"
#include "parallelfor.h"
#include "rules/rulecatalog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <vector>

namespace poolproof {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::ScanEngine)
};

constexpr int batchSize = 64;

} // namespace

ScanResult runScan(const ScanOptions &options, const ScanObserver &observer, const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult result;
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const PoolerProfile *profile
        = options.profileId.isEmpty() ? &catalog.defaultProfile() : catalog.profile(options.profileId);
    if (!profile) {
        result.error = Texts::tr("unknown pooler profile \"%1\"").arg(options.profileId);
        return result;
    }
    result.profileId = profile->id;

    WalkResult walk = walkRepository(options.root, options.walk);
    result.root = walk.root.isEmpty() ? options.root : walk.root;
    if (!walk.error.isEmpty()) {
        result.error = walk.error;
        return result;
    }
    result.dependencies = ProjectDependencies::read(walk);
    result.notes = walk.notes;
    result.filesListed = int(walk.files.size());
    if (observer.notes && !walk.notes.isEmpty())
        observer.notes(walk.notes);

    // One list of work for both passes: the rules' scan and the driver rules read the same bytes.
    // Each file's language, worked out once on every core: the driver plan, the list of work and
    // the analysis all need it.
    std::vector<const LanguageSpec *> languageOf(size_t(walk.files.size()), nullptr);
    parallelForEach(walk.files.size(), 1024, [&](qsizetype index) {
        languageOf[size_t(index)] = languageForFileName(walk.files.at(index).relativePath);
    });
    const DriverAnalyzer driverAnalyzer(catalog, *profile);
    DriverPass driverPass(driverAnalyzer, walk, result.dependencies, options.walk.maxFileSize, languageOf);
    struct Work {
        qsizetype walkIndex = 0;
        const LanguageSpec *language = nullptr; // set for a language the rules read
        int driverCandidate = -1;
    };
    QList<Work> work;
    ScanProgress progress;
    for (qsizetype index = 0; index < walk.files.size(); ++index) {
        const SourceFile &file = walk.files.at(index);
        const LanguageSpec *language = languageOf[size_t(index)];
        const int candidate = driverPass.candidateOf(index);
        if (!language && candidate < 0)
            continue;
        work.append({index, language, candidate});
        if (language) {
            ++progress.filesTotal;
            progress.bytesTotal += file.size;
        }
    }
    if (observer.progress)
        observer.progress(progress);

    const FileAnalyzer analyzer(catalog, *profile, result.dependencies, options.walk.maxFileSize);
    std::atomic<int> next {0};
    // Each file's findings (sorted by the analyzer) in its slot: joined in walk order, which is
    // path order, they need no sorting at the end.
    std::vector<QList<Finding>> findingsOf(size_t(work.size()));
    QMutex mutex; // guards result, progress and the observer calls
    const int jobs = std::max(1, options.jobs > 0 ? options.jobs : QThread::idealThreadCount());

    const auto worker = [&] {
        QList<Finding> batch;
        QList<ScanNote> notes;
        int filesInBatch = 0;
        qint64 bytesInBatch = 0;
        const auto flush = [&] {
            const QMutexLocker locker(&mutex);
            progress.filesDone += filesInBatch;
            progress.bytesDone += bytesInBatch;
            result.notes += notes;
            if (observer.findings && !batch.isEmpty())
                observer.findings(batch);
            if (observer.notes && !notes.isEmpty())
                observer.notes(notes);
            if (observer.progress)
                observer.progress(progress);
            batch.clear();
            notes.clear();
            filesInBatch = 0;
            bytesInBatch = 0;
        };
        FileReader reader; // its buffer is reused from file to file
        for (int index = next++; index < work.size(); index = next++) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                break;
            const Work &item = work.at(index);
            const SourceFile &file = walk.files.at(item.walkIndex);
            if (item.language) {
                FileResult fileResult = analyzer.analyze(file, reader, *item.language);
                if (observer.findings)
                    batch += fileResult.findings; // shared with the slot: a copy only when written
                findingsOf[size_t(index)] = std::move(fileResult.findings);
                notes += fileResult.notes;
                ++filesInBatch;
                bytesInBatch += file.size;
            } else {
                reader.read(file.absolutePath, options.walk.maxFileSize, file.size);
            }
            if (item.driverCandidate >= 0 && reader.status() == FileReader::Status::Ok)
                driverPass.addFile(item.driverCandidate, reader.bytes());
            if (filesInBatch >= batchSize || !batch.isEmpty())
                flush();
        }
        flush();
    };

    QList<QFuture<void>> futures;
    for (int i = 1; i < jobs; ++i)
        futures.append(QtConcurrent::run(worker));
    worker(); // the calling thread works too
    for (QFuture<void> &future : futures)
        future.waitForFinished();

    qsizetype findingCount = 0;
    for (const QList<Finding> &findings : findingsOf)
        findingCount += findings.size();
    result.findings.reserve(findingCount);
    for (QList<Finding> &findings : findingsOf)
        result.findings.append(std::move(findings));
    addDriverAnalysis(result, driverPass.finish(), observer);
    result.cancelled = cancel && cancel->load();
    result.filesScanned = progress.filesDone;
    result.bytesScanned = progress.bytesDone;
    finalizeFindings(result.findings);
    std::stable_sort(result.notes.begin(), result.notes.end(),
                     [](const ScanNote &a, const ScanNote &b) { return a.path < b.path; });
    result.durationMs = timer.elapsed();
    return result;
}

} // namespace poolproof
