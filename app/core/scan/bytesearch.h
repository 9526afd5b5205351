#pragma once

#include <QByteArrayView>

namespace poolproof {

// Where needle first occurs in haystack at or after from, or -1: the same answer as
// QByteArrayView::indexOf, found sixteen positions at a time (first and last byte of the needle
// compared together) where SSE2 is available. The detectors search every file for a few
// needles, and a general-purpose search spends several instructions per byte.
qsizetype findBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0);

inline bool containsBytes(QByteArrayView haystack, QByteArrayView needle)
{
    return findBytes(haystack, needle) >= 0;
}

} // namespace poolproof
