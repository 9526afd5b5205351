#include "repositorywalker.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

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
    bool isExcluded(const QString &relativePath) const;
    void addFile(const QString &relativePath);

    QString m_root;
    WalkOptions m_options;
    WalkResult m_result;
    // Excludes split by shape: most are plain names or "*.suffix", which need no regex.
    QSet<QString> m_excludeNames;
    QStringList m_excludeSuffixes;
    QList<QRegularExpression> m_excludePatterns;
};

QRegularExpression globPattern(const QString &glob)
{
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(glob, QRegularExpression::UnanchoredWildcardConversion)
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
        if (!glob.contains(wildcard))
            m_excludeNames.insert(glob);
        else if (glob.startsWith(u"*.") && !glob.mid(1).contains(wildcard))
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
    paths.sort();
    paths.removeDuplicates();
    for (const QString &path : std::as_const(paths)) {
        if (!isExcluded(path))
            addFile(path);
    }
    return m_result;
}

bool Walker::runGit(const QStringList &arguments, QByteArray *output)
{
    QProcess git;
    git.setProgram(m_options.gitExecutable);
    // The audited repository's own configuration must not make git run anything (core.fsmonitor
    // names a program git would start), nor slow the listing down.
    git.setArguments(QStringList{QStringLiteral("-c"), QStringLiteral("core.fsmonitor=false"), QStringLiteral("-c"),
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
            m_result.notes.append({ScanNote::Kind::GitWarning, QString(), tr("git: %1").arg(QString::fromUtf8(line.trimmed()))});
    }
    *output = out;
    return true;
}

bool Walker::listWithGit(QStringList *paths)
{
    QByteArray output;
    // Inside a work tree: tracked files and untracked ones that are not ignored, below the root.
    bool listed = runGit({QStringLiteral("-C"), m_root, QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--cached"),
                          QStringLiteral("--others"), QStringLiteral("--exclude-standard")},
                         &output);
    if (!listed) {
        // Not a repository: let git apply the same ignore rules through an empty repository.
        QTemporaryDir gitDir;
        QByteArray ignored;
        if (!gitDir.isValid()
            || !runGit({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), gitDir.path()}, &ignored)) {
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

bool Walker::isExcluded(const QString &relativePath) const
{
    const QStringList parts = relativePath.split(u'/');
    for (const QString &part : parts) {
        if (m_excludeNames.contains(part))
            return true;
    }
    for (const QString &suffix : m_excludeSuffixes) {
        if (parts.last().endsWith(suffix))
            return true;
    }
    for (const QRegularExpression &pattern : m_excludePatterns) {
        if (pattern.match(relativePath).hasMatch())
            return true;
        for (const QString &part : parts) {
            if (pattern.match(part).hasMatch())
                return true;
        }
    }
    return false;
}

void Walker::addFile(const QString &relativePath)
{
    const QString absolute = m_root + u'/' + relativePath;
    const QFileInfo info(absolute);
    if (info.isSymLink()) {
        m_result.notes.append({ScanNote::Kind::SymbolicLink, relativePath,
                               tr("symbolic link not followed (to %1)").arg(info.symLinkTarget())});
        return;
    }
    if (!info.exists()) {
        // Listed by git but gone from the work tree (deleted, or removed while scanning).
        m_result.notes.append({ScanNote::Kind::Unreadable, relativePath, tr("listed by git but missing on disk")});
        return;
    }
    if (info.isDir())
        return; // a submodule: its own repository
    if (!info.isFile()) {
        m_result.notes.append({ScanNote::Kind::Unreadable, relativePath, tr("not a regular file")});
        return;
    }
    m_result.files.append({relativePath, absolute, info.size()});
}

} // namespace

QStringList defaultExcludes()
{
    return {QStringLiteral(".git"),         QStringLiteral("node_modules"),  QStringLiteral("bower_components"),
            QStringLiteral("vendor"),       QStringLiteral("dist"),          QStringLiteral("build"),
            QStringLiteral("out"),          QStringLiteral("target"),        QStringLiteral(".next"),
            QStringLiteral(".nuxt"),        QStringLiteral("coverage"),      QStringLiteral("__pycache__"),
            QStringLiteral(".venv"),        QStringLiteral("venv"),          QStringLiteral(".tox"),
            QStringLiteral("*.min.js"),     QStringLiteral("*.min.mjs"),     QStringLiteral("*.min.css"),
            QStringLiteral("*.bundle.js"),  QStringLiteral("*.chunk.js"),    QStringLiteral("*.map"),
            QStringLiteral("package-lock.json"), QStringLiteral("yarn.lock"), QStringLiteral("pnpm-lock.yaml")};
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
