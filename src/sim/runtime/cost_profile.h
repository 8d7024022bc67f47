// What things cost on the simulated machine, by kind: the numbers that make threads and
// processes differ. Three named profiles give the defaults ("machine": {"profile": "python"});
// individual machine fields override them by name. Magnitudes come from
// docs/calibration.md ("on a typical Linux machine", not exact constants).
//
// Costs are integer nanoseconds inside the core; the JSON names end in _us (or _kb, _mb_per_s)
// because that is the unit a learner reads and writes.
//
// [SECTION] Profile
// [SECTION] Named profiles and overrides
// [SECTION] Derived costs (switches, transfers)
#pragma once
#include "sim/core/types.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Profile
// ---------------------------------------------------------------------------------------------
enum class CostProfileKind : std::uint8_t { Native,
                                            Python,
                                            Textbook };

// Default-constructed = the textbook profile (no time costs), so scenarios built in code
// (OSTEP adapters, lessons, tests) keep today's zero-cost behaviour unless they ask for costs.
struct CostProfile {
  CostProfileKind kind = CostProfileKind::Textbook;
  // Scheduling                                    JSON field
  TimeNs thread_switch = 0;         // thread_switch_us: same address space
  TimeNs process_switch = 0;        // process_switch_us: direct cost of changing address space
  TimeNs address_space_refill = 0;  // address_space_refill_us: extra TLB refill after a process switch (0 since PCID)
  TimeNs refill_per_mb = 0;         // refill_us_per_mb: cache refill of a switched-in thread's working set
  std::uint32_t cache_kb = 2'048;   // cache_kb: the most a core's caches refill (working sets beyond it cost the same)
  TimeNs wake = 0;                  // wake_us: a timer (sleep) or device (I/O) wake until the thread can be dispatched
  TimeNs futex_wake = 0;            // futex_wake_us: a wake by another thread (lock, queue, join, receive, GIL release)
  // Creation (the creator pays it on its own timeline; includes the eventual join/wait)
  TimeNs thread_create = 0;  // thread_create_us
  // Process start has two parts: the parent's (the system calls) and the child's (its own
  // start-up, run by the child on its own core before its program).
  TimeNs fork = 0;              // fork_us: the parent's fork() of a small process
  TimeNs fork_per_gb = 0;       // fork_us_per_gb: page-table copy per GB the parent has resident
  TimeNs fork_child = 0;        // fork_child_us: a forked child's start-up (after-fork hooks, bootstrap)
  TimeNs spawn = 0;             // spawn_us: the parent's fork/exec of a fresh program
  TimeNs spawn_child = 0;       // spawn_child_us: the child's start-up (interpreter, imports)
  TimeNs forkserver = 0;        // forkserver_us: the parent's request to the fork server
  TimeNs forkserver_child = 0;  // forkserver_child_us: the child's start-up (forked from the server)
  // Communication
  TimeNs ipc_latency = 0;          // ipc_latency_us: fixed cost per message, each side
  std::uint32_t ipc_mb_per_s = 0;  // ipc_mb_per_s: copy bandwidth; 0 = unlimited
  TimeNs serialize_per_mb = 0;     // serialize_us_per_mb: pickling (and unpickling) per MB
  TimeNs queue_handoff = 0;        // queue_handoff_us: passing a reference to a thread
  // Synchronisation and memory
  TimeNs lock = 0;       // lock_us: one uncontended lock or unlock
  TimeNs cow_fault = 0;  // cow_fault_us: page fault + copy of one 4 KiB page
  // Runtime
  TimeNs gil_switch_interval = 5'000'000;  // gil_switch_interval_us: CPython's sys.getswitchinterval()
  TimeNs gil_handoff = 0;                  // gil_handoff_us: a GIL hand-over until its new holder can run
  // An event loop (asyncio), CPU its thread spends besides the tasks' own work
  TimeNs asyncio_run = 0;    // asyncio_run_us: asyncio.run(): making and closing the loop
  TimeNs asyncio_task = 0;   // asyncio_task_us: create_task, gather's bookkeeping, the task's end
  TimeNs asyncio_step = 0;   // asyncio_step_us: resuming a task from the ready queue (Handle._run)
  TimeNs asyncio_sleep = 0;  // asyncio_sleep_us: an await of asyncio.sleep(d > 0): a timer handle
  TimeNs asyncio_io = 0;     // asyncio_io_us: an await of I/O: selector registration, callback, syscalls
  // Memory per worker (resident sizes, KiB; rounded up to whole 4 KiB pages by the memory model)
  std::uint32_t code_kb = 512;        // code_kb: program text (and shared libraries)
  std::uint32_t data_kb = 64;         // data_kb: globals
  std::uint32_t heap_kb = 256;        // heap_kb: heap in use at start
  std::uint32_t thread_stack_kb = 8;  // thread_stack_kb: touched part of a stack (the rest is virtual)
  std::uint32_t fork_dirty_kb = 8;    // fork_dirty_kb: pages a forked child writes on its own soon after fork
  std::uint32_t spawn_extra_kb = 0;   // spawn_extra_kb: a spawned child's extra heap (re-imports)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Named profiles and overrides
// ---------------------------------------------------------------------------------------------
const char* to_string(CostProfileKind kind);
std::optional<CostProfileKind> cost_profile_kind(std::string_view name);  // "native", "python", "textbook"
CostProfile cost_profile(CostProfileKind kind);

// One overridable field: its JSON name and where it lives in CostProfile.
enum class CostUnit : std::uint8_t { Microseconds,
                                     MicrosecondsPerMb,
                                     Kilobytes,
                                     MegabytesPerSecond };
struct CostField {
  const char* name;  // e.g. "fork_us"
  CostUnit unit;
  TimeNs CostProfile::*time = nullptr;          // set for the two time units
  std::uint32_t CostProfile::*count = nullptr;  // set for KB and MB/s
};
std::span<const CostField> cost_fields();
const CostField* find_cost_field(std::string_view name);  // nullptr if not a cost field

// Sets a field from a value already in the field's internal unit: ns for the _us fields (the
// parser reads decimals exactly), KB, or MB/s. Returns the reason it is refused ("" = set).
std::string set_cost_field(CostProfile& profile, const CostField& field, std::int64_t value);

// Reading these fields from a scenario's "machine" object is the scenario layer's job
// (scenario/machine_costs.h): nothing here parses.

// ---------------------------------------------------------------------------------------------
// [SECTION] Derived costs
// ---------------------------------------------------------------------------------------------
enum class SwitchKind : std::uint8_t {
  None,     // the core resumes the thread it ran last, or had run nothing yet
  Thread,   // another thread of the same process: registers and stack only
  Process,  // another process: address-space change, then TLB/cache refill
};
const char* to_string(SwitchKind kind);

// Refilling `working_set_kb` (capped at cache_kb) after a switch.
TimeNs refill_cost(const CostProfile& profile, std::uint64_t working_set_kb);

// `last` is the thread the core ran last (kNoThread if none); processes are the owners.
SwitchKind classify_switch(ThreadId last, ProcessId last_process, ThreadId next, ProcessId next_process);
TimeNs switch_cost(const CostProfile& profile, SwitchKind kind);
inline TimeNs switch_cost(const CostProfile& profile, ThreadId last, ProcessId last_process,
                          ThreadId next, ProcessId next_process) {
  return switch_cost(profile, classify_switch(last, last_process, next, next_process));
}

// Time one side spends moving `bytes` to or from another process: latency, the copy through
// the kernel at ipc_mb_per_s, and (de)serialisation. 1 MB = 1,000,000 bytes, as in MB/s.
TimeNs ipc_side_cost(const CostProfile& profile, std::uint64_t bytes);
TimeNs ipc_copy_cost(const CostProfile& profile, std::uint64_t bytes);       // the copy alone
TimeNs ipc_serialize_cost(const CostProfile& profile, std::uint64_t bytes);  // the (un)pickling alone
enum class WorkerKind : std::uint8_t { Thread,
                                       ForkedProcess,
                                       SpawnedProcess,
                                       ForkServerProcess };
const char* to_string(WorkerKind kind);
// The creator's part (for a fork, of a parent with nothing resident: see fork_cost).
TimeNs creation_cost(const CostProfile& profile, WorkerKind kind);
// A fork by a parent with `resident_kb` resident: fork_us plus the page-table copy.
TimeNs fork_cost(const CostProfile& profile, std::uint64_t resident_kb);
// The child's part, paid by the new process's first thread before its program.
TimeNs child_start_cost(const CostProfile& profile, WorkerKind kind);

}  // namespace tl
