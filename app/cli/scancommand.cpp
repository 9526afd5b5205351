#include "commands.h"

#include "console.h"
#include "exitcodes.h"

#include "env/projectfile.h"
#include "history/audithistory.h"
#include "history/baselinefile.h"
#include "history/baselinereport.h"
#include "poolproof/version.h"
#include "report/chunkedwrite.h"
#include "report/outputfile.h"
#include "report/sarif.h"
#include "report/scanjson.h"
#include "rules/rulecatalog.h"
#include "scan/scanengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace poolproof::cli {

namespace {

class Scan
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::cli::Scan)
public:
    static int run(const QStringList &arguments);

private:
    // The text report's findings [begin, end), appended to out as UTF-8.
    static void textFindings(const ScanResult &result, qsizetype begin, qsizetype end, const QString &displayRoot,
                             bool showSuppressed, QByteArray &out);
    static QString textNotes(const ScanResult &result, const QString &displayRoot);
    static QString summary(const ScanResult &result);
    static QString baselineSentence(const QString &baseline, const BaselineReport &report);
    static bool deliver(const std::optional<QString> &outputPath,
                        const std::function<bool(const PieceWriter &)> &produce);
};

// Hands the report, as produce() writes it, to the output file (replaced whole) or to standard
// output; prints the cause when it cannot be written.
bool Scan::deliver(const std::optional<QString> &outputPath, const std::function<bool(const PieceWriter &)> &produce)
{
    if (outputPath) {
        QString error;
        if (writeOutputFile(*outputPath, produce, &error))
            return true;
        printError(tr("cannot write %1: %2").arg(*outputPath, error));
        return false;
    }
    out().flush();
    QFile stdOut;
    const auto write = [&stdOut](QByteArrayView part) { return stdOut.write(part.data(), part.size()) == part.size(); };
    if (stdOut.open(stdout, QIODevice::WriteOnly) && produce(write) && stdOut.flush())
        return true;
    printError(tr("cannot write the report to standard output: %1").arg(stdOut.errorString()));
    return false;
}

QString Scan::baselineSentence(const QString &baseline, const BaselineReport &report)
{
    return tr("compared with %1: %2 hidden, %3 fixed")
        .arg(baseline, tr("%n unchanged finding(s)", nullptr, report.unchanged),
             tr("%n finding(s)", nullptr, report.fixed));
}

// A path as one line of text output: control characters (a newline in a file name could forge a
// finding line) are written as escapes, the way git quotes such names.
QString escapedPath(const QString &path)
{
    QString out;
    out.reserve(path.size());
    for (const QChar c : path) {
        if (c == u'\\')
            out += u"\\\\"_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\r')
            out += u"\\r"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.category() == QChar::Other_Control)
            out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        else
            out += c;
    }
    return out;
}

QString displayPath(const QString &displayRoot, const QString &relative)
{
    if (displayRoot.isEmpty() || displayRoot == u".")
        return escapedPath(relative);
    return escapedPath(QDir::cleanPath(displayRoot + u'/' + relative));
}

QString Scan::summary(const ScanResult &result)
{
    const RuleCatalog &catalog = RuleCatalog::builtin();
    const PoolerProfile *profile = catalog.profile(result.profileId);
    const QString counts = tr("%n error(s)", nullptr, result.count(Severity::Error)) + u", "
        + tr("%n warning(s)", nullptr, result.count(Severity::Warning)) + u", "
        + tr("%n info finding(s)", nullptr, result.count(Severity::Info));
    QString line = tr("%1; %2 suppressed; %3 of %4 files scanned (%5 MB) in %6 s; pooler: %7")
                       .arg(counts)
                       .arg(result.suppressedCount())
                       .arg(result.filesScanned)
                       .arg(result.filesListed)
                       .arg(double(result.bytesScanned) / (1024 * 1024), 0, 'f', 1)
                       .arg(double(result.durationMs) / 1000, 0, 'f', 2)
                       .arg(profile ? RuleCatalog::translated(profile->name) : result.profileId);
    if (result.cancelled)
        line += u' ' + tr("(cancelled: the result is incomplete)");
    return line;
}

void Scan::textFindings(const ScanResult &result, qsizetype begin, qsizetype end, const QString &displayRoot,
                        bool showSuppressed, QByteArray &out)
{
    QString text;
    for (qsizetype i = begin; i < end; ++i) {
        const Finding &finding = result.findings.at(i);
        if (finding.suppressed && !showSuppressed)
            continue;
        const QString path = displayPath(displayRoot, finding.location.path);
        text += path + u':' + QString::number(finding.location.line) + u':' + QString::number(finding.location.column)
            + u": " + severityId(finding.severity) + u": " + finding.message + u" [" + finding.ruleId + u']';
        if (finding.confidence != Confidence::High)
            text += u' ' + tr("(confidence: %1)").arg(confidenceId(finding.confidence));
        if (finding.suppressed)
            text += u' '
                + tr("(suppressed: %1)")
                      .arg(finding.suppressionReason.isEmpty() ? tr("no reason given") : finding.suppressionReason);
        text += u'\n';
        const QString number = QString::number(finding.location.line);
        text += QString(5 - std::min<qsizetype>(5, number.size()), u' ') + number + u" | " + finding.snippet + u'\n';
        text += u"      = " + tr("fix: %1").arg(finding.fix) + u'\n';
    }
    out += text.toUtf8();
}

QString Scan::textNotes(const ScanResult &result, const QString &displayRoot)
{
    QString text;
    for (const ScanNote &note : result.notes) {
        const QString where = note.path.isEmpty() ? displayRoot : displayPath(displayRoot, note.path);
        text += where + u": " + tr("note: %1").arg(note.message) + u'\n';
    }
    return text;
}

int Scan::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Scans a repository for code that breaks behind a transaction-mode pooler."));
    parser.addHelpOption();
    const QCommandLineOption poolerOption(QStringLiteral("pooler"), tr("Pooler profile (see --list-poolers)."),
                                          tr("profile"));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("Output format: text, json or sarif."),
                                          tr("format"), QStringLiteral("text"));
    const QCommandLineOption outputOption(QStringLiteral("output"),
                                          tr("Write the report to FILE instead of standard output."), tr("file"));
    const QCommandLineOption failOnOption
        = cli::failOnOption(tr("Exit with 1 when a finding reaches this severity: error, warning, info or none."));
    const QCommandLineOption jobsOption(QStringLiteral("jobs"), tr("Worker threads (default: one per core)."), tr("n"));
    const QCommandLineOption excludeOption(QStringLiteral("exclude"), tr("Skip paths matching GLOB (repeatable)."),
                                           tr("glob"));
    const QCommandLineOption maxSizeOption(QStringLiteral("max-file-size"),
                                           tr("Skip files larger than this many MB (default 32)."), tr("mb"));
    const QCommandLineOption noIgnoreOption(QStringLiteral("no-ignore-files"),
                                            tr("Do not honour .gitignore and git's exclude files."));
    const QCommandLineOption noDefaultExcludesOption(
        QStringLiteral("no-default-excludes"), tr("Also scan node_modules, vendor, dist, build and minified bundles."));
    const QCommandLineOption showSuppressedOption(QStringLiteral("show-suppressed"),
                                                  tr("List suppressed findings in text output."));
    const QCommandLineOption listPoolersOption(QStringLiteral("list-poolers"),
                                               tr("List the pooler profiles and exit."));
    const QCommandLineOption baselineOption(QStringLiteral("baseline"),
                                            tr("Report only findings that are not in FILE, an earlier JSON or SARIF "
                                               "report of this command (or an audit's JSON)."),
                                            tr("file"));
    const QCommandLineOption baselineHistoryOption(QStringLiteral("baseline-history"),
                                                   tr("Report only findings that are not in the latest recorded scan "
                                                      "of this folder with the same pooler profile."));
    const QCommandLineOption recordOption(QStringLiteral("record"), tr("Store this scan in the audit history."));
    const QCommandLineOption historyOption(QStringLiteral("history"),
                                           tr("The audit history file (default: %1).").arg(AuditHistory::defaultPath()),
                                           tr("file"));
    parser.addOptions({poolerOption, formatOption, outputOption, failOnOption, jobsOption, excludeOption, maxSizeOption,
                       noIgnoreOption, noDefaultExcludesOption, showSuppressedOption, listPoolersOption, baselineOption,
                       baselineHistoryOption, recordOption, historyOption});
    parser.addPositionalArgument(QStringLiteral("path"), tr("The repository or folder to scan."));
    if (const std::optional<int> stop = parseCommandLine(parser, arguments))
        return *stop;
    const RuleCatalog &catalog = RuleCatalog::builtin();
    if (parser.isSet(listPoolersOption)) {
        for (const PoolerProfile &profile : catalog.profiles()) {
            out() << profile.id.leftJustified(26) << RuleCatalog::translated(profile.name)
                  << (profile.isDefault ? u" " + tr("(default)") : QString()) << '\n';
        }
        out().flush();
        return ExitOk;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.size() != 1) {
        printError(paths.isEmpty() ? tr("no path given: poolproof-cli scan PATH")
                                   : tr("scan takes one path, %1 were given").arg(paths.size()));
        return ExitUsageError;
    }
    const std::optional<QString> format = formatValue(parser, formatOption, {u"text"_s, u"json"_s, u"sarif"_s});
    const std::optional<FailOn> failOn = failOnValue(parser, failOnOption);
    const std::optional<QString> profile = profileValue(parser, poolerOption);
    if (!format || !failOn || !profile)
        return ExitUsageError;
    ScanOptions options;
    options.root = paths.first();
    options.profileId = *profile;
    if (parser.isSet(jobsOption)) {
        bool ok = false;
        options.jobs = parser.value(jobsOption).toInt(&ok);
        if (!ok || options.jobs < 1 || options.jobs > 256) {
            printError(tr("--jobs needs a number from 1 to 256"));
            return ExitUsageError;
        }
    }
    if (parser.isSet(maxSizeOption)) {
        bool ok = false;
        const double megabytes = parser.value(maxSizeOption).toDouble(&ok);
        if (!ok || megabytes <= 0) {
            printError(tr("--max-file-size needs a positive number of megabytes"));
            return ExitUsageError;
        }
        options.walk.maxFileSize = qint64(megabytes * 1024 * 1024);
    }
    options.walk.excludes = parser.values(excludeOption);
    // The audited repository's project file chooses the pooler (unless --pooler does), and adds
    // its excludes and ignored rules; a broken one stops the scan rather than being half-read.
    QString projectError;
    const std::optional<ProjectFile> project
        = ProjectFile::read(QFileInfo(options.root).absoluteFilePath(), &projectError);
    if (!project) {
        printError(projectError);
        return ExitUsageError;
    }
    for (const QString &warning : project->warnings)
        printWarning(warning);
    if (options.profileId.isEmpty())
        options.profileId = project->pooler;
    options.walk.excludes += project->exclude;
    options.walk.honourIgnoreFiles = !parser.isSet(noIgnoreOption);
    options.walk.useDefaultExcludes = !parser.isSet(noDefaultExcludesOption);

    // Every input is checked before the scan, so that a bad baseline or history costs no time.
    if (parser.isSet(baselineOption) && parser.isSet(baselineHistoryOption)) {
        printError(tr("--baseline and --baseline-history cannot be used together"));
        return ExitUsageError;
    }
    const bool useHistory = parser.isSet(baselineHistoryOption) || parser.isSet(recordOption);
    if (parser.isSet(historyOption) && !useHistory) {
        printError(tr("--history needs --record or --baseline-history"));
        return ExitUsageError;
    }
    std::optional<QList<HistoryFinding>> baselineFindings;
    if (parser.isSet(baselineOption)) {
        QString error;
        baselineFindings = readBaselineFile(parser.value(baselineOption), &error);
        if (!baselineFindings) {
            printError(error);
            return ExitUsageError;
        }
    }
    std::optional<AuditHistory> history;
    if (useHistory) {
        history.emplace(parser.isSet(historyOption) ? parser.value(historyOption) : AuditHistory::defaultPath());
        QString error;
        if (!history->open(&error)) {
            printError(error);
            return ExitUsageError;
        }
    }

    ScanResult scanned = runScan(options);
    if (!scanned.error.isEmpty()) {
        printError(scanned.error);
        return ExitUsageError;
    }
    scanned.findings.removeIf([&](const Finding &f) { return project->dropsFinding(f.ruleId, f.location.path); });
    ScanResult result = scanned;
    std::optional<BaselineReport> baseline;
    QString baselineName; // for messages: "baseline FILE" or "the scan recorded at DATE"
    if (baselineFindings) {
        const QString file = parser.value(baselineOption);
        baseline = applyBaseline(result, *baselineFindings, QJsonObject {{u"source"_s, u"file"_s}, {u"file"_s, file}});
        baselineName = tr("baseline %1").arg(file);
    } else if (parser.isSet(baselineHistoryOption)) {
        const std::optional<HistoryEntry> previous = history->latest(scanned.root, -1, scanned.profileId);
        if (!previous && !history->lastError().isEmpty()) {
            printError(history->lastError());
            return ExitUsageError;
        }
        QJsonObject source {{u"source"_s, u"history"_s}, {u"history"_s, history->path()}};
        if (previous) {
            source.insert(u"entry"_s, double(previous->id));
            source.insert(u"date"_s, previous->date.toString(Qt::ISODate));
            source.insert(u"commit"_s, previous->commit);
            baselineName = tr("the scan recorded at %1").arg(previous->date.toString(Qt::ISODate));
        } else {
            baselineName = tr("an empty history");
            err() << tr("no recorded scan of %1 with pooler %2 yet: every finding is new")
                         .arg(scanned.root, scanned.profileId)
                  << Qt::endl;
        }
        baseline = applyBaseline(result, previous ? previous->findings : QList<HistoryFinding> {}, source);
    }
    const QString version = QString::fromLatin1(versionString);
    // JSON and SARIF go out in pieces as they are rendered: on a large scan, writing the first
    // findings overlaps rendering the rest, and the report is never held whole. With a baseline
    // the document is amended first, so it is made whole.
    QByteArray report;
    std::function<bool(const PieceWriter &)> produce = [&report](const PieceWriter &write) { return write(report); };
    if (*format == u"json" && !baseline) {
        produce = [&](const PieceWriter &write) { return writeScanResultJson(result, version, write); };
    } else if (*format == u"json") {
        report = withBaselineKey(scanResultToJsonBytes(result, version), *baseline);
    } else if (*format == u"sarif" && !baseline) {
        produce = [&](const PieceWriter &write) { return writeScanResultSarif(result, catalog, version, write); };
    } else if (*format == u"sarif") {
        QJsonObject sarif = scanResultToSarif(result, catalog, version);
        markSarifBaseline(sarif, *baseline);
        report = QJsonDocument(sarif).toJson(QJsonDocument::Indented);
    } else {
        QString tail = textNotes(result, paths.first());
        if (baseline)
            tail += paths.first() + u": " + tr("note: %1").arg(baselineSentence(baselineName, *baseline)) + u'\n';
        report = tail.toUtf8();
        // By value: produce() runs after this block.
        produce = [&, showSuppressed = parser.isSet(showSuppressedOption)](const PieceWriter &write) {
            const auto render = [&](qsizetype begin, qsizetype end, QByteArray &out) {
                textFindings(result, begin, end, paths.first(), showSuppressed, out);
            };
            return writeInChunks(result.findings.size(), 1024, render, write) && write(report);
        };
    }
    if (!deliver(parser.isSet(outputOption) ? std::optional<QString>(parser.value(outputOption)) : std::nullopt,
                 produce))
        return ExitUsageError;
    err() << summary(result) << Qt::endl;
    if (baseline)
        err() << baselineSentence(baselineName, *baseline) << Qt::endl;

    if (parser.isSet(recordOption)) {
        QString error;
        if (!history->record(scanned, QDateTime::currentDateTimeUtc(), &error)) {
            printError(error);
            return ExitUsageError;
        }
    }

    // With a baseline, only the new findings count.
    const std::optional<Severity> worst = result.worst();
    keepUntilExit(std::move(result));
    keepUntilExit(std::move(scanned));
    return worst && failOn->reachedBy(*worst) ? ExitFindings : ExitOk;
}

} // namespace

int runScan(const QStringList &arguments)
{
    return Scan::run(arguments);
}

} // namespace poolproof::cli
