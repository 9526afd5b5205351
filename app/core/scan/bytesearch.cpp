#include "bytesearch.h"

#include <QtAlgorithms>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace poolproof {

qsizetype findBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from)
{
#if defined(__SSE2__)
    const qsizetype n = needle.size();
    const qsizetype size = haystack.size();
    if (n < 2 || from < 0 || from >= size)
        return haystack.indexOf(needle, from);
    const char *h = haystack.data();
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i last = _mm_set1_epi8(needle[n - 1]);
    qsizetype i = from;
    // Each block tests the sixteen starts i..i+15; both loads stay inside the haystack.
    while (i + n - 1 + 16 <= size) {
        const __m128i starts = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i));
        const __m128i ends = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i + n - 1));
        quint32 mask
            = quint32(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(starts, first), _mm_cmpeq_epi8(ends, last))));
        while (mask) {
            const qsizetype at = i + qCountTrailingZeroBits(mask);
            if (std::memcmp(h + at + 1, needle.data() + 1, size_t(n - 2)) == 0)
                return at;
            mask &= mask - 1;
        }
        i += 16;
    }
    // The last few starts, where a block would read past the end: a plain loop, as a library
    // search would first spend more on its set-up than these few bytes cost.
    for (; i + n <= size; ++i) {
        if (h[i] == needle[0] && std::memcmp(h + i + 1, needle.data() + 1, size_t(n - 1)) == 0)
            return i;
    }
    return -1;
#else
    return haystack.indexOf(needle, from);
#endif
}

} // namespace poolproof
