#include "fuzztargets.h"

// libFuzzer's entry point for one target; POOLPROOF_FUZZ_ENTRY names it (tests/fuzz/CMakeLists.txt).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return poolproof::fuzz::POOLPROOF_FUZZ_ENTRY(data, size);
}
