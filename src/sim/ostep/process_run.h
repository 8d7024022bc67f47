// OSTEP cpu-intro/process-run.py on the threadlab engine: one thread per process on one core,
// the "cyclic" policy (next ready pid after the current one), one tick = kUnitNs.
#pragma once
#include "sim/ostep/common.h"
#include "sim/scenario/scenario.h"

namespace tl::ostep {

enum class Instr : std::uint8_t { Cpu,
                                  Io,
                                  IoDone };
const char* to_string(Instr instr);  // "cpu", "io", "io_done" as the tool prints them

struct ProcessRunOptions {
  std::vector<std::vector<Instr>> programs;  // [pid]
  bool switch_on_end = false;                // -S SWITCH_ON_END (default SWITCH_ON_IO)
  bool io_run_immediate = false;             // -I IO_RUN_IMMEDIATE (default IO_RUN_LATER)
  std::int64_t io_length = 5;                // -L
  bool solve = false;                        // -c
  bool print_stats = false;                  // -p
  bool random = false;                       // programs drawn from -l X:Y
  std::int64_t seed = 0;
};

Parsed<ProcessRunOptions> parse_process_run_args(std::span<const std::string> args);

Scenario process_run_scenario(const ProcessRunOptions& options);

enum class ProcState : std::uint8_t { Ready,
                                      Running,
                                      Blocked,
                                      Done };

struct ProcessRunTick {
  bool io_done = false;  // some IO completed at this tick (the '*')
  int running = -1;      // pid that executed an instruction, or -1 (idle)
  Instr instr = Instr::Cpu;
  std::vector<ProcState> states;  // [pid], for the ones not executing
  int ios_in_flight = 0;
};

struct ProcessRunReport {
  std::vector<ProcessRunTick> ticks;  // ticks[0] is tick 1
  std::int64_t total_time = 0;
  std::int64_t cpu_busy = 0;
  std::int64_t io_busy = 0;
};

// Runs the engine and reads the per-tick table off its trace. Throws std::runtime_error if the
// trace is not tick-aligned or disagrees with the programs (an engine bug).
ProcessRunReport solve_process_run(const ProcessRunOptions& options);

std::string format_process_run(const ProcessRunOptions& options, const ProcessRunReport* report);

}  // namespace tl::ostep
