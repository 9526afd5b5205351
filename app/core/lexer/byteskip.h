#pragma once

// Finding the next byte of a small set, sixteen bytes at a time where SSE2 is available. The
// code loop spends most of its time here: plain code between comments and strings.

#include <QtAlgorithms>
#include <QtGlobal>

#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace poolproof::lexing {

// Sets of more bytes than this are searched with the per-byte table only.
constexpr int maxSimdNeedles = 12;

#if defined(__SSE2__)
// 0xFF in lane i when byte i of the chunk is one of the N needles (each broadcast to all lanes).
template<int N> inline __m128i matchHits(__m128i chunk, const __m128i *needles)
{
    // Unrolled by a fold: a loop over the needles is not, for more than two of them.
    return [&]<int... I>(std::integer_sequence<int, I...>) {
        __m128i hits = _mm_setzero_si128();
        ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, needles[I]))), ...);
        return hits;
    }(std::make_integer_sequence<int, N>());
}

// Bit i set when byte i of the sixteen at p is one of the N needles.
template<int N> inline quint32 matchMask(const uchar *p, const __m128i *needles)
{
    return quint32(_mm_movemask_epi8(matchHits<N>(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), needles)));
}

// Returns the position of the first of the N needles at or after pos, or size when there is
// none. Only a source shorter than sixteen bytes is left to the caller, which then continues
// byte by byte from the returned position. The needles are broadcast once by the caller: most
// searches end within a few bytes, where setting them up would cost more than the search.
template<int N> inline quint32 findAnyOf(const uchar *src, quint32 pos, quint32 size, const __m128i *needles)
{
    if (size < 16 || pos >= size)
        return pos;
    // Pointers rather than offsets: two instructions less per block.
    const uchar *p = src + pos;
    const uchar *const last = src + (size - 16);
    for (; p <= last; p += 16) {
        if (const quint32 mask = matchMask<N>(p, needles))
            return quint32(p - src) + qCountTrailingZeroBits(mask);
    }
    // The last bytes: one load that ends at the end, less the bytes before p.
    const quint32 mask = matchMask<N>(last, needles) >> quint32(p - last);
    return mask ? quint32(p - src) + qCountTrailingZeroBits(mask) : size;
}

Q_ALWAYS_INLINE quint32 findAnyOf(const uchar *src, quint32 pos, quint32 size, const __m128i *needles, int count)
{
    switch (count) {
    case 1: return findAnyOf<1>(src, pos, size, needles);
    case 2: return findAnyOf<2>(src, pos, size, needles);
    case 3: return findAnyOf<3>(src, pos, size, needles);
    case 4: return findAnyOf<4>(src, pos, size, needles);
    case 5: return findAnyOf<5>(src, pos, size, needles);
    case 6: return findAnyOf<6>(src, pos, size, needles);
    case 7: return findAnyOf<7>(src, pos, size, needles);
    case 8: return findAnyOf<8>(src, pos, size, needles);
    case 9: return findAnyOf<9>(src, pos, size, needles);
    case 10: return findAnyOf<10>(src, pos, size, needles);
    case 11: return findAnyOf<11>(src, pos, size, needles);
    case 12: return findAnyOf<12>(src, pos, size, needles);
    default: return pos;
    }
}
#endif

} // namespace poolproof::lexing
