// The lab's CPU kernel as a WebAssembly module of its own (no imports, no runtime), for the
// Web Workers of the single web variant: each worker instantiates it and runs its share.
// The same source as every other speedup measurement (lab/kernel.cpp).
#include "lab/kernel.h"

#include <cstdint>

// Runs `iterations` rounds (a double, as JavaScript passes numbers; exact below 2^53) and
// returns the low 32 bits of the result, so the work cannot be optimised away.
extern "C" __attribute__((used, visibility("default"))) std::uint32_t tl_lab_kernel(double iterations, double seed) {
  return static_cast<std::uint32_t>(tl::lab::cpu_kernel(static_cast<std::uint64_t>(iterations),
                                                        static_cast<std::uint64_t>(seed)));
}
