// What starting a worker costs: create and join (or wait for) one worker that does nothing,
// as a std::thread, a fork()ed child that exits at once, and a posix_spawn()ed program
// (the CLI's `measure --child empty`: exec, dynamic linking, main, exit). These feed the
// profile's thread_create_us, fork_us and spawn_us. Repeats alternate the three kinds.
#pragma once
#include "lab/launch.h"
#include "lab/progress.h"

#include <string>
#include <vector>

namespace tl::lab {

struct CreationCosts {
  Nanos thread_ns = 0, fork_ns = 0, spawn_ns = 0;  // medians
  std::vector<Nanos> thread_samples, fork_samples, spawn_samples;
  std::string error;
};

CreationCosts measure_creation(int min_repeats, int max_repeats, Nanos budget_ns, const SpawnTarget& target,
                               const ProgressFn& progress = {});

}  // namespace tl::lab
