// The record of one run: what every view, metric and export reads. Spans are appended in time
// order per lane, so each lane is sorted and a visible window is found by binary search; the UI
// shows millions of spans by culling to the window (see visible()).
#pragma once
#include "sim/trace/memory_lanes.h"
#include "sim/trace/page_events.h"
#include "sim/core/types.h"

#include <span>
#include <vector>

namespace tl {

enum class ThreadState : std::uint8_t {
  Ready,           // runnable, waiting for a core
  Running,         // on a core (including its switch-in overhead)
  BlockedIo,       // waiting for an I/O to complete
  Sleeping,        // timed sleep
  BlockedLock,     // waiting for a mutex
  WaitingGil,      // runnable but its process's GIL is held by another thread (off-core)
  BlockedJoin,     // waiting for a thread to finish (join) or a process to exit (wait)
  BlockedReceive,  // waiting for a message on a channel
};
const char* to_string(ThreadState state);

enum class CoreSpanKind : std::uint8_t {
  Run,       // the thread executes its program
  Overhead,  // context-switch cost paid before the thread runs
};

struct CoreSpan {  // 24 bytes
  TimeNs start;
  TimeNs end;  // > start: zero-length spans are never recorded
  ThreadId thread;
  CoreSpanKind kind;
};

struct StateSpan {  // 24 bytes; a thread's lane covers arrival .. completion
  TimeNs start;
  TimeNs end;
  ThreadState state;
};

enum class InstantKind : std::uint8_t { Preempt };
struct Instant {
  TimeNs time;
  CoreId core;
  ThreadId thread;  // the thread taken off the core
  InstantKind kind;
};

// One step of a shared variable's increment, in the order they took effect: a non-atomic
// increment is a Load, an Add (in the thread's register) and a Store, each at the end of its
// cost, so a reader can replay the interleaving that loses updates and the value at any time.
enum class VarAccessKind : std::uint8_t {
  Load,      // value: what the thread read
  Add,       // value: its register after adding 1
  Store,     // value: what it wrote
  Atomic,    // value: what the atomic increment left
  ForkCopy,  // value: what a forked child's copy starts from (thread: the forking one)
};
const char* to_string(VarAccessKind kind);  // "load", "add", "store", "atomic", "fork-copy"

struct VarAccess {  // 32 bytes
  TimeNs time;
  std::int64_t value;
  ThreadId thread;
  std::uint32_t var;  // all processes' variables in declaration order (as shared_variables)
  VarAccessKind kind;
};

// A message a receiver took: from `sent` (it entered the channel) to `taken`.
struct MessageRecord {  // 40 bytes
  TimeNs sent;
  TimeNs taken;
  std::uint64_t bytes;
  ThreadId sender;
  ThreadId receiver;
  std::uint32_t channel;  // index into the scenario's channels (their kind says copy or reference)
};

struct CounterSample {  // value holds from time until the next sample
  TimeNs time;
  std::int64_t value;
};

struct Trace {
  std::vector<std::vector<CoreSpan>> cores;     // [core] sorted by start, non-overlapping
  std::vector<std::vector<StateSpan>> threads;  // [thread] sorted by start, contiguous
  // [task] asyncio tasks (Scenario::tasks), from their loop's start to their end, sorted and
  // contiguous: ready (in the loop's ready queue, or its thread off-core), running (its thread
  // runs its step: at most one task of a loop at a time), blocked-io / sleeping (awaiting).
  std::vector<std::vector<StateSpan>> tasks;
  std::vector<TimeNs> task_completion;   // [task] when it finished, -1 if it did not
  std::vector<Instant> instants;         // sorted by time
  std::vector<CounterSample> run_queue;  // ready threads not on a core, on change
  TimeNs makespan = 0;
  std::vector<TimeNs> completion;      // [thread] when it finished, -1 if it did not
  std::vector<MemoryLane> memory;      // [process] resident/private/shared KB over time
  PageEvents pages;                    // every mapping change, to rebuild page maps (page_map.h)
  std::uint64_t ipc_bytes_copied = 0;  // pipe payloads copied between processes
  std::uint64_t migrations = 0;        // dispatches of a thread on another core than its previous one
  // Simultaneous multithreading: hardware threads per core. cores[h] is hardware thread h, on
  // physical core h % (cores.size() / smt) (Linux's numbering: siblings are cores apart).
  std::uint32_t smt = 1;
  TimeNs smt_shared = 0;                // hardware-thread time spent running beside a busy sibling (slower)
  std::vector<VarAccess> var_accesses;  // sorted by time; same-time accesses in the order they happened
  std::vector<MessageRecord> messages;  // sorted by `taken`
};

// Spans of a sorted lane that intersect [t0, t1): binary search, no allocation.
std::span<const CoreSpan> visible(std::span<const CoreSpan> lane, TimeNs t0, TimeNs t1);
std::span<const StateSpan> visible(std::span<const StateSpan> lane, TimeNs t0, TimeNs t1);

}  // namespace tl
