#include "cpufeatures.h"

namespace poolproof {

bool cpuHasSsse3()
{
#if defined(__x86_64__) || defined(__i386__)
    static const bool have = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("ssse3") != 0;
    }();
    return have;
#else
    return false;
#endif
}

bool cpuHasAvx2()
{
#if defined(__x86_64__) || defined(__i386__)
    static const bool have = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return have;
#else
    return false;
#endif
}

} // namespace poolproof
