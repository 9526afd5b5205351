#pragma once

#include <QtGlobal>

namespace poolproof {

// A range of characters in a connection string. Offsets are QString indexes, so a finding can
// point at the exact part of the value that is wrong.
struct TextSpan {
    qsizetype offset = -1;
    qsizetype length = 0;

    bool isValid() const { return offset >= 0; }
    qsizetype end() const { return offset + length; }
    bool contains(qsizetype position) const { return isValid() && position >= offset && position < end(); }
    bool overlaps(const TextSpan &other) const
    {
        return isValid() && other.isValid() && offset < other.end() && other.offset < end();
    }

    static TextSpan between(qsizetype begin, qsizetype finish) { return {begin, finish - begin}; }

    friend bool operator==(const TextSpan &, const TextSpan &) = default;
};

} // namespace poolproof
