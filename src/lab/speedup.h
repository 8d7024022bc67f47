// Speedup curves: a fixed amount of CPU-bound work (the kernel) split evenly over 1..N
// workers started as threads, forked processes or spawned processes. Speedup(k) is the
// median wall time with one worker over the median with k (strong scaling, as the
// simulator's sweep computes it). Worker counts are interleaved within each repeat, so a
// burst of load from elsewhere on the machine hits every count alike.
#pragma once
#include "lab/launch.h"
#include "lab/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::lab {

struct SpeedupPoint {
  unsigned workers = 0;
  Nanos median_ns = 0;  // wall time, start of the first worker to the last join
  double speedup = 0;   // median_ns(1 worker) / median_ns
  std::vector<Nanos> samples;
};

struct SpeedupCurve {
  Launch launch = Launch::Thread;
  std::uint64_t total_iterations = 0;
  std::vector<SpeedupPoint> points;  // workers 1..N
  double others_cpus = -1;           // what other programs used meanwhile (load.h)
  std::string error;                 // non-empty if a worker could not run
};

struct SpeedupOptions {
  std::uint64_t total_iterations = 0;  // the whole job (calibrate_kernel)
  unsigned max_workers = 2;
  int min_repeats = 3;
  int max_repeats = 7;
  Nanos budget_ns = 3'000'000'000;
  SpawnTarget target;  // for Launch::Spawn
};

SpeedupCurve measure_speedup(Launch launch, const SpeedupOptions& options, const ProgressFn& progress = {});

}  // namespace tl::lab
