#pragma once

#include "lexedfile.h"

#include <QString>
#include <QStringView>

#include <array>
#include <span>
#include <string_view>

namespace poolproof {

// How text inside a string literal refers to code.
enum class Interpolation : quint8 {
    None,
    DollarBrace, // ${expr} (JavaScript templates)
    HashBrace, // #{expr} (Ruby, Elixir)
    Brace, // {expr}, with a ':' format spec (Python f-strings, C# $"...")
    Kotlin, // ${expr} and $name
    Php, // $name, $name[key], $name->prop, {$expr}, ${expr}
    Shell, // ${name}, $(command), $name
};

// Where a quote may open a string. Config formats only quote whole values, so a quote in the
// middle of an unquoted value ("it's") is text.
enum class QuoteContext : quint8 {
    Anywhere,
    ValueStart, // at line start, or after = : , [ { ( or a '- ' / '? ' indicator (YAML, INI)
    AfterEquals, // after '=' (XML attribute values)
    NotAfterWord, // not right after a letter or digit (shell words)
};

// What must come right after a block literal's opening delimiter.
enum class FirstNewline : quint8 {
    Keep, // nothing special: the content starts after the delimiter
    Trim, // a newline right after the delimiter is not part of the content (TOML)
    Required, // the delimiter must end its line; the content starts on the next (Java, Elixir)
};

// How a string's content ends relative to its closing delimiter.
enum class ClosingLine : quint8 {
    AtDelimiter, // the content ends where the delimiter starts
    LineStart, // a delimiter alone on its line: the content ends at that line's start (Elixir)
    BeforeNewline, // a delimiter alone on its line: the newline before it is not content (C# raw, PHP)
};

struct LineCommentSyntax {
    enum class Where : quint8 {
        Anywhere,
        AfterSpace, // at line start or after whitespace (YAML, shell, INI: "a#b" is text)
        LineStart, // only as the first non-blank character of a line (Java properties)
    };
    std::string_view marker;
    Where where = Where::Anywhere;
    char notFollowedBy = 0; // PHP: "#[" starts an attribute, not a comment
};

struct BlockCommentSyntax {
    std::string_view open, close;
    bool nests = false; // Rust, Kotlin, SQL: /* /* */ */ is one comment
    bool lineStart = false; // both delimiters must start a line and stand alone (Ruby =begin/=end)
};

struct StringSyntax {
    std::string_view open, close;
    EscapeStyle escape = EscapeStyle::Backslash;
    Interpolation interpolation = Interpolation::None;
    bool multiline = false; // otherwise an unterminated string ends at the end of its line
    quint8 flags = 0; // RegionFlag bits every such literal gets
    Layout layout = Layout::Plain;
    QuoteContext context = QuoteContext::Anywhere;
    FirstNewline firstNewline = FirstNewline::Keep;
    ClosingLine closingLine = ClosingLine::AtDelimiter;
    bool greedyClose = false; // extra quotes before the delimiter belong to the content (Kotlin """a"""")
    bool region = true; // false: a quoted identifier, skipped but not a string (SQL "name")
};

// Constructs whose rules are not a plain pair of delimiters; each is handled by its own scanner.
namespace LanguageFeature {
inline constexpr quint32 RegexLiterals = 1u << 0; // /.../ where an operand may start (JS, Ruby)
inline constexpr quint32 PythonPrefixes = 1u << 1; // r b f t u rb br fr rf ... before a quote
inline constexpr quint32 RustLiterals = 1u << 2; // r"..", r#".."#, b"..", br"..", c"..", chars vs lifetimes
inline constexpr quint32 CSharpStrings = 1u << 3; // @"..", $"..", $@"..", """raw""", $$"""..{{x}}.."""
inline constexpr quint32 SqlPrefixes = 1u << 4; // E'..', U&'..', B'..', X'..', N'..'
inline constexpr quint32 DollarQuotes = 1u << 5; // $$..$$, $tag$..$tag$
inline constexpr quint32 PercentLiterals = 1u << 6; // Ruby %q(..), %Q{..}, %w[..], %(..)
inline constexpr quint32 RubyHeredocs = 1u << 7; // <<~SQL, <<-SQL, <<SQL, <<~'SQL': body on the next line
inline constexpr quint32 PhpTags = 1u << 8; // code only between <?php and ?>
inline constexpr quint32 PhpHeredocs = 1u << 9; // <<<SQL .. SQL; and <<<'SQL' nowdocs
inline constexpr quint32 ElixirSigils = 1u << 10; // ~s(..), ~S"""..""", ~r/../, ~w[..]
inline constexpr quint32 QuestionChars = 1u << 11; // ?a character literals (Ruby, Elixir): ?" is no string
inline constexpr quint32 YamlBlockScalars = 1u << 12; // key: | and key: > followed by indented lines
inline constexpr quint32 ContinuedLines = 1u << 13; // a line ending in '\' continues (Java properties)
} // namespace LanguageFeature

// How a language joins string literals into one.
struct ConcatenationSyntax {
    std::array<std::string_view, 2> operators {}; // "+", ".", "<>", "||"
    bool adjacent = false; // "a" "b" is "ab" (Python, Ruby)
    bool adjacentNeedsNewline = false; // only across a newline (SQL)
    bool lineContinuation = false; // a backslash-newline may stand between the literals (Python, Ruby)
};

// Bits of the per-byte tables the code loop stops on.
namespace StopBit {
inline constexpr quint8 BlockComment = 0x01;
inline constexpr quint8 LineComment = 0x02;
inline constexpr quint8 String = 0x04;
inline constexpr quint8 Special = 0x08; // a LanguageFeature scanner
inline constexpr quint8 Hole = 0x10; // a brace (or bracket, colon, newline) that matters inside a hole
inline constexpr quint8 Newline = 0x20; // a heredoc body starts after this newline
} // namespace StopBit

// One entry of the language table (languages.cpp). Arrays end at their first empty entry.
struct LanguageSpec {
    std::string_view id;
    std::array<std::string_view, 5> aliases {};
    std::array<std::string_view, 16> extensions {}; // lower case, without the dot
    std::array<std::string_view, 10> fileNames {}; // exact names, compared without case
    std::array<std::string_view, 2> fileNamePrefixes {}; // ".env." matches .env.production
    std::array<LineCommentSyntax, 3> lineComments {};
    std::array<BlockCommentSyntax, 2> blockComments {};
    std::array<StringSyntax, 6> strings {}; // tried in order: longer openers first
    quint32 features = 0; // LanguageFeature bits
    ConcatenationSyntax concatenation {};

    // Derived from the fields above when the table is first used: for each byte, what the code
    // loop must look at (StopBit). [0] code, [1] code with heredocs pending, [2] and [3] the
    // same inside an interpolation hole.
    std::array<std::array<quint8, 256>, 4> stops {};
    // The same sets for a vectorised search: each byte repeated sixteen times, ready to compare
    // with a block of source; a count of 0 means too many bytes.
    alignas(16) std::array<std::array<std::array<uchar, 16>, 12>, 4> stopVectors {};
    std::array<quint8, 4> stopByteCount {};
};

// The language of a file: by exact name, name prefix or extension (the path may include
// directories). nullptr when the file is not one the lexer knows.
const LanguageSpec *languageForFileName(QStringView fileName);
// By id ("python") or alias ("py", "typescript"); nullptr if unknown.
const LanguageSpec *languageById(QStringView id);
QString languageId(const LanguageSpec &language);
// Every language, in table order.
std::span<const LanguageSpec> allLanguages();

} // namespace poolproof
