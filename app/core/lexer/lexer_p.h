#pragma once

// The lexer's internals, shared by the lex*.cpp files. Not part of the public API.

#include "byteskip.h"
#include "languagespec.h"
#include "lexedfile.h"

#include <QByteArrayView>

#include <array>
#include <cstring>
#include <limits>

namespace poolproof::lexing {

// Interpolation holes nest through strings inside holes; deeper holes are skipped by brace
// counting so that hostile input cannot exhaust the stack.
constexpr int maxNesting = 48;
// Longer heredoc and dollar-quote tags are not taken as tags: comparing them on every line or
// '$' could turn hostile input quadratic.
constexpr quint32 maxTagLength = 256;
// Offsets are 32-bit. Larger sources are cut here, with room left so that looking a few bytes
// ahead of any position cannot wrap around.
constexpr quint32 maxSourceSize = std::numeric_limits<quint32>::max() - 4096;

inline bool isIdentifierByte(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

inline bool isIdentifierStart(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

inline bool isAsciiLetter(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline bool isBlank(uchar c)
{
    return c == ' ' || c == '\t';
}

inline bool isSpace(uchar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What the code loop is scanning when it lexes the expression inside an interpolation hole.
struct HoleRules {
    bool formatSpec = false; // Python f-strings and C#: a top-level ':' starts a format spec
    bool stopAtNewline = false; // the enclosing string cannot span lines
};

// Everything the string scanner needs once a literal's opener has been read.
struct StringScan {
    quint32 begin = 0; // start of the token, prefixes included
    quint32 contentBegin = 0;
    uchar close = '"'; // first byte of the closing delimiter
    uchar closeRest = 0; // the byte repeated after it ("""  "##), if closeRestCount > 0
    quint32 closeRestCount = 0;
    uchar nestOpen = 0; // a bracket delimiter that nests (Ruby %q( ( ) )), 0 for none
    EscapeStyle escape = EscapeStyle::Backslash;
    Interpolation interpolation = Interpolation::None;
    quint32 holeBraces = 1; // braces that open a C# raw interpolation hole ($$"""{{x}}""")
    bool multiline = false;
    bool greedyClose = false;
    bool literalBraces = false;
    bool region = true;
    quint8 flags = 0;
    Layout layout = Layout::Plain;
    ClosingLine closingLine = ClosingLine::AtDelimiter;
};

// What ends a run of a simple string's content (scanSimpleString): the closing byte, and the
// backslash and the newline where they apply; -1 where they do not.
struct SimpleStops {
    int close = 0;
    int slash = -1;
    int newline = -1;
    bool doubled = false; // a doubled closing byte stands for one
#if defined(__SSE2__)
    __m128i needles[3] {}; // the three bytes broadcast, the closing one in place of one that does not apply
#endif
};

// A string syntax made ready once per file: the scan of its literals before their position and
// prefix are known, and what the common case needs besides.
struct StringPlan {
    StringScan scan;
    SimpleStops stops;
    uchar first = 0; // the opener's first byte
    quint8 openLength = 0;
    bool simple = false; // isSimpleString(scan)
};

// A heredoc whose opener was read; its body starts on the next line.
struct PendingHeredoc {
    quint32 tagBegin = 0, tagLength = 0;
    bool indentedTerminator = false; // <<- and <<~
    bool squiggly = false; // <<~ strips the least indentation
    bool raw = false; // <<~'SQL': no escapes, no interpolation
};

class Lexer
{
public:
    Lexer(const LanguageSpec &language, QByteArrayView source, LexedFile &out);
    void run();

private:
    enum class Floor : quint8 { Start, String, Comment };

    // lexer.cpp: the code loop
    quint32 lexCode(quint32 pos, const HoleRules *hole);
    quint32 lexToken(quint32 pos, quint8 stops);
    quint32 lexSpecial(quint32 pos);
    quint32 skipFormatSpec(quint32 pos, const HoleRules &hole) const;
    quint32 skipInlineHtml(quint32 pos) const;

    // lexcomments.cpp
    bool lineCommentStartsAt(quint32 pos, const LineCommentSyntax &syntax) const;
    bool blockCommentStartsAt(quint32 pos, const BlockCommentSyntax &syntax) const;
    quint32 lexLineComment(quint32 pos, quint32 markerLength);
    quint32 lexBlockComment(quint32 pos, const BlockCommentSyntax &syntax);

    // lexstrings.cpp: delimited strings and their holes
    quint32 lexStrings(quint32 pos);
    quint32 lexString(quint32 pos, size_t index);
    quint32 scanString(const StringScan &scan);
    quint32 scanSimpleString(const StringScan &scan, const SimpleStops &stops);
    quint32 lexHole(quint32 pos, const StringScan &scan);
    quint32 lexCodeHole(quint32 holeBegin, quint32 codeBegin, quint32 closeBraces, const HoleRules &rules);
    quint32 skipBalanced(quint32 pos, uchar open, uchar close, bool stopAtNewline) const;
    void applyPythonPrefix(StringScan &scan) const;
    void applyRustPrefix(StringScan &scan) const;
    void applySqlPrefix(StringScan &scan) const;
    quint32 lexCSharpString(quint32 pos);
    quint32 lexRustChar(quint32 pos);
    quint32 lexDollarQuote(quint32 pos);

    // lexheredocs.cpp: literals whose body is a run of lines
    quint32 openRubyHeredoc(quint32 pos);
    quint32 lexPendingHeredocs(quint32 pos);
    quint32 lexPhpHeredoc(quint32 pos);
    quint32 lexYamlBlockScalar(quint32 pos);
    quint32 scanBodyLine(quint32 pos, const StringScan &scan);

    // lexsigils.cpp: literals with a chosen delimiter
    quint32 lexPercentLiteral(quint32 pos);
    quint32 lexSigil(quint32 pos);
    quint32 skipQuestionChar(quint32 pos) const;

    // lexcontext.cpp: looking back at what came before a byte
    bool regexAllowedAt(quint32 pos) const;
    quint32 skipRegex(quint32 pos);
    bool quoteAllowedAt(quint32 pos, QuoteContext context) const;
    bool atLineStart(quint32 pos) const;
    bool onlyBlanksBefore(quint32 pos) const;

    // helpers
    uchar at(quint32 pos) const { return pos < m_size ? m_src[pos] : 0; }
    bool matchAt(quint32 pos, std::string_view text) const
    {
        // Delimiters are a few bytes: a loop beats a call to memcmp.
        if (pos > m_size || m_size - pos < text.size())
            return false;
        for (size_t i = 0; i < text.size(); ++i) {
            if (m_src[pos + i] != uchar(text[i]))
                return false;
        }
        return true;
    }
    quint32 findByte(quint32 from, uchar byte) const
    {
        if (from >= m_size)
            return m_size;
        const void *hit = std::memchr(m_src + from, byte, m_size - from);
        return hit ? quint32(static_cast<const uchar *>(hit) - m_src) : m_size;
    }
    quint32 findText(quint32 from, std::string_view text) const;
    quint32 lineEnd(quint32 from) const { return findByte(from, '\n'); }
    quint32 trimCarriageReturn(quint32 begin, quint32 end) const
    {
        return end > begin && m_src[end - 1] == '\r' ? end - 1 : end;
    }
    quint32 skipEscape(quint32 pos) const;
    quint32 skipPlain(int table, quint32 pos) const;
    static std::array<StringPlan, std::tuple_size_v<decltype(LanguageSpec::strings)>>
    plansFor(const LanguageSpec &language);
    void addRegion(const LexedRegion &region)
    {
        m_out.regions.push_back(region);
        m_floor = region.end;
        m_floorKind = region.kind == RegionKind::Comment ? Floor::Comment : Floor::String;
    }
    quint32 beginStringRegion();
    void finishStringRegion(quint32 index, size_t holeMark, const LexedRegion &region);

    const LanguageSpec &m_spec;
    const uchar *m_src;
    quint32 m_size;
    LexedFile &m_out;
    int m_depth = 0;
    // Lookbacks (prefixes, regex context) never read before m_floor: the end of the last region
    // or the start of the current hole.
    quint32 m_floor = 0;
    Floor m_floorKind = Floor::Start;
    std::vector<LexedHole> m_holeStack;
    std::vector<PendingHeredoc> m_heredocs;
    // A '/' that looked like a regex but found no end blocks regexes up to this line's end, so
    // that a line of unclosed regexes is scanned once, not once per '/'.
    quint32 m_noRegexBefore = 0;
    // The language's string syntaxes made ready (planFor): once per language of the built-in
    // table, shared by every file; once per file for any other language.
    using StringPlans = std::array<StringPlan, std::tuple_size_v<decltype(LanguageSpec::strings)>>;
    StringPlans m_ownPlans {};
    const StringPlan *m_stringPlans = nullptr;
    quint32 m_stringCount = 0;
};

StringPlan planFor(const StringSyntax &syntax);

} // namespace poolproof::lexing

namespace poolproof::lexing {

// The length of the UTF-8 sequence at pos, or 1 when it is not a valid, complete one.
inline quint32 utf8SequenceLength(const uchar *src, quint32 pos, quint32 size)
{
    const uchar lead = src[pos];
    quint32 length = 1;
    if ((lead & 0xE0) == 0xC0)
        length = 2;
    else if ((lead & 0xF0) == 0xE0)
        length = 3;
    else if ((lead & 0xF8) == 0xF0)
        length = 4;
    if (size - pos < length)
        return 1;
    for (quint32 i = 1; i < length; ++i) {
        if ((src[pos + i] & 0xC0) != 0x80)
            return 1;
    }
    return length;
}

// The bytes at which a string with this interpolation may open a hole; -1 for none.
struct HoleTriggers {
    int first = -1;
    int second = -1;
};

inline HoleTriggers holeTriggers(Interpolation interpolation)
{
    switch (interpolation) {
    case Interpolation::None: return {};
    case Interpolation::DollarBrace:
    case Interpolation::Kotlin:
    case Interpolation::Shell: return {'$', -1};
    case Interpolation::HashBrace: return {'#', -1};
    case Interpolation::Brace: return {'{', -1};
    case Interpolation::Php: return {'$', '{'};
    }
    return {};
}

inline bool backslashEscapes(EscapeStyle escape)
{
    return escape != EscapeStyle::None && escape != EscapeStyle::Doubled && escape != EscapeStyle::SqlUnicode
        && escape != EscapeStyle::XmlEntities;
}

inline bool doubledQuotes(EscapeStyle escape)
{
    return escape == EscapeStyle::Doubled || escape == EscapeStyle::DoubledBackslash
        || escape == EscapeStyle::SqlUnicode;
}

} // namespace poolproof::lexing
