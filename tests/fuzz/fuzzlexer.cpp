#include "fuzztargets.h"

#include "lexer/lexer.h"

#include <QByteArrayView>

// Input: one byte choosing the language, then the source file.
namespace poolproof::fuzz {

namespace {

void checkDecoded(const DecodedString &decoded, QByteArrayView source)
{
    fuzzCheck(decoded.sourceOffsets.empty() || decoded.sourceOffsets.size() == size_t(decoded.text.size()),
              "one source offset per decoded byte");
    for (const quint32 offset : decoded.sourceOffsets)
        fuzzCheck(offset <= quint32(source.size()), "decoded offsets point into the source");
}

} // namespace

int lexerOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::span<const LanguageSpec> languages = allLanguages();
    const LanguageSpec &language = languages[data[0] % languages.size()];
    const QByteArrayView source(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const LexedFile file = lex(language, source);
    const auto sourceSize = quint32(source.size());
    quint32 previousBegin = 0;
    for (const LexedRegion &region : file.regions) {
        fuzzCheck(region.begin <= region.contentBegin && region.contentBegin <= region.contentEnd
                      && region.contentEnd <= region.end && region.end <= sourceSize,
                  "region bounds nest inside the source");
        fuzzCheck(region.begin >= previousBegin, "regions in source order");
        previousBegin = region.begin;
        fuzzCheck(size_t(region.firstHole) + region.holeCount <= file.holes.size(), "holes exist");
        for (quint32 i = 0; i < region.holeCount; ++i) {
            const LexedHole &hole = file.holes[region.firstHole + i];
            fuzzCheck(hole.begin <= hole.codeBegin && hole.codeBegin <= hole.codeEnd && hole.codeEnd <= hole.end
                          && hole.end <= sourceSize,
                      "hole bounds nest inside the source");
        }
        if (region.kind == RegionKind::String)
            checkDecoded(decodeString(language, source, file, region), source);
    }

    const std::vector<std::vector<int>> groups = concatenatedGroups(language, source, file);
    size_t grouped = 0;
    for (const std::vector<int> &group : groups) {
        fuzzCheck(!group.empty(), "no empty concatenation group");
        for (const int index : group)
            fuzzCheck(index >= 0 && size_t(index) < file.regions.size()
                          && file.regions[size_t(index)].kind == RegionKind::String,
                      "groups hold string regions");
        grouped += group.size();
        checkDecoded(decodeConcatenated(language, source, file, group), source);
    }
    size_t strings = 0;
    for (const LexedRegion &region : file.regions)
        strings += region.kind == RegionKind::String ? 1 : 0;
    fuzzCheck(grouped == strings, "every string region is in exactly one group");
    return 0;
}

} // namespace poolproof::fuzz
