// Counts live and peak heap bytes by replacing global operator new/delete in the benchmark
// binary only (alloc_counter.cpp), so memory figures come from real allocations.
#pragma once
#include <cstddef>

namespace tl::bench {
std::size_t alloc_live_bytes();
std::size_t alloc_peak_bytes();
void alloc_reset_peak();
}  // namespace tl::bench
