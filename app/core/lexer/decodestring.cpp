#include "lexer.h"

#include "lexer_p.h"

#include <algorithm>
#include <string>

namespace poolproof {

namespace {

using lexing::isBlank;

int hexValue(uchar c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Appends one region's value to a DecodedString, numbering holes on from `parameter`.
class Decoder
{
public:
    Decoder(QByteArrayView source, const LexedFile &file, DecodedString &out)
        : m_src(reinterpret_cast<const uchar *>(source.data()))
        , m_size(quint32(std::min<qsizetype>(source.size(), lexing::maxSourceSize)))
        , m_file(file)
        , m_out(out)
    {
    }

    void append(const LexedRegion &region);
    void reserve(qsizetype bytes) { m_text.reserve(size_t(bytes)); }
    // Hands the decoded bytes over to the DecodedString; call once, after the last append().
    void finish() { m_out.text.append(m_text.data(), qsizetype(m_text.size())); }

private:
    void put(uchar c, quint32 offset)
    {
        m_text.push_back(char(c));
        m_out.sourceOffsets.push_back(offset);
    }
    // The source bytes [begin, end) as they are, each at its own offset.
    void putRun(quint32 begin, quint32 end)
    {
        m_text.append(reinterpret_cast<const char *>(m_src + begin), end - begin);
        std::vector<quint32> &offsets = m_out.sourceOffsets;
        const size_t at = offsets.size();
        offsets.resize(at + (end - begin));
        for (quint32 k = begin; k < end; ++k)
            offsets[at + (k - begin)] = k;
    }
    void putCodePoint(char32_t cp, quint32 offset);
    quint32 indentationToStrip(const LexedRegion &region, quint32 begin, quint32 end) const;
    quint32 decodeEscape(const LexedRegion &region, quint32 p, quint32 end, uchar quote, uchar closeQuote);
    quint32 decodeBackslash(quint32 p, quint32 end, bool keepUnknown);
    quint32 decodeSqlUnicode(quint32 p, quint32 end);
    quint32 decodeEntity(quint32 p, quint32 end);
    // Reads up to `maxDigits` hex digits at p (exactly `maxDigits` when `exact`); -1 if too few.
    qint64 readHex(quint32 p, quint32 end, quint32 maxDigits, bool exact, quint32 *digits) const;

    const uchar *m_src;
    quint32 m_size;
    const LexedFile &m_file;
    DecodedString &m_out;
    // The bytes as they are decoded: std::string's push_back is inline, QByteArray's append is a
    // call, and a decode is one append per byte.
    std::string m_text;
    int m_parameter = 1;
};

void Decoder::putCodePoint(char32_t cp, quint32 offset)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        put(uchar(cp), offset);
    } else if (cp < 0x800) {
        put(uchar(0xC0 | (cp >> 6)), offset);
        put(uchar(0x80 | (cp & 0x3F)), offset);
    } else if (cp < 0x10000) {
        put(uchar(0xE0 | (cp >> 12)), offset);
        put(uchar(0x80 | ((cp >> 6) & 0x3F)), offset);
        put(uchar(0x80 | (cp & 0x3F)), offset);
    } else {
        put(uchar(0xF0 | (cp >> 18)), offset);
        put(uchar(0x80 | ((cp >> 12) & 0x3F)), offset);
        put(uchar(0x80 | ((cp >> 6) & 0x3F)), offset);
        put(uchar(0x80 | (cp & 0x3F)), offset);
    }
}

qint64 Decoder::readHex(quint32 p, quint32 end, quint32 maxDigits, bool exact, quint32 *digits) const
{
    qint64 value = 0;
    quint32 n = 0;
    while (n < maxDigits && p + n < end && hexValue(m_src[p + n]) >= 0) {
        value = value * 16 + hexValue(m_src[p + n]);
        ++n;
    }
    *digits = n;
    if (n == 0 || (exact && n < maxDigits))
        return -1;
    return value;
}

// The indentation the language removes from each line of a block literal.
quint32 Decoder::indentationToStrip(const LexedRegion &region, quint32 begin, quint32 end) const
{
    switch (region.layout) {
    case Layout::Plain: return 0;
    case Layout::ClosingIndent: {
        // The closing delimiter's line starts at contentEnd, or right after the newline there.
        quint32 q = end;
        if (q < m_size && m_src[q] == '\r')
            ++q;
        if (q < m_size && m_src[q] == '\n')
            ++q;
        quint32 n = 0;
        while (q + n < m_size && isBlank(m_src[q + n]))
            ++n;
        return n;
    }
    case Layout::TextBlock:
    case Layout::LeastIndent:
    case Layout::YamlLiteral:
    case Layout::YamlFolded: break;
    }
    quint32 least = std::numeric_limits<quint32>::max();
    for (quint32 line = begin; line < end;) {
        quint32 text = line;
        while (text < end && isBlank(m_src[text]))
            ++text;
        quint32 eol = text;
        while (eol < end && m_src[eol] != '\n')
            ++eol;
        const bool blank = text == eol || (text + 1 == eol && m_src[text] == '\r');
        // Java counts the closing delimiter's line even when it is blank.
        const bool closingLine = eol == end && region.layout == Layout::TextBlock;
        if (!blank || closingLine) {
            least = std::min(least, text - line);
            if (region.layout == Layout::YamlLiteral || region.layout == Layout::YamlFolded)
                return least;
        }
        line = eol + 1;
    }
    // A Java text block whose content ends with a newline has an empty closing line.
    if (region.layout == Layout::TextBlock && end > begin && m_src[end - 1] == '\n')
        least = 0;
    return least == std::numeric_limits<quint32>::max() ? 0 : least;
}

void Decoder::append(const LexedRegion &region)
{
    const quint32 begin = std::min(region.contentBegin, m_size);
    const quint32 end = std::clamp(region.contentEnd, begin, m_size);
    m_text.reserve(m_text.size() + (end - begin));
    m_out.sourceOffsets.reserve(m_out.sourceOffsets.size() + (end - begin));
    if (region.kind == RegionKind::Comment) {
        putRun(begin, end);
        return;
    }
    const EscapeStyle escape = region.escape;
    const bool backslash
        = (lexing::backslashEscapes(escape) && escape != EscapeStyle::RawQuote) || escape == EscapeStyle::SqlUnicode;
    const bool doubled = lexing::doubledQuotes(escape);
    const uchar quote = begin > 0 ? m_src[begin - 1] : 0;
    const uchar closeQuote = end < m_size ? m_src[end] : quote;
    const quint32 strip = indentationToStrip(region, begin, end);
    const bool textBlock = region.layout == Layout::TextBlock;
    const bool folded = region.layout == Layout::YamlFolded;
    const std::vector<LexedHole> &holes = m_file.holes;
    size_t hole = std::min<size_t>(region.firstHole, holes.size());
    const size_t holesEnd = std::min<size_t>(size_t(region.firstHole) + region.holeCount, holes.size());

    quint32 p = begin;
    bool lineStart = true;
    bool lineHasText = false;
    quint32 lineTextEnd = end; // text blocks: where the line's trailing whitespace starts
    while (p < end) {
        if (lineStart) {
            lineStart = false;
            lineHasText = false;
            for (quint32 n = 0; n < strip && p < end && isBlank(m_src[p]); ++n)
                ++p;
            if (textBlock) {
                quint32 eol = p;
                while (eol < end && m_src[eol] != '\n')
                    ++eol;
                lineTextEnd = eol;
                while (lineTextEnd > p && (isBlank(m_src[lineTextEnd - 1]) || m_src[lineTextEnd - 1] == '\r'))
                    --lineTextEnd;
            }
            continue;
        }
        while (hole < holesEnd && holes[hole].begin < p)
            ++hole;
        if (hole < holesEnd && holes[hole].begin == p) {
            const quint32 codeBegin = std::min(holes[hole].codeBegin, m_size);
            const quint32 codeEnd = std::clamp(holes[hole].codeEnd, codeBegin, m_size);
            if (QByteArrayView(m_src + codeBegin, codeEnd - codeBegin) == "'$'") {
                put('$', p); // Kotlin's way to write a literal dollar: ${'$'}
            } else {
                const QByteArray name = '$' + QByteArray::number(m_parameter++);
                for (const char c : name)
                    put(uchar(c), p);
            }
            p = std::max(holes[hole].end, p + 1);
            ++hole;
            lineHasText = true;
            continue;
        }
        const uchar c = m_src[p];
        if (c == '\r' && p + 1 < end && m_src[p + 1] == '\n') {
            ++p; // CR LF reads as LF, as in the languages' own string values
            continue;
        }
        if (c == '\n') {
            if (folded && lineHasText) {
                // YAML '>': the break after a line of text folds into a space before more text,
                // and disappears before blank lines (each of which stands for one newline).
                quint32 q = p + 1;
                while (q < end && isBlank(m_src[q]))
                    ++q;
                if (q < end && m_src[q] != '\n' && m_src[q] != '\r')
                    put(' ', p);
            } else {
                put('\n', p);
            }
            ++p;
            lineStart = true;
            continue;
        }
        if (textBlock && p >= lineTextEnd) {
            ++p; // trailing whitespace of a text block line
            continue;
        }
        if ((backslash && c == '\\') || (doubled && c == quote) || (escape == EscapeStyle::XmlEntities && c == '&')) {
            p = decodeEscape(region, p, end, quote, closeQuote);
            if (m_src[p - 1] == '\n')
                lineStart = true; // a line continuation: the next line is still stripped
            lineHasText = true;
            continue;
        }
        if (region.literalBraces && (c == '{' || c == '}') && p + 1 < end && m_src[p + 1] == c) {
            put(c, p);
            p += 2;
            lineHasText = true;
            continue;
        }
        // c is plain, and so are most bytes after it: the run up to the next byte that needs a
        // look (a line break, an escape, a hole, a text block's trailing blanks) is copied whole.
        quint32 runEnd = p + 1;
        quint32 limit = end;
        if (hole < holesEnd)
            limit = std::min(limit, holes[hole].begin);
        if (textBlock)
            limit = std::min(limit, lineTextEnd);
        const bool braces = region.literalBraces;
        const bool entities = escape == EscapeStyle::XmlEntities;
        while (runEnd < limit) {
            const uchar b = m_src[runEnd];
            if (b == '\n' || b == '\r' || (backslash && b == '\\') || (doubled && b == quote) || (entities && b == '&')
                || (braces && (b == '{' || b == '}')))
                break;
            ++runEnd;
        }
        putRun(p, runEnd);
        for (quint32 k = p; k < runEnd && !lineHasText; ++k)
            lineHasText = !isBlank(m_src[k]);
        p = runEnd;
    }
}

quint32 Decoder::decodeEscape(const LexedRegion &region, quint32 p, quint32 end, uchar quote, uchar closeQuote)
{
    const uchar c = m_src[p];
    const uchar next = p + 1 < end ? m_src[p + 1] : 0;
    if (c == quote && c != '\\' && lexing::doubledQuotes(region.escape)) {
        put(c, p);
        return next == quote && p + 1 < end ? p + 2 : p + 1;
    }
    switch (region.escape) {
    case EscapeStyle::Backslash:
    case EscapeStyle::DoubledBackslash: return decodeBackslash(p, end, false);
    case EscapeStyle::BackslashKeep: return decodeBackslash(p, end, true);
    case EscapeStyle::SqlUnicode: return decodeSqlUnicode(p, end);
    case EscapeStyle::XmlEntities: return decodeEntity(p, end);
    case EscapeStyle::QuoteOnly:
        if (p + 1 < end && (next == '\\' || next == quote || next == closeQuote)) {
            put(next, p);
            return p + 2;
        }
        break;
    case EscapeStyle::Shell:
        if (p + 1 < end && (next == '\\' || next == '"' || next == '$' || next == '`')) {
            put(next, p);
            return p + 2;
        }
        if (next == '\n')
            return p + 2;
        if (next == '\r' && p + 2 < end && m_src[p + 2] == '\n')
            return p + 3;
        break;
    case EscapeStyle::None:
    case EscapeStyle::RawQuote:
    case EscapeStyle::Doubled: break;
    }
    put(c, p);
    return p + 1;
}

quint32 Decoder::decodeBackslash(quint32 p, quint32 end, bool keepUnknown)
{
    if (p + 1 >= end) {
        put('\\', p);
        return p + 1;
    }
    const uchar n = m_src[p + 1];
    quint32 digits = 0;
    switch (n) {
    case 'n': put('\n', p); return p + 2;
    case 't': put('\t', p); return p + 2;
    case 'r': put('\r', p); return p + 2;
    case 'b': put('\b', p); return p + 2;
    case 'f': put('\f', p); return p + 2;
    case 'v': put('\v', p); return p + 2;
    case 'a': put('\a', p); return p + 2;
    case '\\':
    case '\'':
    case '"':
    case '$': put(n, p); return p + 2;
    case '\n': return p + 2; // line continuation
    case '\r': return p + 2 < end && m_src[p + 2] == '\n' ? p + 3 : p + 2;
    case 'e':
    case 's':
        if (keepUnknown)
            break;
        put(n == 'e' ? 0x1B : ' ', p); // Ruby, Elixir; Java's \s
        return p + 2;
    case 'x': {
        const qint64 value = readHex(p + 2, end, 2, false, &digits);
        if (value < 0)
            break;
        putCodePoint(char32_t(value), p);
        return p + 2 + digits;
    }
    case 'u': {
        if (p + 2 < end && m_src[p + 2] == '{') {
            const qint64 value = readHex(p + 3, end, 8, false, &digits);
            if (value < 0 || p + 3 + digits >= end || m_src[p + 3 + digits] != '}')
                break;
            putCodePoint(char32_t(value), p);
            return p + 4 + digits;
        }
        const qint64 value = readHex(p + 2, end, 4, true, &digits);
        if (value < 0)
            break;
        // A UTF-16 surrogate pair written as two escapes (Java, JS, C#).
        if (value >= 0xD800 && value <= 0xDBFF && p + 11 < end && m_src[p + 6] == '\\' && m_src[p + 7] == 'u') {
            quint32 lowDigits = 0;
            const qint64 low = readHex(p + 8, end, 4, true, &lowDigits);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                putCodePoint(char32_t(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)), p);
                return p + 12;
            }
        }
        putCodePoint(char32_t(value), p);
        return p + 6;
    }
    case 'U': {
        const qint64 value = readHex(p + 2, end, 8, true, &digits);
        if (value < 0)
            break;
        putCodePoint(char32_t(value), p);
        return p + 10;
    }
    default:
        if (n >= '0' && n <= '7') {
            quint32 value = 0;
            quint32 q = p + 1;
            while (q < end && q < p + 4 && m_src[q] >= '0' && m_src[q] <= '7' && value * 8 + (m_src[q] - '0') <= 0377) {
                value = value * 8 + (m_src[q] - '0');
                ++q;
            }
            putCodePoint(value, p);
            return q;
        }
        break;
    }
    if (keepUnknown) {
        put('\\', p);
        return p + 1;
    }
    put(n, p); // an unknown escape is the character itself
    return p + 2;
}

// PostgreSQL U&'...': \XXXX, \+XXXXXX and \\ (with the default escape character).
quint32 Decoder::decodeSqlUnicode(quint32 p, quint32 end)
{
    quint32 digits = 0;
    if (p + 1 < end && m_src[p + 1] == '\\') {
        put('\\', p);
        return p + 2;
    }
    if (p + 1 < end && m_src[p + 1] == '+') {
        const qint64 value = readHex(p + 2, end, 6, true, &digits);
        if (value >= 0) {
            putCodePoint(char32_t(value), p);
            return p + 8;
        }
    } else {
        const qint64 value = readHex(p + 1, end, 4, true, &digits);
        if (value >= 0) {
            putCodePoint(char32_t(value), p);
            return p + 5;
        }
    }
    put('\\', p);
    return p + 1;
}

// XML: the five named entities and numeric references.
quint32 Decoder::decodeEntity(quint32 p, quint32 end)
{
    quint32 semicolon = p + 1;
    while (semicolon < end && semicolon - p <= 10 && m_src[semicolon] != ';')
        ++semicolon;
    if (semicolon >= end || m_src[semicolon] != ';') {
        put('&', p);
        return p + 1;
    }
    const std::string_view name(reinterpret_cast<const char *>(m_src + p + 1), semicolon - p - 1);
    constexpr std::pair<std::string_view, char> named[]
        = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (const auto &[entity, value] : named) {
        if (name == entity) {
            put(uchar(value), p);
            return semicolon + 1;
        }
    }
    if (name.size() >= 2 && name[0] == '#') {
        qint64 value = 0;
        bool ok = true;
        const bool hex = name[1] == 'x' || name[1] == 'X';
        for (size_t i = hex ? 2 : 1; i < name.size() && ok; ++i) {
            const int digit = hex ? hexValue(uchar(name[i])) : (name[i] >= '0' && name[i] <= '9' ? name[i] - '0' : -1);
            ok = digit >= 0 && value < 0x110000;
            value = value * (hex ? 16 : 10) + digit;
        }
        if (ok && name.size() > (hex ? 2u : 1u)) {
            putCodePoint(char32_t(value), p);
            return semicolon + 1;
        }
    }
    put('&', p);
    return p + 1;
}

} // namespace

DecodedString decodeString(const LanguageSpec &language, QByteArrayView source, const LexedFile &file,
                           const LexedRegion &region)
{
    Q_UNUSED(language); // the region records its escape style and layout
    DecodedString out;
    Decoder decoder(source, file, out);
    decoder.append(region);
    decoder.finish();
    return out;
}

DecodedString decodeConcatenated(const LanguageSpec &language, QByteArrayView source, const LexedFile &file,
                                 const std::vector<int> &group)
{
    Q_UNUSED(language);
    DecodedString out;
    // A value is about as long as its literals: one allocation instead of one per doubling.
    qsizetype expected = 0;
    for (const int index : group) {
        if (index >= 0 && size_t(index) < file.regions.size())
            expected += file.regions[size_t(index)].contentEnd - file.regions[size_t(index)].contentBegin;
    }
    out.sourceOffsets.reserve(size_t(expected) + 16);
    Decoder decoder(source, file, out);
    decoder.reserve(expected + 16);
    for (const int index : group) {
        if (index >= 0 && size_t(index) < file.regions.size())
            decoder.append(file.regions[size_t(index)]);
    }
    decoder.finish();
    return out;
}

} // namespace poolproof
