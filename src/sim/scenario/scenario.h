// A validated, compiled scenario: what the engine runs. Built from JSON by parse_scenario()
// (scenario/json.cpp) or directly by adapters (the OSTEP front ends, lessons, tests).
//
// [SECTION] Programs: flat op lists (repeat compiled to loop ops)
// [SECTION] Machine, scheduler, limits
// [SECTION] Scenario
#pragma once
#include "sim/core/types.h"
#include "sim/runtime/cost_profile.h"
#include "sim/runtime/specs.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Programs
// ---------------------------------------------------------------------------------------------
// A thread's program is compiled to a flat list so that a running thread is just a program
// counter plus a small loop-counter stack: cheap to store for thousands of threads and cheap to
// step through millions of times. New step kinds (create, fork, join, send, ...) add OpKinds.
enum class OpKind : std::uint8_t {
  Compute,          // duration: CPU work, preemptible at any ns
  Io,               // duration: blocking I/O; the core is free meanwhile
  Sleep,            // duration: timed sleep; the core is free meanwhile
  LoopBegin,        // arg: iteration count; pushes a counter (count 0 jumps past its LoopEnd)
  LoopEnd,          // arg: index of the matching LoopBegin
  Lock,             // arg: MutexId of the thread's process
  Unlock,           // arg: MutexId
  Load,             // arg: VarId; copies the shared variable into the thread's register
  Add,              // arg: VarId; register += 1
  Store,            // arg: VarId; writes the register back (may overwrite a concurrent update)
  AtomicIncrement,  // arg: VarId; read-modify-write as one indivisible step
  // Lifetime, memory, communication. Creation ops cost the creator CPU first.
  Create,      // arg: ThreadId of a "start": "created" thread of the same process
  Join,        // arg: ThreadId; waits (off-core) until it finishes
  Fork,        // arg: ProcessId declared "start": "fork"
  Spawn,       // arg: ProcessId declared "start": "spawn"
  ForkServer,  // arg: ProcessId declared "start": "forkserver"
  Wait,        // arg: ProcessId; waits until all its threads finished
  Write,       // arg: RegionKind | shared-memory index << 8; duration: first page << 32 | page count
  Send,        // arg: channel index; duration: bytes
  Receive,     // arg: channel index
  // C code called from Python: CPU work the GIL's switch interval cannot interrupt (a long
  // pure-C call holds the GIL), or that runs with the GIL released (NumPy, hashlib, zlib).
  CCallHold,     // duration: CPU work holding the GIL, no switch point inside
  CCallRelease,  // duration: CPU work without the GIL; retakes it afterwards
  // Python objects after fork: reading them writes their reference counts (copy-on-read), a
  // garbage collection writes the GC header of every tracked object, except those frozen.
  Read,       // arg: RegionKind (data or heap); duration: first page << 32 | page count
  GcFreeze,   // gc.freeze(): the heap's pages as they are now are left alone by collections
  GcCollect,  // gc.collect(): writes every heap page not frozen (in the python profile)
  // A worker of a pool: takes the next message of a channel (paying its receive side), runs
  // the body, and again, until the channel is closed and empty.
  Serve,     // arg: channel index; the loop's head (waits like Receive when the channel is empty)
  ServeEnd,  // arg: index of its Serve
  Close,     // arg: channel index; receivers waiting on it are woken and their serve loops end
  // asyncio.run(): the thread runs an event loop over its tasks (Scenario::event_loops) until
  // every task has finished. Inside a task, Io and Sleep with arg 0 are awaits: they suspend
  // the task, not the thread; arg 1 marks a blocking call made from a task (time.sleep, a
  // synchronous read), which blocks the loop's thread and so every task.
  EventLoop,  // arg: index into Scenario::event_loops
};

struct Op {
  OpKind kind;
  std::uint32_t arg = 0;     // see OpKind
  TimeNs duration = 0;       // Compute/Io/Sleep; other kinds take machine-defined costs
  std::uint32_t source = 0;  // index into ThreadSpec::op_paths: JSON path for messages
};

struct ThreadSpec {
  std::string name;
  ProcessId process = 0;
  TimeNs arrival = 0;                // when it becomes ready (after its process starts)
  bool created = false;              // "start": "created": a Create op starts it, not arrival
  int priority = 0;                  // policy "priority": larger runs first
  std::uint32_t working_set_kb = 0;  // refilled (refill_us_per_mb) each time it is switched in
  std::vector<Op> program;
  std::vector<std::string> op_paths;  // e.g. "processes[0].threads[1].program[2]"
};

struct ProcessSpec {
  std::string name;
  std::vector<std::string> vars;      // shared variables, declaration order
  std::vector<std::int64_t> initial;  // same length as vars
  std::vector<std::string> mutexes;   // mutex names used by its threads, first-use order
  // [mutex] true: FIFO hand-off on unlock ("fair"); false or missing: glibc-like barging.
  std::vector<char> fair_mutexes;
  std::vector<ThreadId> threads;
  ProcessOrigin origin = ProcessOrigin::Initial;  // "start": "fork" / "spawn"
};

// One asyncio task: a coroutine run by its thread's event loop. Tasks declared with a count
// share one program (Scenario::task_programs), whose ops' `source` indexes the thread's
// op_paths, like the thread's own ops.
struct TaskSpec {
  std::string name;
  ThreadId thread = 0;        // the thread whose event loop runs it
  std::uint32_t loop = 0;     // index into Scenario::event_loops
  std::uint32_t program = 0;  // index into Scenario::task_programs
};

// One event_loop step: the tasks it runs are tasks[first_task .. first_task + task_count).
// They start in that order (asyncio.gather schedules them so); the loop ends when all are done.
struct EventLoopSpec {
  ThreadId thread = 0;
  std::uint32_t first_task = 0;
  std::uint32_t task_count = 0;
};

struct ChannelSpec {
  std::string name;
  ChannelKind kind = ChannelKind::Pipe;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Machine, scheduler, limits
// ---------------------------------------------------------------------------------------------
struct MachineSpec {
  std::uint32_t cores = 1;  // 1 .. 256 physical cores (cores x smt <= 256)
  // Simultaneous multithreading: hardware threads per core (1 .. 8). The engine runs
  // cores x smt hardware threads, numbered as Linux does: hardware thread h is on core
  // h % cores, so the first `cores` fill every core before any sibling. Siblings share their
  // core: with k of its hardware threads busy a core does smt_throughput_pct(k) percent of
  // one thread's work per ns, split evenly among them.
  std::uint32_t smt = 1;
  std::uint32_t smt_throughput_pct = 125;  // all hardware threads of a core busy, vs one
  TimeNs switch_cost = 0;                  // charged when a core starts a thread other than its last
  TimeNs lock_cost = 0;                    // an uncontended lock or unlock
  TimeNs mem_op_cost = 1;                  // each of load / add / store of a non-atomic increment
  TimeNs atomic_cost = 3;                  // one atomic increment
  // A shared variable's or mutex's cache line last written on another core moves here first
  // (loads, stores, atomics, lock and unlock). 0 in scenarios built in code; files: 40 ns.
  TimeNs line_transfer_cost = 0;
  // Costs by kind (thread vs process switch, creation, IPC, faults) and memory sizes. The
  // default is the textbook profile (all zero): scenarios built in code keep zero costs;
  // parse_scenario starts from "native". switch_cost above is added to every switch.
  CostProfile costs;
};

// The physical cores and hardware threads per core the engine builds however the spec was set
// (cores 1 .. 256, smt 1 .. 8).
inline std::uint32_t clamped_cores(const MachineSpec& m) { return m.cores < 1 ? 1 : (m.cores > 256 ? 256 : m.cores); }
inline std::uint32_t clamped_smt(const MachineSpec& m) { return m.smt < 1 ? 1 : (m.smt > 8 ? 8 : m.smt); }

// What the engine schedules on: cores x smt hardware threads (the product clamped to 256),
// each a "core" of the trace with its own lane.
inline std::uint32_t hardware_threads(const MachineSpec& m) {
  const std::uint32_t both = clamped_cores(m) * clamped_smt(m);
  return both > 256 ? 256 : both;
}

// The limits a machine's hardware threads must keep however it was set (a file, a lesson's
// controls applied to a parsed scenario), each one broken as its field and why: past them
// hardware_threads() would quietly schedule on fewer, or siblings would do more than SMT can.
struct MachineLimitError {
  const char* field;  // "smt" or "smt_throughput_pct"
  std::string message;
};
std::vector<MachineLimitError> machine_limit_errors(const MachineSpec& m);

enum class PolicyKind : std::uint8_t { Fifo,
                                       Sjf,
                                       Stcf,
                                       Rr,
                                       Priority,
                                       Mlfq,
                                       Cyclic };

// The scenario-file spelling: "fifo", "sjf", "stcf", "rr", "priority", "mlfq", "cyclic".
const char* to_string(PolicyKind policy);

struct MlfqLevel {
  TimeNs quantum = 0;
  std::uint32_t allotment = 1;  // quanta a thread may use at this level before demotion
};

struct SchedulerSpec {
  PolicyKind policy = PolicyKind::Rr;
  TimeNs quantum = 10'000'000;  // rr (and priority among equals)
  // mlfq
  std::vector<MlfqLevel> levels;  // highest priority first
  TimeNs boost = 0;               // 0 = never
  bool io_bump = false;           // a thread back from I/O goes to its queue's head
  bool io_reset = false;          // I/O refills slice and allotment at its level
  // cyclic (OSTEP process-run): picks the next ready thread by id after the last one run
  bool wake_preempts = false;          // IO_RUN_IMMEDIATE
  bool io_holds_core = false;          // SWITCH_ON_END
  bool dispatch_before_wakes = false;  // freed cores pick before same-instant wakes
};

struct Limits {
  TimeNs max_sim_time = 24LL * 3600 * 1'000'000'000;  // simulated time cap
  std::uint64_t max_events = 500'000'000;             // engine steps cap
  // Bytes of recorded trace (spans, instants, run-queue and memory samples, page events) a run
  // may hold; past it the run stops with Outcome::MemoryLimit instead of exhausting memory (a
  // step records up to ~100 bytes, so max_events alone allows far more than a machine has).
  // Not a scenario-file field: a front end with less memory (a browser tab) sets its own.
  std::uint64_t max_trace_bytes = std::uint64_t{1} << 30;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Scenario
// ---------------------------------------------------------------------------------------------
struct Scenario {
  std::uint64_t seed = 1;
  MachineSpec machine;
  SchedulerSpec scheduler;
  Limits limits;
  std::vector<ProcessSpec> processes;
  std::vector<ThreadSpec> threads;
  std::vector<ChannelSpec> channels;
  std::vector<SharedMemorySpec> shared_memory;  // "shared_memory": [{name, kb, processes}]
  GilSpec gil;                                  // "runtime": {"gil": true, "switch_interval_us": 5000}
  std::vector<EventLoopSpec> event_loops;       // {"event_loop": {"tasks": [...]}} steps, document order
  std::vector<TaskSpec> tasks;                  // every loop's tasks, loop after loop
  std::vector<std::vector<Op>> task_programs;   // TaskSpec::program
};

struct ScenarioError {
  std::string path;     // JSON path, e.g. "processes[0].threads[1].program[2]" ("" = document)
  std::string message;  // the reason, e.g. "unknown step kind 'comput_us'"
};

struct ParseResult {
  std::optional<Scenario> scenario;   // set iff errors is empty
  std::vector<ScenarioError> errors;  // every error found, document order
  std::string title;                  // the document's "name" and "description": prose for
  std::string description;            // a reader, which the engine never needs
};

// The largest scenario document parse_scenario reads. A front end reading a file stops there
// (sim/core/text_file), so an endless file cannot fill the memory first.
inline constexpr std::size_t kMaxScenarioDocumentBytes = 64u << 20;

ParseResult parse_scenario(std::string_view json_text);

// How a front end reads a profile file that "machine": {"profile": "NAME.json"} names
// (machine_profile.h): its text, or nullopt with `reason`. The CLI resolves NAME relative to
// the scenario file; a web page has no files and passes none (such a scenario is an error
// saying to inline the profile object).
using ProfileFileReader = std::function<std::optional<std::string>(const std::string& name, std::string& reason)>;
struct ParseOptions {
  ProfileFileReader read_profile_file;  // empty: profile files are refused
};
ParseResult parse_scenario(std::string_view json_text, const ParseOptions& options);

// CPU time a program needs on `machine` (compute plus nominal lock, memory and atomic costs,
// loops multiplied out, saturating at kForever): the SJF/STCF oracle. Increment jitter is not
// included. The engine computes it from the program, so nothing else stores it.
TimeNs program_cpu_demand(const std::vector<Op>& program, const MachineSpec& machine);

// "error: PATH: MESSAGE" (or "error: MESSAGE" at the document root): the one format every
// front end prints.
std::string format_error(const ScenarioError& error);

}  // namespace tl
