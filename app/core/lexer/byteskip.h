#pragma once

// Finding the next byte of a small set, sixteen bytes at a time where SSE2 is available. The
// code loop spends most of its time here: plain code between comments and strings.

#include <QtAlgorithms>
#include <QtGlobal>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace poolproof::lexing {

// Sets of more bytes than this are searched with the per-byte table only.
constexpr int maxSimdNeedles = 12;

#if defined(__SSE2__)
// Returns the position of the first of the N bytes at or after pos, or a position less than
// sixteen bytes before size where the caller continues byte by byte.
template<int N> quint32 findAnyOf(const uchar *src, quint32 pos, quint32 size, const uchar *bytes)
{
    __m128i needles[N];
    for (int i = 0; i < N; ++i)
        needles[i] = _mm_set1_epi8(char(bytes[i]));
    while (size - pos >= 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + pos));
        __m128i hits = _mm_cmpeq_epi8(chunk, needles[0]);
        for (int i = 1; i < N; ++i)
            hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, needles[i]));
        const int mask = _mm_movemask_epi8(hits);
        if (mask)
            return pos + qCountTrailingZeroBits(quint32(mask));
        pos += 16;
    }
    return pos;
}

inline quint32 findAnyOf(const uchar *src, quint32 pos, quint32 size, const uchar *bytes, int count)
{
    switch (count) {
    case 1: return findAnyOf<1>(src, pos, size, bytes);
    case 2: return findAnyOf<2>(src, pos, size, bytes);
    case 3: return findAnyOf<3>(src, pos, size, bytes);
    case 4: return findAnyOf<4>(src, pos, size, bytes);
    case 5: return findAnyOf<5>(src, pos, size, bytes);
    case 6: return findAnyOf<6>(src, pos, size, bytes);
    case 7: return findAnyOf<7>(src, pos, size, bytes);
    case 8: return findAnyOf<8>(src, pos, size, bytes);
    case 9: return findAnyOf<9>(src, pos, size, bytes);
    case 10: return findAnyOf<10>(src, pos, size, bytes);
    case 11: return findAnyOf<11>(src, pos, size, bytes);
    case 12: return findAnyOf<12>(src, pos, size, bytes);
    default: return pos;
    }
}
#endif

} // namespace poolproof::lexing
