#include "bytesearch.h"

#include "cpufeatures.h"

#include <QtAlgorithms>

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#define POOLPROOF_BYTESEARCH_X86 1
#endif

namespace poolproof {

namespace {

// The last few starts, where a block would read past the end: a plain loop, as a library search
// would first spend more on its set-up than these few bytes cost.
qsizetype findInTail(const char *h, qsizetype size, QByteArrayView needle, qsizetype i)
{
    const qsizetype n = needle.size();
    for (; i + n <= size; ++i) {
        if (h[i] == needle[0] && std::memcmp(h + i + 1, needle.data() + 1, size_t(n - 1)) == 0)
            return i;
    }
    return -1;
}

#if defined(POOLPROOF_BYTESEARCH_X86)
// Each block tests sixteen starts i..i+15; both loads stay inside the haystack. Returns the
// match, or -1 with *next the first start left untested.
qsizetype findSse2Blocks(const char *h, qsizetype size, QByteArrayView needle, qsizetype i, qsizetype *next)
{
    const qsizetype n = needle.size();
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i last = _mm_set1_epi8(needle[n - 1]);
    for (; i + n - 1 + 16 <= size; i += 16) {
        const __m128i starts = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i));
        const __m128i ends = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i + n - 1));
        quint32 mask
            = quint32(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(starts, first), _mm_cmpeq_epi8(ends, last))));
        for (; mask; mask &= mask - 1) {
            const qsizetype at = i + qCountTrailingZeroBits(mask);
            if (std::memcmp(h + at + 1, needle.data() + 1, size_t(n - 2)) == 0)
                return at;
        }
    }
    *next = i;
    return -1;
}

// The same with thirty-two starts a block: half the instructions per byte of the SSE2 loop.
__attribute__((target("avx2"))) qsizetype findAvx2Blocks(const char *h, qsizetype size, QByteArrayView needle,
                                                         qsizetype i, qsizetype *next)
{
    const qsizetype n = needle.size();
    const __m256i first = _mm256_set1_epi8(needle[0]);
    const __m256i last = _mm256_set1_epi8(needle[n - 1]);
    for (; i + n - 1 + 32 <= size; i += 32) {
        const __m256i starts = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(h + i));
        const __m256i ends = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(h + i + n - 1));
        quint32 mask = quint32(
            _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(starts, first), _mm256_cmpeq_epi8(ends, last))));
        for (; mask; mask &= mask - 1) {
            const qsizetype at = i + qCountTrailingZeroBits(mask);
            if (std::memcmp(h + at + 1, needle.data() + 1, size_t(n - 2)) == 0)
                return at;
        }
    }
    *next = i;
    return -1;
}
#endif

// The cases every variant leaves to QByteArrayView: a needle of one byte (memchr is as fast) or
// none, and a start outside the haystack.
bool isPlainCase(QByteArrayView haystack, QByteArrayView needle, qsizetype from)
{
    return needle.size() < 2 || from < 0 || from >= haystack.size();
}

} // namespace

qsizetype findBytesSse2(QByteArrayView haystack, QByteArrayView needle, qsizetype from)
{
    if (isPlainCase(haystack, needle, from))
        return haystack.indexOf(needle, from);
#if defined(POOLPROOF_BYTESEARCH_X86)
    qsizetype next = from;
    const qsizetype found = findSse2Blocks(haystack.data(), haystack.size(), needle, from, &next);
    return found >= 0 ? found : findInTail(haystack.data(), haystack.size(), needle, next);
#else
    return findInTail(haystack.data(), haystack.size(), needle, from);
#endif
}

qsizetype findBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from)
{
#if defined(POOLPROOF_BYTESEARCH_X86)
    if (!isPlainCase(haystack, needle, from) && cpuHasAvx2()) {
        const char *h = haystack.data();
        const qsizetype size = haystack.size();
        qsizetype next = from;
        qsizetype found = findAvx2Blocks(h, size, needle, from, &next);
        if (found < 0)
            found = findSse2Blocks(h, size, needle, next, &next);
        return found >= 0 ? found : findInTail(h, size, needle, next);
    }
#endif
    return findBytesSse2(haystack, needle, from);
}

} // namespace poolproof
