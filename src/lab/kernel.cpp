#include "lab/kernel.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace tl::lab {

std::uint64_t cpu_kernel(std::uint64_t iterations, std::uint64_t seed) {
  std::uint64_t x = seed | 1;
  for (std::uint64_t i = 0; i < iterations; ++i) {
    // A multiply-xorshift step: each round depends on the last, so it cannot be vectorised or
    // folded into a closed form, and it touches no memory.
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    x ^= x >> 29;
  }
  return x;
}

namespace {
// Keeps results observable without printing them. Atomic: worker threads time the kernel at
// the same moment, and a plain (even volatile) global written by two threads is a data race.
// Volatile too: clang removes stores to an internal atomic nobody reads, and the kernel with
// them, so every timing read zero.
volatile std::atomic<std::uint64_t> g_sink;
}  // namespace

Nanos time_kernel(std::uint64_t iterations) {
  const Nanos start = now_ns();
  g_sink.store(cpu_kernel(iterations, 0x9e3779b97f4a7c15ULL), std::memory_order_relaxed);
  return now_ns() - start;
}

KernelCalibration calibrate_kernel(Nanos target_ns) {
  // A short probe sizes the work, then a few runs at the size fix it (their median).
  std::uint64_t probe = 1'000'000;
  Nanos t = time_kernel(probe);
  while (t < 2'000'000 && probe < (1ULL << 40)) {  // at least 2 ms so timer and start-up are noise
    probe *= 4;
    t = time_kernel(probe);
  }
  // Work for target_ns at the rate measured, within 1 .. 2^40 iterations (a timer that read
  // zero must not turn into an iteration count no integer holds).
  const auto scaled = [target_ns](std::uint64_t iterations, Nanos took) {
    const double n = static_cast<double>(iterations) * static_cast<double>(target_ns) /
                     static_cast<double>(std::max<Nanos>(took, 1));
    return static_cast<std::uint64_t>(std::clamp(n, 1.0, static_cast<double>(1ULL << 40)));
  };
  KernelCalibration c;
  c.iterations = scaled(probe, t);
  std::vector<Nanos> runs;
  for (int i = 0; i < 3; ++i) runs.push_back(time_kernel(c.iterations / 4));
  c.iterations = scaled(c.iterations / 4, median(runs));
  c.measured_ns = time_kernel(c.iterations);
  return c;
}

}  // namespace tl::lab
