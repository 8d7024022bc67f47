// threadlab-cli commands. Each takes the arguments after its name, prints to `out`/`err` and
// returns the process exit code; none simulates anything itself (that is tlsim's job).
#pragma once
#include "sim/scenario/scenario.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tl::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,  // a bug: an exception escaped, or the engine broke a promise
  kExitBadInput = 2,  // unknown flag, unreadable file, invalid scenario, bad flag value
};

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

int cmd_run(std::span<const std::string> args, Streams io);
int cmd_validate(std::span<const std::string> args, Streams io);
int cmd_ostep(std::span<const std::string> args, Streams io);
int cmd_compare(std::span<const std::string> args, Streams io);
int cmd_sweep(std::span<const std::string> args, Streams io);
int cmd_lesson(std::span<const std::string> args, Streams io);
int cmd_measure(std::span<const std::string> args, Streams io);
void print_usage(std::ostream& out);

// The argument lists of run, compare and sweep, parsed apart from the commands so that tests
// and the fuzzer reach them without touching files. Each parser returns "" when the arguments
// are fine, else the message to print after "error: ".
struct RunArgs {
  std::string file;
  bool json = false;
  std::string trace_out;
};
struct CompareArgs {
  std::string file;
  bool json = false;
};
struct SweepArgs {
  std::string file;
  bool json = false;
  std::vector<std::uint32_t> cores;  // empty: 1 .. 16
};
std::string parse_run_args(std::span<const std::string> args, RunArgs& out);
std::string parse_compare_args(std::span<const std::string> args, CompareArgs& out);
std::string parse_sweep_args(std::span<const std::string> args, SweepArgs& out);

// Parse options for the scenario in `scenario_file`: a profile file it names
// ("machine": {"profile": "box.json"}) is read relative to the scenario file's folder.
ParseOptions scenario_parse_options(const std::string& scenario_file);

// The whole file, or nullopt with `reason` set (for "error: FILE: reason").
std::optional<std::string> read_text_file(const std::string& path, std::string& reason);

}  // namespace tl::cli
