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
    case CostProfileKind::Native: return "native";
    case CostProfileKind::Python: return "python";
    case CostProfileKind::Textbook: return "textbook";
  }
  return "?";
}

std::optional<CostProfileKind> cost_profile_kind(std::string_view name) {
  if (name == "native") return CostProfileKind::Native;
  if (name == "python") return CostProfileKind::Python;
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
  // Direct switch costs since PCID (Linux 4.14+ on x86): a process switch changes page tables
  // without flushing the TLB, so it costs tens of percent more than a thread switch, both
  // ~1-4 us. The big, variable cost is refilling the caches with the incoming thread's working
  // set, for threads as for processes: ~0.1 ms per MB refilled from memory, at most a core's
  // share of cache (2 MB).
  p.thread_switch = us(2);
  p.process_switch = 2'500;
  p.address_space_refill = 0;
  p.refill_per_mb = us(100);
  p.cow_fault = us(2);  // minor fault plus one 4 KiB copy
  // fork copies the parent's page tables, not its pages: about 9-13 ms per GB resident
  // (Redis's latency documentation measures fork per GB of resident memory).
  p.fork_per_gb = us(10'000);
  if (kind == CostProfileKind::Native) {
    // A small C program: code is libc plus the program, mapped from the page cache; a thread
    // touches two pages of its 8 MB virtual stack; a forked child dirties its own stack
    // frames and libc state (the CostProfile defaults).
    p.thread_create = us(20);  // pthread_create + join, ~10-50 us
    p.fork = us(200);          // small process: fork ~100 us-1 ms in all, parent and child
    p.fork_child = us(100);
    p.spawn = us(500);  // fork + exec of a small program, then the dynamic loader
    p.spawn_child = us(500);
    p.forkserver = us(200);  // no native fork server: a fork of a small server process
    p.forkserver_child = us(100);
    p.ipc_latency = us(5);    // pipe write + reader wake-up
    p.ipc_mb_per_s = 2'000;   // memcpy through the kernel, both sides
    p.serialize_per_mb = 0;   // raw bytes: nothing to pickle
    p.queue_handoff = us(1);  // mutex + condition variable wake
    p.lock = 25;              // uncontended fast path, no system call
    p.wake = us(5);           // timer or device wake, IPI, out of the idle loop: a few us
    p.futex_wake = us(5);     // futex wake by another thread: a few us
    // A C event loop (libuv, or C++ coroutines over epoll): a coroutine resume is tens of ns,
    // a timer a heap push, an I/O wait an epoll_ctl pair and the read: about a microsecond.
    p.asyncio_run = us(20);
    p.asyncio_task = 500;
    p.asyncio_step = 100;
    p.asyncio_sleep = 200;
    p.asyncio_io = us(1);
    return p;
  }
  p.thread_create = us(200);  // threading.Thread start + join
  // Start + join of an empty worker: fork ~5 ms (~20x a thread), forkserver ~35 ms, spawn
  // ~100-150 ms (~500-700x a thread). The parent pays the system calls; the rest (after-fork
  // hooks; a fresh interpreter's start-up and imports; unpickling the process object from the
  // server) is the child's, on its own core, in parallel with its siblings.
  p.fork = us(1'000);
  p.fork_child = us(4'000);
  p.spawn = us(2'000);
  p.spawn_child = us(118'000);
  p.forkserver = us(2'000);
  p.forkserver_child = us(33'000);
  p.ipc_latency = us(50);  // tens of us to ms per message
  p.ipc_mb_per_s = 1'000;  // the kernel copy
  // Pickling (and unpickling) per MB. A multiprocessing.Pipe pipelines the copy, so one MB
  // costs about 1.2 + 1 + 1.2 = 3.4 ms end to end (~300 MB/s; measured 200-420 MB/s: 10 MB in
  // ~25 ms, 100 MB in ~0.5 s); a multiprocessing.Queue does not, and its feeder thread adds a
  // buffer copy on each side: 2 x (1.2 + 2 x 1) = 6.4 ms (~155 MB/s; measured 155-170).
  p.serialize_per_mb = us(1'200);
  // queue.Queue put/get: a reference, whatever its size; with the futex wake below, one
  // hand-over to a waiting thread is ~0.05 ms end to end.
  p.queue_handoff = us(30);
  p.lock = 250;  // a threading.Lock acquire/release pair is ~0.5 us
  // The two latencies calibration.md's GIL figures show beyond the switch interval: an I/O
  // thread beside a CPU-bound one waits ~5.2 ms at 5 ms (1.2 at 1, 20 at 20), and ~0.1 ms
  // with the CPU work in another process. The OS wake plus re-entering the interpreter (the
  // other-process case is that alone), then, after a forced drop, the holder reaching its
  // next eval-breaker check and the waiter coming back from its condition variable.
  p.wake = us(100);
  p.gil_handoff = us(100);
  // A futex wake (a lock released, an item put, a thread joined, the GIL released by a
  // blocking call): a few to tens of us, without the timer slack of a sleep.
  p.futex_wake = us(20);
  // asyncio in CPython 3.11 (docs/calibration.md): a task resumed from the ready queue ~4-7 us
  // (N tasks awaiting asyncio.sleep(0)); create_task + gather + the task's end ~15 us beyond
  // its first step; an asyncio.sleep(d > 0) ~12 us more than sleep(0) (call_later's timer
  // handle and heap); a socket read that has to wait ~22 us more (add_reader/remove_reader,
  // the selector's callback, the failed and the real recv); asyncio.run() itself ~0.4 ms.
  p.asyncio_run = us(400);
  p.asyncio_task = us(15);
  p.asyncio_step = us(5);
  p.asyncio_sleep = us(12);
  p.asyncio_io = us(22);
  // CPython: ~13 MB resident per interpreter. Code is libpython, extension modules and the
  // mapped stdlib (file-backed, shared through the page cache even between spawned
  // interpreters), so that a spawned child is ~16 MB resident of which ~9 MB private.
  p.code_kb = 7'168;
  p.data_kb = 1'024;
  p.heap_kb = 5'120;
  p.thread_stack_kb = 12;    // ~12 KB resident per extra thread
  p.fork_dirty_kb = 1'536;   // reference counts and GC dirty pages: ~1.5 MB private
  p.spawn_extra_kb = 3'072;  // re-importing __main__ and multiprocessing's bootstrap
  return p;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Field table
// ---------------------------------------------------------------------------------------------
namespace {
using U = CostUnit;
constexpr CostField kFields[] = {
    {"thread_switch_us", U::Microseconds, &CostProfile::thread_switch, nullptr},
    {"process_switch_us", U::Microseconds, &CostProfile::process_switch, nullptr},
    {"address_space_refill_us", U::Microseconds, &CostProfile::address_space_refill, nullptr},
    {"refill_us_per_mb", U::Microseconds, &CostProfile::refill_per_mb, nullptr},
    {"cache_kb", U::Kilobytes, nullptr, &CostProfile::cache_kb},
    {"wake_us", U::Microseconds, &CostProfile::wake, nullptr},
    {"futex_wake_us", U::Microseconds, &CostProfile::futex_wake, nullptr},
    {"thread_create_us", U::Microseconds, &CostProfile::thread_create, nullptr},
    {"fork_us", U::Microseconds, &CostProfile::fork, nullptr},
    {"fork_us_per_gb", U::Microseconds, &CostProfile::fork_per_gb, nullptr},
    {"fork_child_us", U::Microseconds, &CostProfile::fork_child, nullptr},
    {"spawn_us", U::Microseconds, &CostProfile::spawn, nullptr},
    {"spawn_child_us", U::Microseconds, &CostProfile::spawn_child, nullptr},
    {"forkserver_us", U::Microseconds, &CostProfile::forkserver, nullptr},
    {"forkserver_child_us", U::Microseconds, &CostProfile::forkserver_child, nullptr},
    {"ipc_latency_us", U::Microseconds, &CostProfile::ipc_latency, nullptr},
    {"ipc_mb_per_s", U::MegabytesPerSecond, nullptr, &CostProfile::ipc_mb_per_s},
    {"serialize_us_per_mb", U::MicrosecondsPerMb, &CostProfile::serialize_per_mb, nullptr},
    {"queue_handoff_us", U::Microseconds, &CostProfile::queue_handoff, nullptr},
    {"lock_us", U::Microseconds, &CostProfile::lock, nullptr},
    {"cow_fault_us", U::Microseconds, &CostProfile::cow_fault, nullptr},
    {"gil_switch_interval_us", U::Microseconds, &CostProfile::gil_switch_interval, nullptr},
    {"gil_handoff_us", U::Microseconds, &CostProfile::gil_handoff, nullptr},
    {"asyncio_run_us", U::Microseconds, &CostProfile::asyncio_run, nullptr},
    {"asyncio_task_us", U::Microseconds, &CostProfile::asyncio_task, nullptr},
    {"asyncio_step_us", U::Microseconds, &CostProfile::asyncio_step, nullptr},
    {"asyncio_sleep_us", U::Microseconds, &CostProfile::asyncio_sleep, nullptr},
    {"asyncio_io_us", U::Microseconds, &CostProfile::asyncio_io, nullptr},
    {"code_kb", U::Kilobytes, nullptr, &CostProfile::code_kb},
    {"data_kb", U::Kilobytes, nullptr, &CostProfile::data_kb},
    {"heap_kb", U::Kilobytes, nullptr, &CostProfile::heap_kb},
    {"thread_stack_kb", U::Kilobytes, nullptr, &CostProfile::thread_stack_kb},
    {"fork_dirty_kb", U::Kilobytes, nullptr, &CostProfile::fork_dirty_kb},
    {"spawn_extra_kb", U::Kilobytes, nullptr, &CostProfile::spawn_extra_kb},
};

// Caps keep every later product (pages, ns) far from overflow and catch unit slips such as
// a value meant in ns written into an _us field.
constexpr std::int64_t kMaxCostNs = 3'600'000'000'000;  // one hour
constexpr std::int64_t kMaxKb = 16LL * 1024 * 1024;     // 16 GiB per region
constexpr std::int64_t kMaxMbps = 1'000'000;            // 1 TB/s

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
    case SwitchKind::None: return "none";
    case SwitchKind::Thread: return "thread";
    case SwitchKind::Process: return "process";
  }
  return "?";
}

const char* to_string(WorkerKind kind) {
  switch (kind) {
    case WorkerKind::Thread: return "thread";
    case WorkerKind::ForkedProcess: return "fork";
    case WorkerKind::SpawnedProcess: return "spawn";
    case WorkerKind::ForkServerProcess: return "forkserver";
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
    case SwitchKind::None: return 0;
    case SwitchKind::Thread: return profile.thread_switch;
    case SwitchKind::Process: return profile.process_switch + profile.address_space_refill;
  }
  return 0;
}

TimeNs refill_cost(const CostProfile& profile, std::uint64_t working_set_kb) {
  return mul_div(std::min<std::uint64_t>(working_set_kb, profile.cache_kb), profile.refill_per_mb, 1'024);
}

TimeNs ipc_copy_cost(const CostProfile& profile, std::uint64_t bytes) {
  return profile.ipc_mb_per_s > 0 ? mul_div(bytes, 1'000, profile.ipc_mb_per_s) : 0;  // bytes / (MB/s * 1e6) s
}

TimeNs ipc_serialize_cost(const CostProfile& profile, std::uint64_t bytes) {
  return mul_div(bytes, profile.serialize_per_mb, 1'000'000);
}

TimeNs ipc_side_cost(const CostProfile& profile, std::uint64_t bytes) {
  return profile.ipc_latency + ipc_copy_cost(profile, bytes) + ipc_serialize_cost(profile, bytes);
}

TimeNs creation_cost(const CostProfile& profile, WorkerKind kind) {
  switch (kind) {
    case WorkerKind::Thread: return profile.thread_create;
    case WorkerKind::ForkedProcess: return profile.fork;
    case WorkerKind::SpawnedProcess: return profile.spawn;
    case WorkerKind::ForkServerProcess: return profile.forkserver;
  }
  return 0;
}

// Page tables are copied, not pages: about fork_us_per_gb per GiB resident (1 GiB = 1048576 KB).
TimeNs fork_cost(const CostProfile& profile, std::uint64_t resident_kb) {
  return profile.fork + mul_div(resident_kb, profile.fork_per_gb, 1'048'576);
}

TimeNs child_start_cost(const CostProfile& profile, WorkerKind kind) {
  switch (kind) {
    case WorkerKind::Thread: return 0;
    case WorkerKind::ForkedProcess: return profile.fork_child;
    case WorkerKind::SpawnedProcess: return profile.spawn_child;
    case WorkerKind::ForkServerProcess: return profile.forkserver_child;
  }
  return 0;
}

}  // namespace tl
