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
  Initial,   // running from time 0: a fresh image (the same program as the first process)
  Forked,    // created by a fork step: a copy-on-write image of the forking process
  Spawned,   // created by a spawn step: a fresh image of the same program
};
const char* to_string(ProcessOrigin origin);   // "initial", "fork", "spawn"

// An explicit shared-memory region ("shared_memory" in a scenario): the only memory processes
// share besides copy-on-write pages after a fork. Each listed process maps it when it starts;
// the first to start creates it. Writes are never copied.
struct SharedMemorySpec {
  std::string            name;
  std::uint32_t          kb = 0;
  std::vector<ProcessId> processes;            // that map it, declaration order
};

// "runtime": {"gil": true, "switch_interval_us": 5000}
struct GilSpec {
  bool   enabled         = false;
  TimeNs switch_interval = 5'000'000;   // sys.getswitchinterval() = 0.005
};

enum class ChannelKind : std::uint8_t {
  Pipe,    // between processes: copied
  Queue,   // between threads of one process: a reference
};
const char* to_string(ChannelKind kind);       // "pipe", "queue"

// The regions of an address space; a write step names one of the writable ones.
enum class RegionKind : std::uint8_t {
  Code,     // read-only, file-backed: may be shared with unrelated processes (page cache)
  Data,     // globals
  Heap,
  Stack,    // one per thread
  Shared,   // an explicit shared-memory mapping: writes are seen by all, never copied
};
const char* to_string(RegionKind kind);        // "code", "data", "heap", "stack", "shm"

}  // namespace tl
