#include "fuzztargets.h"

#include <cstdio>
#include <cstdlib>

namespace poolproof::fuzz {

void fuzzCheck(bool condition, const char *what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace poolproof::fuzz
