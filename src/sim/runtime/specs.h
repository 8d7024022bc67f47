// Plain specs the scenario declares and the runtime models consume: how a process starts,
// the shared-memory regions, the GIL switch, channel kinds and memory region kinds. Kept apart
// from the models so the scenario layer (and every reader of a Scenario) needs none of them.
#pragma once
#include "sim/core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl {

enum class ProcessOrigin : std::uint8_t {
  Initial,     // running from time 0: a fresh image (the same program as the first process)
  Forked,      // created by a fork step: a copy-on-write image of the forking process
  Spawned,     // created by a spawn step: a fresh image of the same program
  ForkServer,  // created by a forkserver step: forked from a clean server, so a fresh image too
};
const char* to_string(ProcessOrigin origin);  // "initial", "fork", "spawn", "forkserver"

// An explicit shared-memory region ("shared_memory" in a scenario): the only memory processes
// share besides copy-on-write pages after a fork. Each listed process maps it when it starts;
// the first to start creates it. Writes are never copied.
struct SharedMemorySpec {
  std::string name;
  std::uint32_t kb = 0;
  std::vector<ProcessId> processes;  // that map it, declaration order
};

// Where the GIL may change hands depends on the CPython version: up to 3.9 between any two
// bytecodes (so the load and the store of one `x += 1` can be separated); from 3.10 only at
// eval-breaker points (backward jumps, calls), never inside `x += 1` nor inside a C call that
// holds the GIL. The free-threaded builds (3.13t, 3.14t) have no GIL at all and run Python
// code slower on one thread (about 40 % and 5-10 %).
enum class PythonVersion : std::uint8_t { V3_9,
                                          V3_11,
                                          V3_12,
                                          V3_13t,
                                          V3_14t };
const char* to_string(PythonVersion version);  // "3.9", ..., "3.14t"
bool free_threaded(PythonVersion version);
bool switches_between_bytecodes(PythonVersion version);  // 3.9: inside `+=` too
std::uint32_t compute_permille(PythonVersion version);   // Python code's speed cost: 1000 = none

// "runtime": {"python": "3.11", "gil": true, "switch_interval_us": 5000}
struct GilSpec {
  bool enabled = false;
  TimeNs switch_interval = 5'000'000;  // sys.getswitchinterval() = 0.005
  PythonVersion python = PythonVersion::V3_11;
};

enum class ChannelKind : std::uint8_t {
  Pipe,     // multiprocessing.Pipe, between processes: copied, reader and writer overlap
  Queue,    // queue.Queue, between threads of one process: a reference
  MpQueue,  // multiprocessing.Queue, between processes: copied by a feeder thread, no overlap
};
const char* to_string(ChannelKind kind);  // "pipe", "queue", "mp_queue"

// The kernel pipe buffer: a pipe's reader works on one chunk while the writer fills the next.
inline constexpr std::uint64_t kPipeChunkBytes = 64 * 1024;

// The regions of an address space; a write step names one of the writable ones.
enum class RegionKind : std::uint8_t {
  Code,  // read-only, file-backed: may be shared with unrelated processes (page cache)
  Data,  // globals
  Heap,
  Stack,   // one per thread
  Shared,  // an explicit shared-memory mapping: writes are seen by all, never copied
};
const char* to_string(RegionKind kind);  // "code", "data", "heap", "stack", "shm"

}  // namespace tl
