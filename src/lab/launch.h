// Starting workers three ways, the three the simulator models: a std::thread, a fork()ed copy
// of this process, and a posix_spawn()ed fresh copy of a program (exec: new address space,
// dynamic linking, main). A spawned worker is the CLI itself run as
// `threadlab-cli measure --child ...`, a hidden entry that child_main() serves.
#pragma once
#include "lab/clock.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace tl::lab {

enum class Launch : std::uint8_t { Thread,
                                   Fork,
                                   Spawn };
const char* to_string(Launch launch);  // "threads", "fork", "spawn"

// The program a Spawn launch runs: an executable that accepts `measure --child ...` (the CLI).
// Empty means this process's own executable (/proc/self/exe).
struct SpawnTarget {
  std::string program;
  std::string resolved() const;
};

// The hidden child entry: `--child empty` returns at once; `--child kernel N` runs the CPU
// kernel for N iterations. Returns the exit code (2 with a message on `error` for bad args).
int child_main(std::span<const std::string> args, std::string& error);

// Runs `workers` workers at once, each running `work` (threads and forks) or the spawned
// program with `child_args` (spawn), and waits for all of them. Returns the wall time from
// before the first start to after the last join/wait; -1 if a worker could not be started or
// failed (the reason in `error`).
Nanos run_workers(Launch launch, unsigned workers, const std::function<void(unsigned)>& work,
                  const std::vector<std::string>& child_args, const SpawnTarget& target, std::string& error);

// posix_spawn of target with args (argv[0] is the program); returns the pid or -1.
int spawn_program(const std::string& program, const std::vector<std::string>& args, std::string& error);
// waitpid for pid; true if it exited with status 0.
bool wait_ok(int pid);

}  // namespace tl::lab
