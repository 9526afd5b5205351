#pragma once

#include <cstddef>
#include <cstdint>

// The fuzz targets' entry points. Each is linked into its own libFuzzer executable (through
// libfuzzerentry.cpp) and, all together, into tst_fuzz_regressions, which replays the kept
// crashes and the seed corpus with the normal compiler. Each returns 0; a broken invariant
// aborts through fuzzCheck so that libFuzzer keeps the input.
namespace poolproof::fuzz {

int lexerOneInput(const std::uint8_t *data, std::size_t size);
int sqlExtractOneInput(const std::uint8_t *data, std::size_t size);
int urlOneInput(const std::uint8_t *data, std::size_t size);
int projectFileOneInput(const std::uint8_t *data, std::size_t size);

// Aborts with the message when condition is false.
void fuzzCheck(bool condition, const char *what);

} // namespace poolproof::fuzz
