#pragma once

#include <QtGlobal>

#include <vector>

namespace poolproof {

enum class RegionKind : quint8 { Comment, String };

// Bits of LexedRegion::flags: what kind of literal a String region is.
namespace RegionFlag {
inline constexpr quint8 RawString = 0x01; // no escapes (raw, verbatim, nowdoc, dollar-quoted, uppercase sigil)
inline constexpr quint8 Interpolated = 0x02; // written with interpolation syntax (even when it has no holes)
inline constexpr quint8 Heredoc = 0x04; // a block literal: heredoc, text block, triple-quoted, YAML block scalar
inline constexpr quint8 Template = 0x08; // a JavaScript template literal
inline constexpr quint8 DollarQuoted = 0x10; // a PostgreSQL dollar-quoted body ($$...$$, $tag$...$tag$)
inline constexpr quint8 Character = 0x20; // a character or rune literal ('a', '\n')
inline constexpr quint8 ByteString = 0x40; // a byte string (b"..." in Python and Rust)
inline constexpr quint8 Sigil = 0x80; // a sigil or percent literal (~s(...), %q(...), %w[...])
} // namespace RegionFlag

// How the escapes inside a literal are written; decodeString resolves them.
enum class EscapeStyle : quint8 {
    None, // raw: every byte is itself
    RawQuote, // raw, but a backslash keeps the next quote from closing (Python r"...")
    Backslash, // C-like escapes; an unknown escape drops the backslash (JS, Java, Go, ...)
    BackslashKeep, // C-like escapes; an unknown escape keeps the backslash (Python, PHP "...")
    QuoteOnly, // only \\ and an escaped delimiter (PHP and Ruby '...', Ruby %q)
    Shell, // only \\ \" \$ \` and line continuation (shell "...")
    Doubled, // a doubled quote stands for one quote ('' in SQL and YAML, "" in C# @"...")
    DoubledBackslash, // both doubled quotes and C-like escapes (PostgreSQL E'...')
    SqlUnicode, // doubled quotes and \XXXX / \+XXXXXX (PostgreSQL U&'...')
    XmlEntities, // &lt; &amp; &#10; ... (XML attribute values)
};

// How the lines of a block literal are laid out; decodeString removes the indentation the
// language removes.
enum class Layout : quint8 {
    Plain, // the content is the value
    TextBlock, // Java text block: common indentation and trailing spaces stripped
    ClosingIndent, // the closing delimiter's indentation is stripped from every line (C# raw, Elixir, PHP)
    LeastIndent, // the least indentation of the non-blank lines is stripped (Ruby <<~)
    YamlLiteral, // YAML '|': indentation of the first line stripped, newlines kept
    YamlFolded, // YAML '>': as '|', but single newlines become spaces
};

// A comment or string literal. Regions are in source order of their begin. A string with
// interpolation holes contains the regions lexed inside its holes; no other regions overlap.
// Ruby heredocs and YAML block scalars are only their body lines (begin == contentBegin): their
// opener (<<~SQL, key: |) and the rest of its line stay code and comments.
struct LexedRegion {
    RegionKind kind = RegionKind::String;
    quint32 begin = 0, end = 0; // the whole token: prefixes and delimiters included
    quint32 contentBegin = 0, contentEnd = 0; // the text between the delimiters
    quint32 firstHole = 0, holeCount = 0; // interpolation holes: indices into LexedFile::holes
    quint8 flags = 0; // RegionFlag bits
    EscapeStyle escape = EscapeStyle::None;
    Layout layout = Layout::Plain;
    bool literalBraces = false; // "{{" and "}}" stand for one brace (Python f-strings, C# $"...")
};

// One interpolation hole of a string: "${name}", "#{x + 1}", "{value!r}", "$name".
struct LexedHole {
    quint32 begin = 0, end = 0; // the whole hole, its delimiters included
    quint32 codeBegin = 0, codeEnd = 0; // the expression inside the delimiters
};

struct LexedFile {
    std::vector<LexedRegion> regions;
    std::vector<LexedHole> holes;
    // The lexer gave up on part of the file: it is larger than 4 GiB (only the start was lexed),
    // or interpolation nests too deep (the deepest holes were skipped by brace counting).
    bool truncated = false;
};

} // namespace poolproof
