#pragma once

#include <QByteArrayView>

namespace poolproof {

// Where needle first occurs in haystack at or after from, or -1: the same answer as
// QByteArrayView::indexOf, found sixteen positions at a time (first and last byte of the needle
// compared together), thirty-two at a time where the processor has AVX2. The detectors search
// every file for a few needles, and a general-purpose search spends several instructions per byte.
qsizetype findBytes(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0);

// The same with sixteen positions a block whatever the processor has: for the tests, which
// check both.
qsizetype findBytesSse2(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0);

inline bool containsBytes(QByteArrayView haystack, QByteArrayView needle)
{
    return findBytes(haystack, needle) >= 0;
}

} // namespace poolproof
