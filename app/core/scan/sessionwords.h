#pragma once

#include <QByteArrayView>

#include <vector>

namespace poolproof {

// Whether text holds, in any letter case, one of the words every session-level statement or
// function needs (set, temp, load, advisory, listen, lastval, prepare, execute, declare,
// deallocate, discard, currval), anywhere, even inside a longer word or a comment. Without one
// of them no statement in text can matter to a rule, so this decides most texts without
// looking at their words one by one. Sixteen or thirty-two bytes at a time where the processor
// allows it.
bool mentionsSessionWord(QByteArrayView text);
// The same for the bytes [begin, end) of buffer, which may be read anywhere: cheaper for a short
// range, such as a string literal's value in its file.
bool mentionsSessionWord(QByteArrayView buffer, qsizetype begin, qsizetype end);

struct ByteRange {
    qsizetype begin = 0;
    qsizetype end = 0;
};

// mentionsSessionWord(buffer, begin, end) for each range, in one call: for the many string
// literals of a file, where a call per literal would cost as much as the search.
std::vector<char> rangesMentioningSessionWords(QByteArrayView buffer, const std::vector<ByteRange> &ranges);

// The widest vector instructions a search may use, where the processor has them.
enum class SessionWordsSimd { None, Ssse3, Avx2 };
// rangesMentioningSessionWords with at most the given instructions: for the tests, which check
// every form the search takes on some processor.
std::vector<char> rangesMentioningSessionWords(QByteArrayView buffer, const std::vector<ByteRange> &ranges,
                                               SessionWordsSimd widest);

// The byte-by-byte form that processors without SSSE3 use; the same answers, only slower.
bool mentionsSessionWordPortable(QByteArrayView text);

} // namespace poolproof
