// CPython on this machine: the lab's own Python programs (lab/python/*.py, shipped with the
// sources and copied next to the binaries), each run with a time limit, each printing one JSON
// object; and beside each, the simulator's prediction for the same workload under the python
// profile with the GIL.
#pragma once
#include "lab/clock.h"
#include "lab/progress.h"

#include <nlohmann/json.hpp>

#include <atomic>

#include <string>
#include <vector>

namespace tl::lab {

// The folder holding the programs (it has cpu_bound.py), tried in this order: `explicit_dir`,
// $THREADLAB_LAB_DIR, then beside the running executable (EXE_DIR/lab/python,
// EXE_DIR/../share/threadlab/lab/python, EXE_DIR/../../lab/python for a build folder inside
// the source tree), then the source tree the library was built from. "" if none has them;
// `tried` lists every folder looked at.
std::string find_python_programs(const std::string& explicit_dir, std::vector<std::string>* tried = nullptr);

// The interpreter to use: `requested` if given (a path or a name on PATH), else python3 on PATH.
std::string find_python(const std::string& requested);

struct PythonProgramResult {
  std::string program;  // "cpu_bound"
  bool ok = false;
  nlohmann::ordered_json measured;   // the program's JSON
  nlohmann::ordered_json predicted;  // the simulator's figures for the same workload
  std::string error;
};

struct PythonResults {
  bool available = false;  // an interpreter and the programs were found
  std::string python, programs_dir, version, skipped_reason;
  std::vector<PythonProgramResult> programs;
  // What the installed version does with `counter += 1` from several threads, in words.
  std::string increment_verdict;
};

struct PythonOptions {
  std::string python;        // "" = python3 on PATH
  std::string programs_dir;  // "" = find_python_programs
  bool quick = false;
  unsigned workers = 2;
  unsigned cores = 2;                 // for the predictions
  std::vector<std::string> only;      // program names to run; empty = all
  Nanos timeout_ns = 60'000'000'000;  // per program
  // Set from another thread: no further program starts.
  const std::atomic<bool>* cancel = nullptr;
};

PythonResults run_python_lab(const PythonOptions& options, const ProgressFn& progress = {});

// One program by name ("cpu_bound", "io_bound", "convoy", "increment") with its prediction.
PythonProgramResult run_python_program(const std::string& python, const std::string& dir, const std::string& name,
                                       const PythonOptions& options);

}  // namespace tl::lab
