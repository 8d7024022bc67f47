// The CPU-bound kernel every speedup measurement runs: deterministic integer work with no
// memory traffic (a register-only mixing loop), so it scales with cores and nothing else, and
// the compiler cannot skip it (the result is returned and checked).
#pragma once
#include "lab/clock.h"

#include <cstdint>

namespace tl::lab {

// `iterations` rounds of a 64-bit mixing step from `seed`; same inputs, same result.
std::uint64_t cpu_kernel(std::uint64_t iterations, std::uint64_t seed);

struct KernelCalibration {
  std::uint64_t iterations = 0;  // for about target_ns on one core
  Nanos measured_ns = 0;         // median single-thread time of those iterations
};

// Finds the iteration count that takes about `target_ns` on one thread of this machine
// (median of a few timed runs), within about 1.5 x target_ns of total time.
KernelCalibration calibrate_kernel(Nanos target_ns);

// Times `iterations` on the calling thread once.
Nanos time_kernel(std::uint64_t iterations);

}  // namespace tl::lab
