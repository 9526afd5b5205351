#include "sessionwords.h"

#include "cpufeatures.h"

#include <QtAlgorithms>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define POOLPROOF_SESSIONWORDS_SSSE3 1
#endif

namespace poolproof {

namespace {

// Words that share a group differ only where both are rare in code, so a group's candidates
// seldom turn out to be neither.
struct SessionWord {
    const char *text;
    quint8 size;
    quint8 group;
};
constexpr std::array<SessionWord, 12> sessionWords {{
    {"set", 3, 0},
    {"temp", 4, 0},
    {"load", 4, 1},
    {"advisory", 8, 1},
    {"listen", 6, 2},
    {"lastval", 7, 2},
    {"prepare", 7, 3},
    {"execute", 7, 4},
    {"declare", 7, 5},
    {"deallocate", 10, 5},
    {"discard", 7, 6},
    {"currval", 7, 7},
}};

constexpr uchar asciiLower(uchar c)
{
    return c >= 'A' && c <= 'Z' ? uchar(c | 0x20) : c;
}

bool wordAt(const uchar *text, qsizetype left, const SessionWord &word)
{
    if (left < word.size)
        return false;
    for (int k = 0; k < word.size; ++k) {
        if (asciiLower(text[k]) != uchar(word.text[k]))
            return false;
    }
    return true;
}

// groups: a bit per group whose first three bytes matched at text.
bool anyWordAt(const uchar *text, qsizetype left, unsigned groups)
{
    for (const SessionWord &word : sessionWords) {
        if (((groups >> word.group) & 1u) && wordAt(text, left, word))
            return true;
    }
    return false;
}

bool mentionsScalar(const uchar *text, qsizetype size)
{
    for (qsizetype i = 0; i + 3 <= size; ++i) {
        if (anyWordAt(text + i, size - i, 0xffu))
            return true;
    }
    return false;
}

#if defined(POOLPROOF_SESSIONWORDS_SSSE3)
// For each of the first three bytes of the words: which groups accept a byte with a given low
// nibble, and which a given high nibble (of the byte with bit 5 set, which lower-cases letters).
// A byte position is a candidate for a group when all six lookups agree on it.
struct NibbleTables {
    alignas(16) uchar low[3][16] = {};
    alignas(16) uchar high[3][16] = {};
    constexpr NibbleTables()
    {
        for (const SessionWord &word : sessionWords) {
            for (int k = 0; k < 3; ++k) {
                const uchar c = uchar(word.text[k]);
                low[k][c & 0x0f] |= uchar(1u << word.group);
                high[k][c >> 4] |= uchar(1u << word.group);
            }
        }
    }
};
constexpr NibbleTables nibbleTables;

// The six tables in registers, loaded once per search.
struct NibbleLookup {
    __m128i low0, low1, low2, high0, high1, high2;
};

__attribute__((target("ssse3"))) inline NibbleLookup loadNibbleLookup()
{
    const auto load = [](const uchar *table) { return _mm_load_si128(reinterpret_cast<const __m128i *>(table)); };
    return {load(nibbleTables.low[0]),  load(nibbleTables.low[1]),  load(nibbleTables.low[2]),
            load(nibbleTables.high[0]), load(nibbleTables.high[1]), load(nibbleTables.high[2])};
}

__attribute__((target("ssse3"))) inline __m128i groupsOfByte(const uchar *at, __m128i lowTable, __m128i highTable)
{
    const __m128i nibble = _mm_set1_epi8(0x0f);
    const __m128i bytes = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(at)), _mm_set1_epi8(0x20));
    return _mm_and_si128(_mm_shuffle_epi8(lowTable, _mm_and_si128(bytes, nibble)),
                         _mm_shuffle_epi8(highTable, _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble)));
}

// The groups each of the sixteen positions at `at` may begin a word of (reads at[0..17]).
__attribute__((target("ssse3"))) inline __m128i candidatesAt(const NibbleLookup &lookup, const uchar *at)
{
    return _mm_and_si128(
        _mm_and_si128(groupsOfByte(at, lookup.low0, lookup.high0), groupsOfByte(at + 1, lookup.low1, lookup.high1)),
        groupsOfByte(at + 2, lookup.low2, lookup.high2));
}

// Checks the candidates of one block, positions base + 0..15 of text, those whose bit is set in
// inRange; a word must end by end.
__attribute__((target("ssse3"))) inline bool blockMentions(__m128i groups, const uchar *text, qsizetype end,
                                                           qsizetype base, unsigned inRange)
{
    unsigned mask = ~unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(groups, _mm_setzero_si128()))) & inRange;
    if (!mask)
        return false;
    alignas(16) uchar lanes[16];
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), groups);
    for (; mask; mask &= mask - 1) {
        const qsizetype at = base + qCountTrailingZeroBits(mask);
        if (anyWordAt(text + at, end - at, lanes[at - base]))
            return true;
    }
    return false;
}

// Blocks are loaded wherever they fit in buffer, and only the positions of [begin, end) that
// leave room for the shortest word count: a string literal needs no copy however short it is.
__attribute__((target("ssse3"))) inline bool rangeMentions(const NibbleLookup &lookup, const uchar *buffer,
                                                           qsizetype size, qsizetype begin, qsizetype end)
{
    const qsizetype lastStart = end - 3; // the last position where a word can begin
    if (lastStart < begin)
        return false; // shorter than any word (and maybe empty, with no buffer at all)
    if (size < 18) {
        // Too small for one block anywhere: a zero-padded copy, which no word matches past the end.
        alignas(16) uchar padded[48] = {};
        std::memcpy(padded, buffer, size_t(size));
        for (qsizetype base = 0; base <= lastStart; base += 16) {
            const qsizetype window = std::min<qsizetype>(16, lastStart - base + 1);
            const unsigned inRange = ((1u << window) - 1) & ~((1u << std::clamp<qsizetype>(begin - base, 0, 16)) - 1);
            if (blockMentions(candidatesAt(lookup, padded + base), buffer, end, base, inRange))
                return true;
        }
        return false;
    }
    for (qsizetype from = begin; from <= lastStart; from += 16) {
        // A block reads two bytes past its sixteen positions; near the end of the buffer it
        // starts earlier, and the positions before from are masked off.
        const qsizetype base = std::min(from, size - 18);
        const int skip = int(from - base);
        const qsizetype window = std::min<qsizetype>(16 - skip, lastStart - from + 1);
        const unsigned inRange = ((1u << window) - 1) << skip;
        if (blockMentions(candidatesAt(lookup, buffer + base), buffer, end, base, inRange))
            return true;
    }
    return false;
}

__attribute__((target("ssse3"))) bool mentionsSsse3(const uchar *buffer, qsizetype size, qsizetype begin, qsizetype end)
{
    return rangeMentions(loadNibbleLookup(), buffer, size, begin, end);
}

// One call for all the ranges: the tables are loaded once, and no range pays for a call.
__attribute__((target("ssse3"))) void rangesMentionSsse3(const uchar *buffer, qsizetype size,
                                                         const std::vector<ByteRange> &ranges, std::vector<char> &out)
{
    const NibbleLookup lookup = loadNibbleLookup();
    for (size_t i = 0; i < ranges.size(); ++i)
        out[i] = rangeMentions(lookup, buffer, size, ranges[i].begin, ranges[i].end);
}

// The same with thirty-two positions a block, for processors with AVX2: the tables are repeated
// in both halves of a register, as the byte shuffle looks up within each half.
struct WideNibbleLookup {
    __m256i low0, low1, low2, high0, high1, high2;
};

__attribute__((target("avx2"))) inline __m256i broadcastTable(const uchar *table)
{
    return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i *>(table)));
}

__attribute__((target("avx2"))) inline WideNibbleLookup loadWideNibbleLookup()
{
    return {broadcastTable(nibbleTables.low[0]),  broadcastTable(nibbleTables.low[1]),
            broadcastTable(nibbleTables.low[2]),  broadcastTable(nibbleTables.high[0]),
            broadcastTable(nibbleTables.high[1]), broadcastTable(nibbleTables.high[2])};
}

__attribute__((target("avx2"))) inline __m256i wideGroupsOfByte(const uchar *at, __m256i lowTable, __m256i highTable)
{
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i bytes
        = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(at)), _mm256_set1_epi8(0x20));
    return _mm256_and_si256(_mm256_shuffle_epi8(lowTable, _mm256_and_si256(bytes, nibble)),
                            _mm256_shuffle_epi8(highTable, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble)));
}

// The groups each of the thirty-two positions at `at` may begin a word of (reads at[0..33]).
__attribute__((target("avx2"))) inline __m256i wideCandidatesAt(const WideNibbleLookup &lookup, const uchar *at)
{
    return _mm256_and_si256(_mm256_and_si256(wideGroupsOfByte(at, lookup.low0, lookup.high0),
                                             wideGroupsOfByte(at + 1, lookup.low1, lookup.high1)),
                            wideGroupsOfByte(at + 2, lookup.low2, lookup.high2));
}

__attribute__((target("avx2"))) inline bool wideBlockMentions(__m256i groups, const uchar *text, qsizetype end,
                                                              qsizetype base, quint32 inRange)
{
    quint32 mask = ~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(groups, _mm256_setzero_si256()))) & inRange;
    if (!mask)
        return false;
    alignas(32) uchar lanes[32];
    _mm256_store_si256(reinterpret_cast<__m256i *>(lanes), groups);
    for (; mask; mask &= mask - 1) {
        const qsizetype at = base + qCountTrailingZeroBits(mask);
        if (anyWordAt(text + at, end - at, lanes[at - base]))
            return true;
    }
    return false;
}

// As rangeMentions, in blocks of thirty-two; a buffer too small for one is left to it.
__attribute__((target("avx2"))) inline bool wideRangeMentions(const WideNibbleLookup &wide, const NibbleLookup &narrow,
                                                              const uchar *buffer, qsizetype size, qsizetype begin,
                                                              qsizetype end)
{
    const qsizetype lastStart = end - 3;
    if (lastStart < begin)
        return false;
    if (size < 34)
        return rangeMentions(narrow, buffer, size, begin, end);
    for (qsizetype from = begin; from <= lastStart; from += 32) {
        const qsizetype base = std::min(from, size - 34);
        const int skip = int(from - base);
        const qsizetype window = std::min<qsizetype>(32 - skip, lastStart - from + 1);
        const auto inRange = quint32(((quint64(1) << window) - 1) << skip);
        if (wideBlockMentions(wideCandidatesAt(wide, buffer + base), buffer, end, base, inRange))
            return true;
    }
    return false;
}

__attribute__((target("avx2"))) void rangesMentionAvx2(const uchar *buffer, qsizetype size,
                                                       const std::vector<ByteRange> &ranges, std::vector<char> &out)
{
    const WideNibbleLookup wide = loadWideNibbleLookup();
    const NibbleLookup narrow = loadNibbleLookup();
    for (size_t i = 0; i < ranges.size(); ++i)
        out[i] = wideRangeMentions(wide, narrow, buffer, size, ranges[i].begin, ranges[i].end);
}

__attribute__((target("avx2"))) bool mentionsAvx2(const uchar *buffer, qsizetype size, qsizetype begin, qsizetype end)
{
    return wideRangeMentions(loadWideNibbleLookup(), loadNibbleLookup(), buffer, size, begin, end);
}

#endif

} // namespace

bool mentionsSessionWord(QByteArrayView text)
{
    return mentionsSessionWord(text, 0, text.size());
}

bool mentionsSessionWordPortable(QByteArrayView text)
{
    return mentionsScalar(reinterpret_cast<const uchar *>(text.data()), text.size());
}

std::vector<char> rangesMentioningSessionWords(QByteArrayView buffer, const std::vector<ByteRange> &ranges)
{
    return rangesMentioningSessionWords(buffer, ranges, SessionWordsSimd::Avx2);
}

std::vector<char> rangesMentioningSessionWords(QByteArrayView buffer, const std::vector<ByteRange> &ranges,
                                               SessionWordsSimd widest)
{
    std::vector<char> mentions(ranges.size(), 0);
#if defined(POOLPROOF_SESSIONWORDS_SSSE3)
    if (widest >= SessionWordsSimd::Avx2 && cpuHasAvx2()) {
        rangesMentionAvx2(reinterpret_cast<const uchar *>(buffer.data()), buffer.size(), ranges, mentions);
        return mentions;
    }
    if (widest >= SessionWordsSimd::Ssse3 && cpuHasSsse3()) {
        rangesMentionSsse3(reinterpret_cast<const uchar *>(buffer.data()), buffer.size(), ranges, mentions);
        return mentions;
    }
#endif
    for (size_t i = 0; i < ranges.size(); ++i)
        mentions[i] = mentionsScalar(reinterpret_cast<const uchar *>(buffer.data()) + ranges[i].begin,
                                     ranges[i].end - ranges[i].begin);
    return mentions;
}

bool mentionsSessionWord(QByteArrayView buffer, qsizetype begin, qsizetype end)
{
    Q_ASSERT(0 <= begin && begin <= end && end <= buffer.size());
    const auto *bytes = reinterpret_cast<const uchar *>(buffer.data());
#if defined(POOLPROOF_SESSIONWORDS_SSSE3)
    if (cpuHasAvx2())
        return mentionsAvx2(bytes, buffer.size(), begin, end);
    if (cpuHasSsse3())
        return mentionsSsse3(bytes, buffer.size(), begin, end);
#endif
    return mentionsScalar(bytes + begin, end - begin);
}

} // namespace poolproof
