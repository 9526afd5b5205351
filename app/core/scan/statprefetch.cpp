#include "statprefetch.h"

#include <QFile>

#include <algorithm>
#include <memory_resource>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace poolproof {

namespace {

// A bound on the cache, so that a huge ignored tree cannot make it grow without end; past it the
// walk looks paths up as it did without the cache.
constexpr size_t maxEntries = 1'000'000;

struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view> {}(text); }
};

} // namespace

struct StatPrefetch::Data {
    QByteArray root;
    std::vector<std::string> skippedNames;
    // The paths and the table's nodes live in one arena, filled by the walk's thread alone: close
    // together for the lookups, and freed at once rather than path by path.
    std::pmr::monotonic_buffer_resource arena;
    std::pmr::unordered_map<std::pmr::string, PathKind, TransparentHash, std::equal_to<>> kinds {&arena};
    std::thread thread;
};

StatPrefetch::StatPrefetch(const QString &root, const QStringList &skippedNames)
    : m_data(std::make_unique<Data>())
{
    m_data->root = QFile::encodeName(root);
    for (const QString &name : skippedNames)
        m_data->skippedNames.push_back(QFile::encodeName(name).toStdString());
}

StatPrefetch::~StatPrefetch()
{
    stop();
}

void StatPrefetch::start()
{
#ifdef Q_OS_UNIX
    if (!m_data->thread.joinable())
        m_data->thread = std::thread([this] { run(); });
#endif
}

void StatPrefetch::stop()
{
    m_stop = true;
    if (m_data->thread.joinable())
        m_data->thread.join();
}

void StatPrefetch::waitForDone()
{
    if (m_data->thread.joinable())
        m_data->thread.join();
}

void StatPrefetch::run()
{
#ifdef Q_OS_UNIX
    const int rootFd = ::open(m_data->root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0)
        return;
    // Folders still to read, by path below the root ("" is the root, else "a/b/"); opened one at a
    // time, so that a folder with many subfolders does not hold a descriptor for each.
    std::vector<std::string> folders {std::string()};
    auto &kinds = m_data->kinds;
    kinds.reserve(32768); // a mid-sized repository's files without growing the table on the way
    while (!folders.empty() && !m_stop.load(std::memory_order_relaxed) && kinds.size() < maxEntries) {
        const std::string prefix = std::move(folders.back());
        folders.pop_back();
        const int fd = prefix.empty()
            ? ::dup(rootFd)
            : ::openat(rootFd, prefix.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        DIR *dir = ::fdopendir(fd);
        if (!dir) {
            ::close(fd);
            continue;
        }
        while (const dirent *entry = ::readdir(dir)) {
            const std::string_view name(entry->d_name);
            if (name == "." || name == "..")
                continue;
            PathKind kind;
            // The entry's type saves a stat() for links and folders; a file's size needs one.
            if (entry->d_type == DT_LNK) {
                kind.kind = PathKind::SymbolicLink;
            } else if (entry->d_type == DT_DIR) {
                kind.kind = PathKind::Folder;
            } else {
                struct stat info {};
                if (::fstatat(::dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                kind.kind = pathKindOf(info.st_mode);
                kind.size = qint64(info.st_size);
            }
            std::string path = prefix;
            path += name;
            if (kind.kind == PathKind::Folder
                && std::find(m_data->skippedNames.cbegin(), m_data->skippedNames.cend(), name)
                    == m_data->skippedNames.cend())
                folders.push_back(path + '/');
            kinds.emplace(std::string_view(path), kind);
            if (m_stop.load(std::memory_order_relaxed))
                break;
        }
        ::closedir(dir);
    }
    ::close(rootFd);
#endif
}

std::optional<PathKind> StatPrefetch::find(QStringView relativePath) const
{
    const auto &kinds = m_data->kinds;
    if (kinds.empty())
        return std::nullopt;
    // Most paths are ASCII: their bytes go straight into a buffer on the stack.
    char buffer[512];
    std::string_view key;
    QByteArray encoded;
    if (relativePath.size() <= qsizetype(sizeof buffer)
        && std::all_of(relativePath.begin(), relativePath.end(), [](QChar c) { return c.unicode() < 0x80; })) {
        for (qsizetype i = 0; i < relativePath.size(); ++i)
            buffer[i] = char(relativePath[i].unicode());
        key = std::string_view(buffer, size_t(relativePath.size()));
    } else {
        encoded = QFile::encodeName(relativePath.toString());
        key = std::string_view(encoded.constData(), size_t(encoded.size()));
    }
    const auto found = kinds.find(key);
    if (found == kinds.end())
        return std::nullopt;
    return found->second;
}

qsizetype StatPrefetch::size() const
{
    return qsizetype(m_data->kinds.size());
}

} // namespace poolproof
