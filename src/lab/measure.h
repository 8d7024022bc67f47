// Everything the lab measures, in one run with one progress callback, and the two documents
// made from it: the report (every figure, as JSON) and the machine profile derived from it.
#pragma once
#include "lab/cow_fault.h"
#include "lab/creation.h"
#include "lab/kernel.h"
#include "lab/pingpong.h"
#include "lab/pipe_bandwidth.h"
#include "lab/predict.h"
#include "lab/python.h"
#include "lab/speedup.h"
#include "lab/topology.h"

#include <nlohmann/json.hpp>

#include <atomic>

namespace tl::lab {

struct MeasureOptions {
  bool quick = false;               // a few seconds in all instead of about a minute
  unsigned max_workers = 0;         // speedup curves up to this many workers; 0 = logical cpus
  SpawnTarget target;               // the program posix_spawn runs (`measure --child ...`)
  bool python = true;               // run the CPython programs if an interpreter is found
  std::string python_path;          // "" = python3 on PATH
  std::string python_programs_dir;  // "" = find_python_programs
  // Set from another thread (a window closing, a Cancel button): the run stops after the stage
  // it is in, reporting what it measured so far and "cancelled" among its errors.
  const std::atomic<bool>* cancel = nullptr;
};

struct Report {
  Topology topology;
  KernelCalibration kernel;
  std::vector<SpeedupCurve> speedups;  // threads, fork, spawn
  CreationCosts creation;
  std::vector<PingPongResult> pingpong;
  std::vector<BandwidthPoint> pipe;
  CowFaultCost cow;
  long long lock_pair_ns = 0;
  PythonResults python;
  std::vector<std::string> errors;  // measurements that failed (the rest still ran)
  bool cancelled = false;           // stopped early: some stages are missing
};

Report run_measurements(const MeasureOptions& options, const ProgressFn& progress = {});

// The machine profile (docs/lab.md): {"name", "description", "base": "native", "cores", and
// the measured cost fields}. Fields not measured keep the base profile's values.
nlohmann::ordered_json profile_json(const Report& report);

// A scenario's "machine" object for the profile: {"profile": base, "cores", cost fields...}.
nlohmann::ordered_json machine_from_profile(const nlohmann::ordered_json& profile);

// The simulator's speedup for the CPU kernel with `workers` workers as `launch`, on the
// machine the profile describes.
SpeedupPrediction predict_with_profile(const nlohmann::ordered_json& profile, const Report& report, unsigned workers,
                                       Launch launch);

// Every figure, plus the profile and the predictions beside the measured speedups.
nlohmann::ordered_json report_json(const Report& report);

const PingPongResult* find_pingpong(const Report& report, Peers peers, Channel channel, Placement placement);

}  // namespace tl::lab
