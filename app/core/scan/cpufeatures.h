#pragma once

namespace poolproof {

// Whether the processor running the scan has these instruction sets, asked once: the searches
// with wider vector paths choose one by them. False on other architectures.
bool cpuHasSsse3();
bool cpuHasAvx2();

} // namespace poolproof
