// Running another program to completion with a time limit and capturing its standard output
// (the Python programs print one JSON object). A program that overruns is killed, so no
// measurement can hang the lab.
#pragma once
#include "lab/clock.h"

#include <string>
#include <vector>

namespace tl::lab {

struct ProgramRun {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;  // -1 if killed by a signal or not started
  std::string out;     // stdout
  std::string err;     // stderr (its last few KB)
  std::string error;   // why it could not start
};

ProgramRun run_program(const std::vector<std::string>& argv, Nanos timeout_ns);

// The first executable `name` on $PATH (or `name` itself if it contains a '/' and is
// executable); "" if there is none.
std::string find_on_path(const std::string& name);

}  // namespace tl::lab
