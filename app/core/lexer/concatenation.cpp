#include "lexer.h"

#include "lexer_p.h"

namespace poolproof {

// Whether the bytes between two string literals join them: only whitespace, comments, line
// continuations and at most one concatenation operator (exactly one where the language has no
// implicit concatenation).
bool literalsJoin(const LanguageSpec &language, QByteArrayView source, const LexedFile &file, int first, int second)
{
    const ConcatenationSyntax &syntax = language.concatenation;
    const std::vector<LexedRegion> &regions = file.regions;
    const auto *src = reinterpret_cast<const uchar *>(source.data());
    const quint32 size = quint32(std::min<qsizetype>(source.size(), lexing::maxSourceSize));
    // A heredoc body is a region of its own lines, away from its opener: what stands between it
    // and another literal says nothing about how they combine.
    const auto bodyOnly = [](const LexedRegion &region) {
        return (region.flags & RegionFlag::Heredoc) && region.begin == region.contentBegin;
    };
    if (bodyOnly(regions[size_t(first)]) || bodyOnly(regions[size_t(second)]))
        return false;
    const quint32 gapEnd = std::min(regions[size_t(second)].begin, size);
    quint32 p = regions[size_t(first)].end;
    if (p > gapEnd)
        return false;
    int operators = 0;
    bool newline = false;
    size_t k = size_t(first) + 1;
    while (p < gapEnd) {
        while (k < size_t(second) && regions[k].begin < p)
            ++k; // regions inside the first literal's holes
        if (k < size_t(second) && regions[k].begin == p) {
            if (regions[k].kind != RegionKind::Comment)
                return false;
            p = std::max(regions[k].end, p + 1);
            ++k;
            continue;
        }
        const uchar c = src[p];
        if (lexing::isSpace(c)) {
            newline |= c == '\n';
            ++p;
            continue;
        }
        if (c == '\\' && syntax.lineContinuation) {
            const quint32 q = p + 1 < gapEnd && src[p + 1] == '\r' ? p + 2 : p + 1;
            if (q < gapEnd && src[q] == '\n') {
                p = q + 1;
                continue;
            }
            return false;
        }
        bool matched = false;
        for (const std::string_view op : syntax.operators) {
            if (op.empty() || gapEnd - p < op.size() || std::memcmp(src + p, op.data(), op.size()) != 0)
                continue;
            ++operators;
            p += quint32(op.size());
            matched = true;
            break;
        }
        if (!matched || operators > 1)
            return false;
    }
    if (operators == 1)
        return true;
    return syntax.adjacent && (!syntax.adjacentNeedsNewline || newline);
}

std::vector<int> previousLiterals(const LexedFile &file)
{
    const std::vector<LexedRegion> &regions = file.regions;
    std::vector<int> previousOf(regions.size(), -1);
    // Strings nest inside other strings' holes. Literals join only with the previous literal at
    // the same depth, in the same hole; a character literal joins with nothing.
    std::vector<int> enclosing;
    std::vector<int> previousAtDepth;
    for (size_t i = 0; i < regions.size(); ++i) {
        const LexedRegion &region = regions[i];
        while (!enclosing.empty() && regions[size_t(enclosing.back())].end <= region.begin)
            enclosing.pop_back();
        const size_t depth = enclosing.size();
        previousAtDepth.resize(depth + 1, -1);
        if (region.kind != RegionKind::String)
            continue;
        const bool character = region.flags & RegionFlag::Character;
        if (!character)
            previousOf[i] = previousAtDepth[depth];
        previousAtDepth[depth] = character ? -1 : int(i);
        if (region.holeCount > 0)
            enclosing.push_back(int(i));
    }
    return previousOf;
}

std::vector<std::vector<int>> concatenatedGroups(const LanguageSpec &language, QByteArrayView source,
                                                 const LexedFile &file)
{
    const std::vector<LexedRegion> &regions = file.regions;
    const std::vector<int> previousOf = previousLiterals(file);
    std::vector<std::vector<int>> groups;
    std::vector<size_t> groupOf(regions.size(), 0);
    for (size_t i = 0; i < regions.size(); ++i) {
        if (regions[i].kind != RegionKind::String)
            continue;
        const int previous = previousOf[i];
        if (previous >= 0 && literalsJoin(language, source, file, previous, int(i))) {
            groupOf[i] = groupOf[size_t(previous)];
            groups[groupOf[i]].push_back(int(i));
        } else {
            groupOf[i] = groups.size();
            groups.push_back({int(i)});
        }
    }
    return groups;
}

} // namespace poolproof
