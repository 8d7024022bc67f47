// [SECTION] Named profiles
// [SECTION] Field table
// [SECTION] Derived costs
#include "sim/runtime/cost_profile.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace tl {
namespace {

constexpr TimeNs us(std::int64_t v) { return v * 1'000; }

// (a * b) / c without overflowing when a is large (bytes) and b is a per-MB cost.
std::int64_t mul_div(std::uint64_t a, std::int64_t b, std::uint64_t c) {
  return static_cast<std::int64_t>(a / c) * b + static_cast<std::int64_t>((a % c) * static_cast<std::uint64_t>(b) / c);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Named profiles
// ---------------------------------------------------------------------------------------------
const char* to_string(CostProfileKind kind) {
  switch (kind) {
    case CostProfileKind::Native:   return "native";
    case CostProfileKind::Python:   return "python";
    case CostProfileKind::Textbook: return "textbook";
  }
  return "?";
}

std::optional<CostProfileKind> cost_profile_kind(std::string_view name) {
  if (name == "native")   return CostProfileKind::Native;
  if (name == "python")   return CostProfileKind::Python;
  if (name == "textbook") return CostProfileKind::Textbook;
  return std::nullopt;
}

CostProfile cost_profile(CostProfileKind kind) {
  // Starts from the textbook defaults: no time costs; the sizes of a small C program (memory
  // is not a cost, and a process with no pages would leave the memory view empty); CPython's
  // GIL interval (a runtime parameter, not a cost: zero would hand over without progress).
  CostProfile p;
  p.kind = kind;
  if (kind == CostProfileKind::Textbook) return p;
  // The OS costs (switches, faults, kernel copies) are the same whatever language runs on
  // top, so native and python share them; the language changes creation, IPC and locks.
  p.thread_switch        = us(2);     // ~1-3 us between threads of one process
  p.process_switch       = us(4);     // a few us more: page-table switch
  p.address_space_refill = us(5);     // indirect cost; tens of us for memory-heavy work
  p.cow_fault            = us(2);     // minor fault plus one 4 KiB copy
  if (kind == CostProfileKind::Native) {
    // A small C program: code is libc plus the program, mapped from the page cache; a thread
    // touches two pages of its 8 MB virtual stack; a forked child dirties its own stack
    // frames and libc state (the CostProfile defaults).
    p.thread_create    = us(20);       // pthread_create + join, ~10-50 us
    p.fork             = us(300);      // small process, ~100 us-1 ms
    p.spawn            = us(1'000);    // fork + exec of a small program
    p.ipc_latency      = us(5);        // pipe write + reader wake-up
    p.ipc_mb_per_s     = 2'000;        // memcpy through the kernel, both sides
    p.serialize_per_mb = 0;            // raw bytes: nothing to pickle
    p.queue_handoff    = us(1);        // mutex + condition variable wake
    p.lock             = 25;           // uncontended fast path, no system call
    p.wake             = us(5);        // timer or futex wake, IPI, out of the idle loop: a few us
    return p;
  }
  p.thread_create    = us(200);        // threading.Thread start + join
  p.fork             = us(5'000);      // ~20x a thread
  p.spawn            = us(120'000);    // a fresh interpreter: ~500-700x a thread
  p.ipc_latency      = us(50);         // tens of us to ms per message
  p.ipc_mb_per_s     = 1'000;          // the kernel copy alone
  // Chosen so one side's cost per MB is 1/1000 s + 2.333 ms = 3.33 ms, i.e. the ~300 MB/s a
  // multiprocessing.Pipe reaches once pickling is counted (a Queue, ~160 MB/s, needs ~5.25 ms).
  p.serialize_per_mb = us(2'333);
  p.queue_handoff    = us(50);         // queue.Queue put/get: a reference, whatever its size
  p.lock             = 250;            // a threading.Lock acquire/release pair is ~0.5 us
  // The two latencies calibration.md's GIL figures show beyond the switch interval: an I/O
  // thread beside a CPU-bound one waits ~5.2 ms at 5 ms (1.2 at 1, 20 at 20), and ~0.1 ms
  // with the CPU work in another process. The OS wake plus re-entering the interpreter (the
  // other-process case is that alone), then, after a forced drop, the holder reaching its
  // next eval-breaker check and the waiter coming back from its condition variable.
  p.wake             = us(100);
  p.gil_handoff      = us(100);
  // CPython: ~13 MB resident per interpreter. Code is libpython, extension modules and the
  // mapped stdlib (file-backed, shared through the page cache even between spawned
  // interpreters), so that a spawned child is ~16 MB resident of which ~9 MB private.
  p.code_kb          = 7'168;
  p.data_kb          = 1'024;
  p.heap_kb          = 5'120;
  p.thread_stack_kb  = 12;             // ~12 KB resident per extra thread
  p.fork_dirty_kb    = 1'536;          // reference counts and GC dirty pages: ~1.5 MB private
  p.spawn_extra_kb   = 3'072;          // re-importing __main__ and multiprocessing's bootstrap
  return p;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Field table
// ---------------------------------------------------------------------------------------------
namespace {
using U = CostUnit;
constexpr CostField kFields[] = {
    {"thread_switch_us",        U::Microseconds,       &CostProfile::thread_switch,        nullptr},
    {"process_switch_us",       U::Microseconds,       &CostProfile::process_switch,       nullptr},
    {"address_space_refill_us", U::Microseconds,       &CostProfile::address_space_refill, nullptr},
    {"wake_us",                 U::Microseconds,       &CostProfile::wake,                 nullptr},
    {"thread_create_us",        U::Microseconds,       &CostProfile::thread_create,        nullptr},
    {"fork_us",                 U::Microseconds,       &CostProfile::fork,                 nullptr},
    {"spawn_us",                U::Microseconds,       &CostProfile::spawn,                nullptr},
    {"ipc_latency_us",          U::Microseconds,       &CostProfile::ipc_latency,          nullptr},
    {"ipc_mb_per_s",            U::MegabytesPerSecond, nullptr, &CostProfile::ipc_mb_per_s},
    {"serialize_us_per_mb",     U::MicrosecondsPerMb,  &CostProfile::serialize_per_mb,     nullptr},
    {"queue_handoff_us",        U::Microseconds,       &CostProfile::queue_handoff,        nullptr},
    {"lock_us",                 U::Microseconds,       &CostProfile::lock,                 nullptr},
    {"cow_fault_us",            U::Microseconds,       &CostProfile::cow_fault,            nullptr},
    {"gil_switch_interval_us",  U::Microseconds,       &CostProfile::gil_switch_interval,  nullptr},
    {"gil_handoff_us",          U::Microseconds,       &CostProfile::gil_handoff,          nullptr},
    {"code_kb",                 U::Kilobytes,          nullptr, &CostProfile::code_kb},
    {"data_kb",                 U::Kilobytes,          nullptr, &CostProfile::data_kb},
    {"heap_kb",                 U::Kilobytes,          nullptr, &CostProfile::heap_kb},
    {"thread_stack_kb",         U::Kilobytes,          nullptr, &CostProfile::thread_stack_kb},
    {"fork_dirty_kb",           U::Kilobytes,          nullptr, &CostProfile::fork_dirty_kb},
    {"spawn_extra_kb",          U::Kilobytes,          nullptr, &CostProfile::spawn_extra_kb},
};

// Caps keep every later product (pages, ns) far from overflow and catch unit slips such as
// a value meant in ns written into an _us field.
constexpr std::int64_t kMaxCostNs = 3'600'000'000'000;   // one hour
constexpr std::int64_t kMaxKb     = 16LL * 1024 * 1024;  // 16 GiB per region
constexpr std::int64_t kMaxMbps   = 1'000'000;           // 1 TB/s

}  // namespace

std::span<const CostField> cost_fields() { return kFields; }

const CostField* find_cost_field(std::string_view name) {
  for (const CostField& f : kFields)
    if (name == f.name) return &f;
  return nullptr;
}

std::string set_cost_field(CostProfile& profile, const CostField& field, std::int64_t value) {
  if (value < 0) return "must not be negative";
  switch (field.unit) {
    case U::Microseconds:
    case U::MicrosecondsPerMb:
      if (value > kMaxCostNs) return "too large (at most 3600000000 us, one hour)";
      if (field.time == &CostProfile::gil_switch_interval && value < 1'000)
        return "must be at least 1 us (a zero interval would hand the GIL over forever)";
      profile.*(field.time) = value;
      return "";
    case U::Kilobytes:
      if (value > kMaxKb) return "too large (at most 16777216 KB)";
      profile.*(field.count) = static_cast<std::uint32_t>(value);
      return "";
    case U::MegabytesPerSecond:
      if (value > kMaxMbps) return "too large (at most 1000000 MB/s)";
      profile.*(field.count) = static_cast<std::uint32_t>(value);
      return "";
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Derived costs
// ---------------------------------------------------------------------------------------------
const char* to_string(SwitchKind kind) {
  switch (kind) {
    case SwitchKind::None:    return "none";
    case SwitchKind::Thread:  return "thread";
    case SwitchKind::Process: return "process";
  }
  return "?";
}

const char* to_string(WorkerKind kind) {
  switch (kind) {
    case WorkerKind::Thread:         return "thread";
    case WorkerKind::ForkedProcess:  return "fork";
    case WorkerKind::SpawnedProcess: return "spawn";
  }
  return "?";
}

SwitchKind classify_switch(ThreadId last, ProcessId last_process, ThreadId next, ProcessId next_process) {
  // A core that has run nothing holds no one's state: loading the first thread is part of
  // starting it, not a switch (as the engine's "a thread other than its last" rule says).
  if (last == kNoThread || last == next) return SwitchKind::None;
  return last_process == next_process ? SwitchKind::Thread : SwitchKind::Process;
}

TimeNs switch_cost(const CostProfile& profile, SwitchKind kind) {
  switch (kind) {
    case SwitchKind::None:    return 0;
    case SwitchKind::Thread:  return profile.thread_switch;
    case SwitchKind::Process: return profile.process_switch + profile.address_space_refill;
  }
  return 0;
}

TimeNs ipc_side_cost(const CostProfile& profile, std::uint64_t bytes) {
  TimeNs t = profile.ipc_latency;
  if (profile.ipc_mb_per_s > 0) t += mul_div(bytes, 1'000, profile.ipc_mb_per_s);   // bytes / (MB/s * 1e6) s
  t += mul_div(bytes, profile.serialize_per_mb, 1'000'000);
  return t;
}

TimeNs creation_cost(const CostProfile& profile, WorkerKind kind) {
  switch (kind) {
    case WorkerKind::Thread:         return profile.thread_create;
    case WorkerKind::ForkedProcess:  return profile.fork;
    case WorkerKind::SpawnedProcess: return profile.spawn;
  }
  return 0;
}

}  // namespace tl
