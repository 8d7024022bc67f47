// The simulator's predictions for the workloads the lab measures: the same work, described
// as a scenario (built here in code), run by tl::run on a machine profile. Everything below
// is deterministic: the measured figures go in, the prediction comes out.
#pragma once
#include "lab/clock.h"
#include "lab/launch.h"
#include "sim/engine/engine.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace tl::lab {

// Parses (expanding a compare document) and runs `doc`; nullopt with the errors in `error`.
std::optional<RunResult> simulate(const nlohmann::ordered_json& doc, std::string& error);

struct SpeedupPrediction {
  double speedup = 0;  // one worker's makespan / k workers' makespan
  Nanos one_ns = 0, many_ns = 0;
  std::string error;
};

// `total_us` of CPU work split over `workers` started as `launch`, against one thread doing
// all of it, on `machine` (a scenario's "machine" object) with `runtime` (e.g. {"gil": true}).
SpeedupPrediction predict_split_speedup(const nlohmann::ordered_json& machine, const nlohmann::ordered_json& runtime,
                                        const nlohmann::ordered_json& program_per_worker,
                                        const nlohmann::ordered_json& program_one_worker, unsigned workers,
                                        Launch launch);

// The CPU kernel's speedup with `workers` workers on `machine`.
SpeedupPrediction predict_kernel_speedup(const nlohmann::ordered_json& machine, Nanos total_work_ns, unsigned workers,
                                         Launch launch);

// The I/O thread beside a CPU-bound thread (same process, or another process when
// `cpu_in_other_process`; or alone when `with_cpu` is false): mean wake-up latency per
// `sleep_us` sleep under the python profile. -1 with `error` set on failure.
Nanos predict_convoy_latency(unsigned cores, bool with_cpu, bool cpu_in_other_process, double sleep_us, int wakes,
                             std::string& error);

struct IncrementPrediction {
  std::int64_t expected = 0, without_lock = 0, with_lock = 0;
  std::string error;
};
// `threads` threads of one process each doing `per_thread` non-atomic increments, without and
// with a mutex, under the python profile and the GIL.
IncrementPrediction predict_increments(unsigned cores, unsigned threads, std::int64_t per_thread);

}  // namespace tl::lab
