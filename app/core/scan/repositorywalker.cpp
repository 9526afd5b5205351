#include "repositorywalker.h"

#include "parallelfor.h"
#include "statprefetch.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>
#include <vector>

namespace poolproof {

namespace {

class Walker
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::RepositoryWalker)
public:
    Walker(const QString &root, const WalkOptions &options);
    WalkResult run();

private:
    bool listWithGit(QStringList *paths);
    void listWithoutGit(QStringList *paths);
    bool runGit(const QStringList &arguments, QByteArray *output);
    bool isExcluded(QStringView relativePath) const;
    void addFiles(const QStringList &relativePaths);

    QString m_root;
    WalkOptions m_options;
    WalkResult m_result;
    // Excludes split by shape: most are plain names or "*.suffix", which need no regex.
    QStringList m_excludeNames;
    QStringList m_excludeSuffixes;
    QList<QRegularExpression> m_excludePatterns;
    // Filled while git lists, read by addFiles(); absent when git is not asked.
    std::unique_ptr<StatPrefetch> m_prefetch;
};

QRegularExpression globPattern(const QString &glob)
{
    return QRegularExpression(
        QRegularExpression::wildcardToRegularExpression(glob, QRegularExpression::UnanchoredWildcardConversion)
            .prepend(u'^')
            .append(u'$'));
}

Walker::Walker(const QString &root, const WalkOptions &options)
    : m_root(root)
    , m_options(options)
{
    QStringList globs = options.excludes;
    if (options.useDefaultExcludes)
        globs += defaultExcludes();
    static const QRegularExpression wildcard(QStringLiteral("[*?\\[\\]/]"));
    for (const QString &raw : std::as_const(globs)) {
        const QString glob = raw.trimmed();
        if (glob.isEmpty())
            continue;
        if (!glob.contains(wildcard)) {
            if (!m_excludeNames.contains(glob))
                m_excludeNames.append(glob);
        } else if (glob.startsWith(u"*.") && !glob.mid(1).contains(wildcard))
            m_excludeSuffixes.append(glob.mid(1));
        else
            m_excludePatterns.append(globPattern(glob));
    }
}

WalkResult Walker::run()
{
    const QFileInfo rootInfo(m_root);
    if (!rootInfo.exists()) {
        m_result.error = tr("%1 does not exist").arg(m_root);
        return m_result;
    }
    if (!rootInfo.isDir()) {
        m_result.error = tr("%1 is not a folder").arg(m_root);
        return m_result;
    }
    if (!rootInfo.isReadable()) {
        m_result.error = tr("%1 cannot be read: permission denied").arg(m_root);
        return m_result;
    }
    m_result.root = rootInfo.canonicalFilePath();
    m_root = m_result.root;

    QStringList paths;
    if (!m_options.honourIgnoreFiles || !listWithGit(&paths))
        listWithoutGit(&paths);
    if (m_prefetch)
        m_prefetch->stop(); // git failed: it went on while the folder was listed here
    // git lists in path order already (then a check is all the sorting needed); once sorted, a
    // path listed twice (tracked and untracked) sits next to itself.
    if (!std::is_sorted(paths.cbegin(), paths.cend()))
        std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    addFiles(paths);
    return m_result;
}

bool Walker::runGit(const QStringList &arguments, QByteArray *output)
{
    QProcess git;
    git.setProgram(m_options.gitExecutable);
    // The audited repository's own configuration must not make git run anything (core.fsmonitor
    // names a program git would start), nor slow the listing down.
    git.setArguments(QStringList {QStringLiteral("-c"), QStringLiteral("core.fsmonitor=false"), QStringLiteral("-c"),
                                  QStringLiteral("core.untrackedCache=false")}
                     + arguments);
    // Never let git ask for anything or run configured helpers on an unknown repository.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    git.setProcessEnvironment(env);
    git.start();
    if (!git.waitForStarted(10000))
        return false;
    git.closeWriteChannel();
    QByteArray out;
    while (git.state() != QProcess::NotRunning) {
        git.waitForReadyRead(1000);
        out += git.readAllStandardOutput();
    }
    out += git.readAllStandardOutput();
    const QByteArray errors = git.readAllStandardError();
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0)
        return false;
    for (const QByteArray &line : errors.split('\n')) {
        if (!line.trimmed().isEmpty())
            m_result.notes.append(
                {ScanNote::Kind::GitWarning, QString(), tr("git: %1").arg(QString::fromUtf8(line.trimmed()))});
    }
    *output = out;
    return true;
}

bool Walker::listWithGit(QStringList *paths)
{
    // git walks the tree in a process of its own, which leaves this one idle: meanwhile a thread
    // here looks at what is on disk, and the lstat() pass after the listing mostly finds it done.
    m_prefetch = std::make_unique<StatPrefetch>(m_root, m_excludeNames);
    m_prefetch->start();
    QByteArray output;
    // Inside a work tree: tracked files and untracked ones that are not ignored, below the root.
    bool listed = runGit({QStringLiteral("-C"), m_root, QStringLiteral("ls-files"), QStringLiteral("-z"),
                          QStringLiteral("--cached"), QStringLiteral("--others"), QStringLiteral("--exclude-standard")},
                         &output);
    if (!listed) {
        // Not a repository: let git apply the same ignore rules through an empty repository.
        QTemporaryDir gitDir;
        QByteArray ignored;
        if (!gitDir.isValid()
            || !runGit({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), gitDir.path()},
                       &ignored)) {
            m_result.notes.append({ScanNote::Kind::GitUnavailable, QString(),
                                   tr("git is not available: .gitignore files are not honoured")});
            return false;
        }
        listed = runGit({QStringLiteral("--git-dir=") + gitDir.path(), QStringLiteral("--work-tree=") + m_root,
                         QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--others"),
                         QStringLiteral("--exclude-standard")},
                        &output);
        if (!listed) {
            m_result.notes.append({ScanNote::Kind::GitUnavailable, QString(),
                                   tr("git could not list the folder: .gitignore files are not honoured")});
            return false;
        }
    }
    m_prefetch->stop();
    for (const QByteArray &entry : output.split('\0')) {
        if (!entry.isEmpty())
            paths->append(QString::fromUtf8(entry));
    }
    return true;
}

void Walker::listWithoutGit(QStringList *paths)
{
    // No symlinks are followed, so a link loop cannot trap the walk.
    QDirIterator it(m_root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir root(m_root);
    while (it.hasNext()) {
        const QString path = root.relativeFilePath(it.next());
        paths->append(path);
    }
}

bool Walker::isExcluded(QStringView relativePath) const
{
    // Views, not a split list: this runs once per listed file.
    const QStringView fileName = relativePath.sliced(relativePath.lastIndexOf(u'/') + 1);
    if (!m_excludeNames.isEmpty()) {
        for (const QStringView part : relativePath.tokenize(u'/')) {
            for (const QString &name : m_excludeNames) {
                if (part == name)
                    return true;
            }
        }
    }
    for (const QString &suffix : m_excludeSuffixes) {
        if (fileName.endsWith(suffix))
            return true;
    }
    for (const QRegularExpression &pattern : m_excludePatterns) {
        if (pattern.matchView(relativePath).hasMatch())
            return true;
        for (const QStringView part : relativePath.tokenize(u'/')) {
            if (pattern.matchView(part).hasMatch())
                return true;
        }
    }
    return false;
}

void Walker::addFiles(const QStringList &relativePaths)
{
    std::vector<SourceFile> files(size_t(relativePaths.size()));
    std::vector<PathKind> kinds(files.size());
    std::vector<char> excluded(files.size(), 0);
    // Excludes, then tens of thousands of lstat() calls: spread over the cores.
    parallelForEach(relativePaths.size(), 256, [&](qsizetype index) {
        const auto i = size_t(index);
        const QString &relativePath = relativePaths.at(index);
        excluded[i] = isExcluded(relativePath);
        if (excluded[i])
            return;
        files[i].relativePath = relativePath;
        files[i].absolutePath = m_root + u'/' + relativePath;
        const std::optional<PathKind> known = m_prefetch ? m_prefetch->find(relativePath) : std::nullopt;
        kinds[i] = known ? *known : pathKind(files[i].absolutePath);
    });
    m_result.files.reserve(relativePaths.size());
    for (size_t i = 0; i < files.size(); ++i) {
        if (excluded[i])
            continue;
        SourceFile &file = files[i];
        switch (kinds[i].kind) {
        case PathKind::SymbolicLink:
            m_result.notes.append(
                {ScanNote::Kind::SymbolicLink, file.relativePath,
                 Walker::tr("symbolic link not followed (to %1)").arg(QFileInfo(file.absolutePath).symLinkTarget())});
            break;
        case PathKind::Missing:
            // Listed by git but gone from the work tree (deleted, or removed while scanning).
            m_result.notes.append(
                {ScanNote::Kind::Unreadable, file.relativePath, Walker::tr("listed by git but missing on disk")});
            break;
        case PathKind::Folder: break; // a submodule: its own repository
        case PathKind::Other:
            m_result.notes.append({ScanNote::Kind::Unreadable, file.relativePath, Walker::tr("not a regular file")});
            break;
        case PathKind::Regular:
            file.size = kinds[i].size;
            m_result.files.append(std::move(file));
            break;
        }
    }
}

} // namespace

QStringList defaultExcludes()
{
    return {QStringLiteral(".git"),
            QStringLiteral("node_modules"),
            QStringLiteral("bower_components"),
            QStringLiteral("vendor"),
            QStringLiteral("dist"),
            QStringLiteral("build"),
            QStringLiteral("out"),
            QStringLiteral("target"),
            QStringLiteral(".next"),
            QStringLiteral(".nuxt"),
            QStringLiteral("coverage"),
            QStringLiteral("__pycache__"),
            QStringLiteral(".venv"),
            QStringLiteral("venv"),
            QStringLiteral(".tox"),
            QStringLiteral("*.min.js"),
            QStringLiteral("*.min.mjs"),
            QStringLiteral("*.min.css"),
            QStringLiteral("*.bundle.js"),
            QStringLiteral("*.chunk.js"),
            QStringLiteral("*.map"),
            QStringLiteral("package-lock.json"),
            QStringLiteral("yarn.lock"),
            QStringLiteral("pnpm-lock.yaml")};
}

WalkResult walkRepository(const QString &root, const WalkOptions &options)
{
    return Walker(root, options).run();
}

QString scanNoteKindId(ScanNote::Kind kind)
{
    switch (kind) {
    case ScanNote::Kind::SymbolicLink: return QStringLiteral("symbolic-link");
    case ScanNote::Kind::TooLarge: return QStringLiteral("too-large");
    case ScanNote::Kind::Binary: return QStringLiteral("binary");
    case ScanNote::Kind::Unreadable: return QStringLiteral("unreadable");
    case ScanNote::Kind::InvalidUtf8: return QStringLiteral("invalid-utf8");
    case ScanNote::Kind::GitUnavailable: return QStringLiteral("git-unavailable");
    case ScanNote::Kind::GitWarning: return QStringLiteral("git-warning");
    case ScanNote::Kind::SqlNotParsed: return QStringLiteral("sql-not-parsed");
    case ScanNote::Kind::Excluded: return QStringLiteral("excluded");
    }
    return {};
}

} // namespace poolproof
