#include "languagespec.h"

#include <QLatin1StringView>

#include <optional>
#include <string>
#include <unordered_map>

namespace poolproof {

namespace {

using namespace LanguageFeature;
using Where = LineCommentSyntax::Where;
using enum EscapeStyle;

constexpr LineCommentSyntax slashSlash {.marker = "//"};
constexpr LineCommentSyntax hash {.marker = "#"};
constexpr LineCommentSyntax hashAfterSpace {.marker = "#", .where = Where::AfterSpace};
constexpr BlockCommentSyntax slashStar {.open = "/*", .close = "*/"};
constexpr BlockCommentSyntax nestedSlashStar {.open = "/*", .close = "*/", .nests = true};

// A one-line string with C-like escapes, the most common kind.
constexpr StringSyntax quoted(std::string_view quote, quint8 flags = 0)
{
    return {.open = quote, .close = quote, .flags = flags};
}

constexpr StringSyntax character = quoted("'", RegionFlag::Character);

// Config formats quote values only at their start, and their strings may span lines (YAML).
constexpr StringSyntax valueString(std::string_view quote, EscapeStyle escape, bool multiline)
{
    return {.open = quote,
            .close = quote,
            .escape = escape,
            .multiline = multiline,
            .flags = quint8(escape == None ? RegionFlag::RawString : 0),
            .context = QuoteContext::ValueStart};
}

LanguageSpec languageTable[] = {
    {
        .id = "javascript",
        .aliases = {"typescript", "js", "ts", "jsx", "tsx"},
        .extensions = {"js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"},
        .lineComments = {{slashSlash}},
        .blockComments = {{slashStar}},
        .strings = {{
            {.open = "`",
             .close = "`",
             .interpolation = Interpolation::DollarBrace,
             .multiline = true,
             .flags = RegionFlag::Template | RegionFlag::Interpolated},
            quoted("\""),
            quoted("'"),
        }},
        .features = RegexLiterals,
        .concatenation = {.operators = {"+"}},
    },
    {
        .id = "python",
        .aliases = {"py"},
        .extensions = {"py", "pyi", "pyw"},
        .fileNames = {"SConstruct", "SConscript"},
        .lineComments = {{hash}},
        .strings = {{
            {.open = "\"\"\"",
             .close = "\"\"\"",
             .escape = BackslashKeep,
             .multiline = true,
             .flags = RegionFlag::Heredoc},
            {.open = "'''", .close = "'''", .escape = BackslashKeep, .multiline = true, .flags = RegionFlag::Heredoc},
            {.open = "\"", .close = "\"", .escape = BackslashKeep},
            {.open = "'", .close = "'", .escape = BackslashKeep},
        }},
        .features = PythonPrefixes,
        .concatenation = {.operators = {"+"}, .adjacent = true, .lineContinuation = true},
    },
    {
        .id = "go",
        .aliases = {"golang"},
        .extensions = {"go"},
        .lineComments = {{slashSlash}},
        .blockComments = {{slashStar}},
        .strings = {{
            {.open = "`", .close = "`", .escape = None, .multiline = true, .flags = RegionFlag::RawString},
            quoted("\""),
            character,
        }},
        .concatenation = {.operators = {"+"}},
    },
    {
        .id = "java",
        .extensions = {"java"},
        .lineComments = {{slashSlash}},
        .blockComments = {{slashStar}},
        .strings = {{
            {.open = "\"\"\"",
             .close = "\"\"\"",
             .multiline = true,
             .flags = RegionFlag::Heredoc,
             .layout = Layout::TextBlock,
             .firstNewline = FirstNewline::Required},
            quoted("\""),
            character,
        }},
        .concatenation = {.operators = {"+"}},
    },
    {
        .id = "kotlin",
        .aliases = {"kt"},
        .extensions = {"kt", "kts"},
        .lineComments = {{slashSlash}},
        .blockComments = {{nestedSlashStar}},
        .strings = {{
            {.open = "\"\"\"",
             .close = "\"\"\"",
             .escape = None,
             .interpolation = Interpolation::Kotlin,
             .multiline = true,
             .flags = RegionFlag::RawString | RegionFlag::Heredoc | RegionFlag::Interpolated,
             .greedyClose = true},
            {.open = "\"", .close = "\"", .interpolation = Interpolation::Kotlin, .flags = RegionFlag::Interpolated},
            character,
        }},
        .concatenation = {.operators = {"+"}},
    },
    {
        .id = "ruby",
        .aliases = {"rb"},
        .extensions = {"rb", "rake", "gemspec", "ru", "jbuilder"},
        .fileNames = {"Gemfile", "Rakefile", "Guardfile", "Vagrantfile", "Capfile", "Brewfile", "Podfile"},
        .lineComments = {{hash}},
        .blockComments = {{{.open = "=begin", .close = "=end", .lineStart = true}}},
        .strings = {{
            {.open = "\"",
             .close = "\"",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
            {.open = "'", .close = "'", .escape = QuoteOnly, .multiline = true},
            {.open = "`",
             .close = "`",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
        }},
        .features = RegexLiterals | PercentLiterals | RubyHeredocs | QuestionChars,
        .concatenation = {.operators = {"+"}, .adjacent = true, .lineContinuation = true},
    },
    {
        .id = "elixir",
        .aliases = {"ex", "exs"},
        .extensions = {"ex", "exs"},
        .lineComments = {{hash}},
        .strings = {{
            {.open = "\"\"\"",
             .close = "\"\"\"",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Heredoc | RegionFlag::Interpolated,
             .layout = Layout::ClosingIndent,
             .firstNewline = FirstNewline::Required,
             .closingLine = ClosingLine::LineStart},
            {.open = "'''",
             .close = "'''",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Heredoc | RegionFlag::Interpolated,
             .layout = Layout::ClosingIndent,
             .firstNewline = FirstNewline::Required,
             .closingLine = ClosingLine::LineStart},
            {.open = "\"",
             .close = "\"",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
            {.open = "'",
             .close = "'",
             .interpolation = Interpolation::HashBrace,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
        }},
        .features = ElixirSigils | QuestionChars,
        .concatenation = {.operators = {"<>"}},
    },
    {
        // Every "..." form (verbatim, interpolated, raw) is read by the CSharpStrings scanner.
        .id = "csharp",
        .aliases = {"c#", "cs"},
        .extensions = {"cs", "csx"},
        .lineComments = {{slashSlash}},
        .blockComments = {{slashStar}},
        .strings = {{character}},
        .features = CSharpStrings,
        .concatenation = {.operators = {"+"}},
    },
    {
        // Rust strings may span lines; prefixes and raw hashes come from the RustLiterals scanner,
        // which also tells 'a' (a char) from 'a (a lifetime).
        .id = "rust",
        .aliases = {"rs"},
        .extensions = {"rs"},
        .lineComments = {{slashSlash}},
        .blockComments = {{nestedSlashStar}},
        .strings = {{{.open = "\"", .close = "\"", .multiline = true}}},
        .features = RustLiterals,
    },
    {
        .id = "php",
        .extensions = {"php", "phtml", "php3", "php4", "php5", "php7", "php8", "phps"},
        .lineComments = {{slashSlash, {.marker = "#", .notFollowedBy = '['}}},
        .blockComments = {{slashStar}},
        .strings = {{
            {.open = "'", .close = "'", .escape = QuoteOnly, .multiline = true},
            {.open = "\"",
             .close = "\"",
             .escape = BackslashKeep,
             .interpolation = Interpolation::Php,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
            {.open = "`",
             .close = "`",
             .escape = BackslashKeep,
             .interpolation = Interpolation::Php,
             .multiline = true,
             .flags = RegionFlag::Interpolated},
        }},
        .features = PhpTags | PhpHeredocs,
        .concatenation = {.operators = {"."}},
    },
    {
        .id = "sql",
        .aliases = {"postgresql", "pgsql", "plpgsql"},
        .extensions = {"sql", "psql", "pgsql", "plpgsql", "ddl", "dml"},
        .lineComments = {{{.marker = "--"}}},
        .blockComments = {{nestedSlashStar}},
        .strings = {{
            {.open = "'", .close = "'", .escape = Doubled, .multiline = true},
            {.open = "\"", .close = "\"", .escape = Doubled, .multiline = true, .region = false},
        }},
        .features = DollarQuotes | SqlPrefixes,
        .concatenation = {.operators = {"||"}, .adjacent = true, .adjacentNeedsNewline = true},
    },
    {
        .id = "yaml",
        .aliases = {"yml"},
        .extensions = {"yaml", "yml"},
        .fileNames = {".clang-format", ".clang-tidy"},
        .lineComments = {{hashAfterSpace}},
        .strings = {{valueString("'", Doubled, true), valueString("\"", Backslash, true)}},
        .features = YamlBlockScalars,
    },
    {
        .id = "shell",
        .aliases = {"env", "dotenv", "sh", "bash"},
        .extensions = {"env", "sh", "bash", "zsh", "ksh"},
        .fileNames = {".env", ".envrc", ".flaskenv", ".profile", ".bashrc", ".bash_profile", ".zshrc", ".zshenv"},
        .fileNamePrefixes = {".env."},
        .lineComments = {{hashAfterSpace}},
        .strings = {{
            {.open = "'",
             .close = "'",
             .escape = None,
             .multiline = true,
             .flags = RegionFlag::RawString,
             .context = QuoteContext::NotAfterWord},
            {.open = "\"",
             .close = "\"",
             .escape = Shell,
             .interpolation = Interpolation::Shell,
             .multiline = true,
             .flags = RegionFlag::Interpolated,
             .context = QuoteContext::NotAfterWord},
        }},
    },
    {
        .id = "ini",
        .aliases = {"cfg", "conf"},
        .extensions = {"ini", "cfg", "conf", "cnf"},
        .fileNames = {".editorconfig", ".gitconfig", ".npmrc", ".pypirc", ".pgpass"},
        .lineComments = {{{.marker = ";", .where = Where::AfterSpace}, hashAfterSpace}},
        .strings = {{valueString("\"", Backslash, false), valueString("'", Doubled, false)}},
    },
    {
        .id = "toml",
        .extensions = {"toml"},
        .fileNames = {"Pipfile", "Cargo.lock", "poetry.lock", "uv.lock"},
        .lineComments = {{hash}},
        .strings = {{
            {.open = "\"\"\"",
             .close = "\"\"\"",
             .multiline = true,
             .flags = RegionFlag::Heredoc,
             .firstNewline = FirstNewline::Trim},
            {.open = "'''",
             .close = "'''",
             .escape = None,
             .multiline = true,
             .flags = RegionFlag::Heredoc | RegionFlag::RawString,
             .firstNewline = FirstNewline::Trim},
            quoted("\""),
            {.open = "'", .close = "'", .escape = None, .flags = RegionFlag::RawString},
        }},
    },
    {
        // Values are raw text: no quotes, only whole-line comments.
        .id = "properties",
        .extensions = {"properties"},
        .lineComments = {{{.marker = "#", .where = Where::LineStart}, {.marker = "!", .where = Where::LineStart}}},
        .features = ContinuedLines,
    },
    {
        // Text content is code; attribute values are strings.
        .id = "xml",
        .aliases = {"html"},
        .extensions = {"xml", "csproj", "fsproj", "vbproj", "props", "targets", "config", "nuspec", "resx", "xsd",
                       "xsl", "xslt", "svg", "html", "htm", "xhtml"},
        .blockComments = {{{.open = "<!--", .close = "-->"}}},
        .strings = {{
            {.open = "\"",
             .close = "\"",
             .escape = XmlEntities,
             .multiline = true,
             .context = QuoteContext::AfterEquals},
            {.open = "'", .close = "'", .escape = XmlEntities, .multiline = true, .context = QuoteContext::AfterEquals},
        }},
    },
    {
        .id = "json",
        .extensions = {"json", "webmanifest"},
        .fileNames = {"composer.lock", ".prettierrc"},
        .strings = {{quoted("\"")}},
    },
    {
        // JSON with comments: editor and compiler settings.
        .id = "jsonc",
        .extensions = {"jsonc", "json5"},
        .fileNames = {"tsconfig.json", "jsconfig.json", ".eslintrc.json", ".babelrc", ".eslintrc", "devcontainer.json",
                      "settings.json", "launch.json", "tasks.json", "extensions.json"},
        .lineComments = {{slashSlash}},
        .blockComments = {{slashStar}},
        .strings = {{quoted("\""), quoted("'")}},
    },
};

void setStop(LanguageSpec &spec, uchar byte, quint8 bit)
{
    for (std::array<quint8, 256> &stops : spec.stops)
        stops[byte] |= bit;
}

// Fills LanguageSpec::stops: the code loop skips every byte whose entry is zero.
void deriveStopTables(LanguageSpec &spec)
{
    for (const LineCommentSyntax &comment : spec.lineComments) {
        if (!comment.marker.empty())
            setStop(spec, uchar(comment.marker.front()), StopBit::LineComment);
    }
    for (const BlockCommentSyntax &comment : spec.blockComments) {
        if (!comment.open.empty())
            setStop(spec, uchar(comment.open.front()), StopBit::BlockComment);
    }
    bool formatSpecHoles = false;
    for (const StringSyntax &string : spec.strings) {
        if (string.open.empty())
            continue;
        setStop(spec, uchar(string.open.front()), StopBit::String);
        formatSpecHoles |= string.interpolation == Interpolation::Brace;
    }
    const auto special = [&spec](quint32 feature, std::string_view bytes) {
        if (spec.features & feature) {
            for (const char byte : bytes)
                setStop(spec, uchar(byte), StopBit::Special);
        }
    };
    special(RegexLiterals, "/");
    special(RustLiterals, "'");
    special(CSharpStrings, "\"");
    special(DollarQuotes, "$");
    special(PercentLiterals, "%");
    special(RubyHeredocs, "<");
    special(PhpTags, "?");
    special(PhpHeredocs, "<");
    special(ElixirSigils, "~");
    special(QuestionChars, "?");
    special(YamlBlockScalars, "|>");
    formatSpecHoles |= (spec.features & (CSharpStrings | PythonPrefixes)) != 0;

    for (int pending = 0; pending < 2; ++pending) {
        std::array<quint8, 256> &hole = spec.stops[2 + pending];
        hole[uchar('{')] |= StopBit::Hole;
        hole[uchar('}')] |= StopBit::Hole;
        if (formatSpecHoles) {
            // A ':' outside brackets starts the format spec; a newline may end a one-line string.
            for (const char byte : std::string_view("()[]:\n"))
                hole[uchar(byte)] |= StopBit::Hole;
        }
        spec.stops[1 + 2 * pending][uchar('\n')] |= StopBit::Newline;
    }
    for (size_t table = 0; table < spec.stops.size(); ++table) {
        size_t count = 0;
        for (int byte = 0; byte < 256; ++byte) {
            if (!spec.stops[table][size_t(byte)])
                continue;
            if (count < spec.stopVectors[table].size())
                spec.stopVectors[table][count].fill(uchar(byte));
            ++count;
        }
        spec.stopByteCount[table] = count <= spec.stopVectors[table].size() ? quint8(count) : 0;
    }
}

std::span<LanguageSpec> finishedTable()
{
    static const bool derived = [] {
        for (LanguageSpec &spec : languageTable)
            deriveStopTables(spec);
        return true;
    }();
    Q_UNUSED(derived);
    return languageTable;
}

bool equalsIgnoringCase(QStringView text, std::string_view name)
{
    return text.compare(QLatin1StringView(name.data(), qsizetype(name.size())), Qt::CaseInsensitive) == 0;
}

bool startsWithIgnoringCase(QStringView text, std::string_view name)
{
    return text.startsWith(QLatin1StringView(name.data(), qsizetype(name.size())), Qt::CaseInsensitive);
}

template<std::size_t N> bool containsName(const std::array<std::string_view, N> &names, QStringView text)
{
    for (const std::string_view name : names) {
        if (name.empty())
            break;
        if (equalsIgnoringCase(text, name))
            return true;
    }
    return false;
}

} // namespace

std::span<const LanguageSpec> allLanguages()
{
    return finishedTable();
}

namespace {

// Every language's exact file names and extensions in lower case, for one look-up per file name
// instead of a comparison with each: a scan asks for every file of the repository. The first
// language that lists a name keeps it, as the table's order decides.
struct NameIndex {
    std::unordered_map<std::string, const LanguageSpec *> names;
    std::unordered_map<std::string, const LanguageSpec *> extensions;
};

std::string asciiLower(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    return out;
}

const NameIndex &nameIndex()
{
    static const NameIndex index = [] {
        NameIndex out;
        for (const LanguageSpec &spec : allLanguages()) {
            for (const std::string_view name : spec.fileNames) {
                if (name.empty())
                    break;
                out.names.emplace(asciiLower(name), &spec); // keeps an earlier language's entry
            }
            for (const std::string_view extension : spec.extensions) {
                if (extension.empty())
                    break;
                out.extensions.emplace(asciiLower(extension), &spec);
            }
        }
        return out;
    }();
    return index;
}

// The ASCII lower case of text; nullopt when text holds anything else, which then goes through
// the full Unicode case comparison.
std::optional<std::string> asciiLowerKey(QStringView text)
{
    std::string key(size_t(text.size()), '\0');
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80)
            return std::nullopt;
        key[size_t(i)] = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : char(c);
    }
    return key;
}

} // namespace

const LanguageSpec *languageForFileName(QStringView fileName)
{
    const qsizetype slash = std::max(fileName.lastIndexOf(u'/'), fileName.lastIndexOf(u'\\'));
    const QStringView name = fileName.mid(slash + 1);
    if (name.isEmpty())
        return nullptr;
    const std::span<const LanguageSpec> languages = allLanguages();
    if (const std::optional<std::string> key = asciiLowerKey(name)) {
        const NameIndex &index = nameIndex();
        if (const auto exact = index.names.find(*key); exact != index.names.end())
            return exact->second;
        for (const LanguageSpec &spec : languages) {
            for (const std::string_view prefix : spec.fileNamePrefixes) {
                if (!prefix.empty() && startsWithIgnoringCase(name, prefix))
                    return &spec;
            }
        }
        const size_t dot = key->rfind('.');
        if (dot == std::string::npos)
            return nullptr;
        const auto extension = index.extensions.find(key->substr(dot + 1));
        return extension != index.extensions.end() ? extension->second : nullptr;
    }
    // Exact names first: tsconfig.json is JSON with comments, not plain JSON.
    for (const LanguageSpec &spec : languages) {
        if (containsName(spec.fileNames, name))
            return &spec;
    }
    for (const LanguageSpec &spec : languages) {
        for (const std::string_view prefix : spec.fileNamePrefixes) {
            if (!prefix.empty() && startsWithIgnoringCase(name, prefix))
                return &spec;
        }
    }
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot < 0)
        return nullptr;
    const QStringView extension = name.mid(dot + 1);
    for (const LanguageSpec &spec : languages) {
        if (containsName(spec.extensions, extension))
            return &spec;
    }
    return nullptr;
}

const LanguageSpec *languageById(QStringView id)
{
    for (const LanguageSpec &spec : allLanguages()) {
        if (equalsIgnoringCase(id, spec.id) || containsName(spec.aliases, id))
            return &spec;
    }
    return nullptr;
}

QString languageId(const LanguageSpec &language)
{
    return QString::fromLatin1(language.id.data(), qsizetype(language.id.size()));
}

} // namespace poolproof
