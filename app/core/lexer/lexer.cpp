#include "lexer.h"

#include "byteskip.h"
#include "lexer_p.h"

#include <limits>
#include <span>
#include <vector>

namespace poolproof {

LexedFile lex(const LanguageSpec &language, QByteArrayView source)
{
    LexedFile file;
    lexing::Lexer(language, source, file).run();
    return file;
}

namespace lexing {

Lexer::Lexer(const LanguageSpec &language, QByteArrayView source, LexedFile &out)
    : m_spec(language)
    , m_src(reinterpret_cast<const uchar *>(source.data()))
    , m_size(0)
    , m_out(out)
{
    // A larger file is lexed up to the limit and flagged.
    if (source.size() > qsizetype(maxSourceSize)) {
        m_size = maxSourceSize;
        out.truncated = true;
    } else {
        m_size = quint32(source.size());
    }
    // Typical code has a comment or string every few dozen bytes; reserving avoids most regrowth.
    out.regions.reserve(m_size / 48 + 8);
    while (m_stringCount < language.strings.size() && !language.strings[m_stringCount].open.empty())
        ++m_stringCount;
    const std::span<const LanguageSpec> table = allLanguages();
    const auto *first = table.data();
    if (&language >= first && &language < first + table.size()) {
        static const std::vector<StringPlans> builtinPlans = [] {
            std::vector<StringPlans> all;
            for (const LanguageSpec &spec : allLanguages())
                all.push_back(plansFor(spec));
            return all;
        }();
        m_stringPlans = builtinPlans[size_t(&language - first)].data();
    } else {
        m_ownPlans = plansFor(language);
        m_stringPlans = m_ownPlans.data();
    }
}

Lexer::StringPlans Lexer::plansFor(const LanguageSpec &language)
{
    StringPlans plans {};
    for (size_t i = 0; i < plans.size() && !language.strings[i].open.empty(); ++i)
        plans[i] = planFor(language.strings[i]);
    return plans;
}

void Lexer::run()
{
    quint32 pos = 0;
    if (m_spec.features & LanguageFeature::PhpTags)
        pos = skipInlineHtml(0);
    lexCode(pos, nullptr);
}

// The hot loop: skip bytes that cannot start anything, then look at the one that might. Inside a
// hole it also counts braces and returns at the '}' that closes the hole (or the format spec's
// end), or at a newline when the enclosing string cannot span lines.
quint32 Lexer::lexCode(quint32 pos, const HoleRules *hole)
{
    int braces = 0;
    int brackets = 0;
    for (;;) {
        const int table = (hole ? 2 : 0) + (m_heredocs.empty() ? 0 : 1);
        const quint8 *stops = m_spec.stops[size_t(table)].data();
        pos = skipPlain(table, pos);
        if (pos >= m_size)
            return m_size;
        const uchar c = m_src[pos];
        const quint8 what = stops[c];
        if (what & StopBit::Hole) {
            switch (c) {
            case '{':
                ++braces;
                ++pos;
                continue;
            case '}':
                if (braces == 0)
                    return pos;
                --braces;
                ++pos;
                continue;
            case '(':
            case '[':
                ++brackets;
                ++pos;
                continue;
            case ')':
            case ']':
                brackets = std::max(0, brackets - 1);
                ++pos;
                continue;
            case ':':
                if (at(pos + 1) == ':') { // C# global::Name
                    pos += 2;
                    continue;
                }
                if (hole->formatSpec && braces == 0 && brackets == 0)
                    return skipFormatSpec(pos + 1, *hole);
                ++pos;
                continue;
            case '\n':
                if (hole->stopAtNewline)
                    return pos;
                break;
            default: break;
            }
        }
        if (c == '\n') { // only ever a stop for pending heredocs or a hole's line end
            pos = m_heredocs.empty() ? pos + 1 : lexPendingHeredocs(pos + 1);
            continue;
        }
        // Most stops are quotes: those go straight to the string scanner.
        pos = what == StopBit::String ? lexStrings(pos) : lexToken(pos, what);
    }
}

quint32 Lexer::lexToken(quint32 pos, quint8 stops)
{
    const uchar c = m_src[pos];
    if (stops & StopBit::BlockComment) {
        for (const BlockCommentSyntax &syntax : m_spec.blockComments) {
            if (syntax.open.empty())
                break;
            if (uchar(syntax.open.front()) == c && blockCommentStartsAt(pos, syntax))
                return lexBlockComment(pos, syntax);
        }
    }
    if (stops & StopBit::LineComment) {
        for (const LineCommentSyntax &syntax : m_spec.lineComments) {
            if (syntax.marker.empty())
                break;
            if (uchar(syntax.marker.front()) == c && lineCommentStartsAt(pos, syntax))
                return lexLineComment(pos, quint32(syntax.marker.size()));
        }
    }
    if (stops & StopBit::Special) {
        const quint32 next = lexSpecial(pos);
        if (next != pos)
            return next;
    }
    if (stops & StopBit::String)
        return lexStrings(pos);
    return pos + 1;
}

// The constructs a LanguageFeature adds. Returns pos when the byte starts none of them here.
quint32 Lexer::lexSpecial(quint32 pos)
{
    using namespace LanguageFeature;
    const quint32 features = m_spec.features;
    switch (m_src[pos]) {
    case '/': return (features & RegexLiterals) && regexAllowedAt(pos) ? skipRegex(pos) : pos;
    case '\'': return (features & RustLiterals) ? lexRustChar(pos) : pos;
    case '"': return (features & CSharpStrings) ? lexCSharpString(pos) : pos;
    case '$': return (features & DollarQuotes) ? lexDollarQuote(pos) : pos;
    case '%': return (features & PercentLiterals) ? lexPercentLiteral(pos) : pos;
    case '~': return (features & ElixirSigils) ? lexSigil(pos) : pos;
    case '<':
        if (features & RubyHeredocs)
            return openRubyHeredoc(pos);
        return (features & PhpHeredocs) ? lexPhpHeredoc(pos) : pos;
    case '?':
        if ((features & PhpTags) && m_depth == 0 && at(pos + 1) == '>')
            return skipInlineHtml(pos + 2);
        return (features & QuestionChars) ? skipQuestionChar(pos) : pos;
    case '|':
    case '>': return (features & YamlBlockScalars) ? lexYamlBlockScalar(pos) : pos;
    default: return pos;
    }
}

// After the ':' of "{value:>10}": up to the '}' that closes the hole. Nested "{width}" fields
// are part of the spec; quotes are not special.
quint32 Lexer::skipFormatSpec(quint32 pos, const HoleRules &hole) const
{
    int nested = 0;
    for (; pos < m_size; ++pos) {
        const uchar c = m_src[pos];
        if (c == '{') {
            ++nested;
        } else if (c == '}') {
            if (nested == 0)
                return pos;
            --nested;
        } else if (c == '\n' && hole.stopAtNewline) {
            return pos;
        }
    }
    return m_size;
}

// PHP: text outside <?php ... ?> is inline HTML, which is code to us. Returns where PHP code
// starts again.
quint32 Lexer::skipInlineHtml(quint32 pos) const
{
    for (;;) {
        const quint32 lt = findByte(pos, '<');
        if (lt >= m_size)
            return m_size;
        if (at(lt + 1) == '?') {
            if ((at(lt + 2) | 0x20) == 'p' && (at(lt + 3) | 0x20) == 'h' && (at(lt + 4) | 0x20) == 'p')
                return lt + 5;
            if (at(lt + 2) == '=')
                return lt + 3;
            if (lt + 2 >= m_size || isSpace(m_src[lt + 2]))
                return std::min(lt + 2, m_size);
        }
        pos = lt + 1;
    }
}

quint32 Lexer::findText(quint32 from, std::string_view text) const
{
    const uchar first = uchar(text.front());
    for (;;) {
        const quint32 hit = findByte(from, first);
        if (hit >= m_size || matchAt(hit, text))
            return hit;
        from = hit + 1;
    }
}

// A backslash and the byte it escapes; a backslash before CR LF escapes the whole line break.
quint32 Lexer::skipEscape(quint32 pos) const
{
    if (at(pos + 1) == '\r' && at(pos + 2) == '\n')
        return pos + 3;
    return std::min(pos + 2, m_size);
}

// Inlined: the code loop calls it once per token.
Q_ALWAYS_INLINE quint32 Lexer::skipPlain(int table, quint32 pos) const
{
    const uchar *src = m_src;
    const quint32 size = m_size;
#if defined(__SSE2__)
    if (const int count = m_spec.stopByteCount[size_t(table)]) {
        const auto *needles = reinterpret_cast<const __m128i *>(m_spec.stopVectors[size_t(table)].data());
        pos = findAnyOf(src, pos, size, needles, count);
        if (size >= 16)
            return pos;
    }
#endif
    const quint8 *stops = m_spec.stops[size_t(table)].data();
    while (size - pos >= 4) {
        if (stops[src[pos]])
            return pos;
        if (stops[src[pos + 1]])
            return pos + 1;
        if (stops[src[pos + 2]])
            return pos + 2;
        if (stops[src[pos + 3]])
            return pos + 3;
        pos += 4;
    }
    while (pos < size && !stops[src[pos]])
        ++pos;
    return pos;
}

// Strings take their slot before their holes are lexed, so that the regions inside the holes
// come after them and the list stays in source order.
quint32 Lexer::beginStringRegion()
{
    m_out.regions.emplace_back();
    return quint32(m_out.regions.size() - 1);
}

void Lexer::finishStringRegion(quint32 index, size_t holeMark, const LexedRegion &region)
{
    LexedRegion &slot = m_out.regions[index];
    slot = region;
    slot.kind = RegionKind::String;
    slot.firstHole = quint32(m_out.holes.size());
    slot.holeCount = quint32(m_holeStack.size() - holeMark);
    // The strings inside this one's holes have moved their holes out already, so this string's
    // holes are the top of the stack, in order.
    if (slot.holeCount) {
        m_out.holes.insert(m_out.holes.end(), m_holeStack.begin() + qsizetype(holeMark), m_holeStack.end());
        m_holeStack.resize(holeMark);
    }
    m_floor = region.end;
    m_floorKind = Floor::String;
}

} // namespace lexing
} // namespace poolproof
