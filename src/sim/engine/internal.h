// Engine internals shared by engine.cpp (event loop, cores, dispatch), ops.cpp (program
// execution: ops, locks, memory), runtime.cpp (GIL, lifetimes, waits) and recording.cpp
// (recording). Not part of the public API.
//
// [SECTION] Event queue
// [SECTION] Runtime state of threads, cores and mutexes
// [SECTION] Engine
#pragma once
#include "sim/engine/engine.h"
#include "sim/policy/policy.h"
#include "sim/engine/memory_recorder.h"
#include "sim/runtime/runtime_model.h"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace tl::detail {

// ---------------------------------------------------------------------------------------------
// [SECTION] Event queue
// ---------------------------------------------------------------------------------------------
// Phases of one instant (docs/engine.md). Phases 2 and 6 (filling idle cores) are not events.
enum Phase : std::uint64_t {
  kPhaseCore = 1,     // a core's segment ends (op completion, slice expiry, overhead paid)
  kPhaseGil = 2,      // a GIL drop request falls due (may be stale: re-checked)
  kPhaseTimer = 3,    // policy timer (MLFQ boost)
  kPhaseArrival = 4,  // a thread arrives; seq = thread id
  kPhaseWake = 5,     // a wait ends (or its wake latency does), a GIL hand-over; seq = issue order
};

// 16 bytes, so a 4-ary heap node's children share one cache line. The key orders events of one
// instant: phase, then the phase's sequence (core id / thread id / wake issue order); the low
// bits carry the payload (core generation, or the woken thread), which never decides order
// between two live events.
struct Event {
  TimeNs time;
  std::uint64_t key;
};

inline constexpr std::uint64_t kWhoBits = 20;  // thread ids < 2^20 (the parser caps at 100000)
inline Event core_event(TimeNs t, CoreId c, std::uint32_t gen) {
  return {t, kPhaseCore << 60 | std::uint64_t{c} << 32 | gen};
}
inline Event thread_event(TimeNs t, std::uint64_t phase, std::uint64_t seq, ThreadId who) {
  return {t, phase << 60 | (seq & ((std::uint64_t{1} << 40) - 1)) << kWhoBits | who};
}
inline std::uint64_t event_phase(const Event& e) { return e.key >> 60; }
inline CoreId event_core(const Event& e) { return static_cast<CoreId>((e.key >> 32) & 0xFFFFFFF); }
inline std::uint32_t event_gen(const Event& e) { return static_cast<std::uint32_t>(e.key); }
inline ThreadId event_thread(const Event& e) {
  return static_cast<ThreadId>(e.key & ((std::uint64_t{1} << kWhoBits) - 1));
}

// A 4-ary min-heap on (time, key): no allocation once grown, no comparator indirection.
class EventQueue {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  bool empty() const { return heap_.empty(); }
  const Event& top() const { return heap_.front(); }
  void push(const Event& e);
  void pop();

 private:
  static bool less(const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : a.key < b.key;
  }
  std::vector<Event> heap_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Runtime state
// ---------------------------------------------------------------------------------------------
enum class RtState : std::uint8_t {
  NotArrived,
  Ready,
  Running,
  BlockedIo,
  Sleeping,
  BlockedLock,
  WaitingGil,
  BlockedJoin,
  BlockedReceive,
  Done
};

// What a thread needs after running its zero-cost ops inline.
enum class StepResult : std::uint8_t { NeedCpu,
                                       Blocked,
                                       Finished };

struct ThreadRt {
  TimeNs op_left = 0;         // CPU still owed to the op at pc; 0 = op not begun
  TimeNs state_since = 0;     // start of the open state span
  TimeNs op_total = 0;        // the cost op_left started from: op_left < op_total = op begun
  TimeNs fault_debt = 0;      // CPU owed before its program (a child's start-up and faults)
  TimeNs lane_end = -1;       // end of the last span in its trace lane (-1: none yet)
  std::int64_t reg = 0;       // the register of a non-atomic increment
  std::uint64_t mem_ops = 0;  // memory ops begun so far: the jitter sequence
  std::uint32_t pc = 0;
  std::uint32_t loop_base = 0;            // first loop counter slot in Engine::loops_
  std::uint32_t loop_depth = 0;           // counters in use
  std::uint32_t next_waiter = kNoThread;  // intrusive FIFO of a mutex's waiters
  std::uint32_t waiting_for = 0;          // global mutex index while BlockedLock
  CoreId core = kNoCore;
  CoreId last_core = kNoCore;  // where it ran last: its caches are warm there
  RtState state = RtState::NotArrived;
  ThreadState lane_state = ThreadState::Ready;  // state of that last span
  bool prelude = false;                         // op_left is fault_debt, not the op at pc
  bool waking = false;                          // Ready, its wake latency running: not yet runnable
  bool lock_retry = false;                      // woken from a barging mutex: its next acquire marks it contended
  bool in_loop = false;                         // inside an event_loop step: pc and program are a task's (event_loop.cpp)
};

// ---------------------------------------------------------------------------------------------
// Event loops (asyncio): tasks multiplexed on their thread (event_loop.cpp)
// ---------------------------------------------------------------------------------------------
inline constexpr std::uint32_t kNoTask = 0xFFFFFFFFu;

// A coroutine's saved context while it is not its loop's current task, and its trace lane.
struct TaskRt {
  std::int64_t reg = 0;  // register of a non-atomic increment (no await can split one)
  TimeNs state_since = 0;
  TimeNs lane_end = -1;
  std::uint32_t pc = 0;
  std::uint32_t loop_base = 0;  // its loop-counter slots in Engine::loops_
  std::uint32_t loop_depth = 0;
  RtState state = RtState::NotArrived;  // Ready, Running, BlockedIo, Sleeping, Done
  ThreadState lane_state = ThreadState::Ready;
  bool started = false;  // has had its first step (create_task's cost paid)
};

// An await that ends at `time`: a timer (asyncio.sleep) or an I/O the selector reports.
struct LoopTimer {
  TimeNs time;
  std::uint64_t seq;  // issue order: ties keep it
  std::uint32_t task;
};

// One event loop: asyncio's _ready deque, its timers and selector (one heap: both end an await
// at a known time), and the thread's own context to return to when every task is done.
struct LoopRt {
  std::deque<std::uint32_t> ready;
  std::vector<LoopTimer> timers;  // min-heap on (time, seq)
  std::uint64_t seq = 0;
  std::uint32_t iteration_left = 0;  // handles still to run in this _run_once iteration
  std::uint32_t current = kNoTask;   // the task whose step the thread runs now
  std::uint32_t done = 0;
  // the thread's own program, saved while the loop runs
  const Op* prog = nullptr;
  std::uint32_t len = 0;
  std::uint32_t op_base = 0;
  std::uint32_t pc = 0;
  std::uint32_t loop_base = 0;
  std::uint32_t loop_depth = 0;
};

// A hardware thread's speed, in work per kFullRate ns: kFullRate alone on its core.
inline constexpr std::uint32_t kFullRate = 1000;

struct CoreRt {
  ThreadId thread = kNoThread;     // on the core now
  ThreadId last = kNoThread;       // thread of the last span recorded on this core
  ThreadId preempted = kNoThread;  // taken off at preempted_at (Preempt instant)
  TimeNs preempted_at = -1;
  TimeNs seg_start = 0;   // progress is settled up to here
  TimeNs span_start = 0;  // start of the open trace span
  TimeNs slice_left = 0;
  TimeNs ran = 0;  // CPU used in this dispatch
  TimeNs freed_at = -1;
  TimeNs seg_end = 0;              // when its pending segment event falls due
  std::uint32_t rate = kFullRate;  // work per kFullRate ns in this segment: < kFullRate beside a busy SMT sibling
  std::uint32_t gen = 0;
  bool in_overhead = false;
  bool offered = false;  // asked pick() since freed_at, got nothing
};

// glibc's mutex word: 0 free, 1 locked, 2 locked with (possibly) sleepers. Unlocking a
// contended mutex frees it and wakes one sleeper, which retries like anyone else (barging);
// a fair mutex hands ownership to its first waiter instead.
struct MutexRt {
  ThreadId owner = kNoThread;
  ThreadId head = kNoThread;  // sleepers, FIFO through ThreadRt::next_waiter
  ThreadId tail = kNoThread;
  bool contended = false;      // state 2: the unlock must wake a sleeper
  CoreId line_core = kNoCore;  // core that last wrote the mutex word
  bool fair = false;           // FIFO hand-off ("fair": true)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Engine
// ---------------------------------------------------------------------------------------------
class Engine {
 public:
  // Keeps a reference to `options`: no default argument, whose temporary would die with the
  // constructor call and leave the reference dangling.
  Engine(const Scenario& scenario, const RunOptions& options);
  RunResult run();

 private:
  // engine.cpp: the loop and the cores
  void process_instant(TimeNs now);
  void fill_idle_cores(TimeNs now);
  CoreId next_idle(CoreId from) const;
  void ready_event(ThreadId t, ReadyReason why, TimeNs now);
  void make_ready(ThreadId t, ReadyReason why, TimeNs now);
  void dispatch(CoreId c, ThreadId t, TimeNs now);
  void on_core_event(CoreId c, TimeNs now);
  void continue_run(CoreId c, TimeNs now, StepResult r);
  void settle(CoreId c, TimeNs now);
  void preempt(CoreId c, TimeNs now);
  void release(CoreId c, TimeNs now, StopReason why);
  void schedule_core(CoreId c, TimeNs at);
  // SMT: a core's rate from its siblings' business, the wall time work takes at that rate,
  // and re-timing the siblings' segments when a hardware thread starts or stops.
  std::uint32_t smt_rate(CoreId c) const;
  TimeNs wall_for(const CoreRt& core, TimeNs work) const;
  void smt_changed(CoreId c, TimeNs now);
  void schedule_segment(CoreId c, TimeNs now);
  TimeNs switch_cost(ThreadId prev, ThreadId next) const;
  bool gil_switch_point(ThreadId t) const;  // may t's GIL change hands where t stands?
  // The GIL and lifetimes (runtime.cpp)
  void gil_release(ThreadId t, TimeNs now);
  void gil_drop_on_core(CoreId c, TimeNs now);
  void arm_gil(TimeNs now);
  void on_wake(ThreadId t, TimeNs now);
  void on_gil_timer(TimeNs now);
  void arrive(ThreadId t, TimeNs at);
  void start_process(ProcessId p, ThreadId creator, TimeNs now);
  void thread_finished(ThreadId t, TimeNs now);
  StepResult wait_for(ThreadId t, RtState state, TimeNs now);
  bool stuck() const;
  bool poll(TimeNs now);              // progress + cancel flag + trace size; true = cancelled
  std::uint64_t trace_bytes() const;  // recorded so far (lanes, instants, run queue, memory)
  void finish(TimeNs end);
  static void trim_trace(Trace& trace);  // shrink lanes with much unused capacity

  // ops.cpp: program execution
  void init_programs();
  StepResult step(ThreadId t, TimeNs now);
  StepResult complete_op(ThreadId t, TimeNs now);
  TimeNs mem_op_cost(ThreadId t);
  TimeNs line_cost(CoreId line_core, ThreadId t) const;         // the line moves to t's core first
  std::int64_t var_index(ThreadId t, std::uint32_t var) const;  // into vars_, or -1
  void block(ThreadId t, RtState state, TimeNs now, TimeNs wake_at);
  void schedule_wake(ThreadId t, TimeNs at);
  void collect_waits();
  void enqueue_waiter(MutexRt& mx, ThreadId t);
  ThreadId pop_waiter(MutexRt& mx);
  void copy_vars_at_fork(ProcessId child, ProcessId parent, ThreadId creator, TimeNs now);

  // event_loop.cpp: asyncio tasks on their thread. Each returns nullopt when the thread goes
  // on stepping (its program counter now in another context), else what step() returns.
  void init_event_loops();
  std::optional<StepResult> enter_loop(ThreadId t, std::uint32_t loop, TimeNs now);
  std::optional<StepResult> loop_next(ThreadId t, TimeNs now);
  std::optional<StepResult> task_await(ThreadId t, const Op& op, TimeNs now);
  std::optional<StepResult> charge_loop(ThreadId t, TimeNs cost);
  void leave_task(ThreadId t, LoopRt& loop);
  void set_task_state(std::uint32_t task, RtState s, TimeNs now);
  void mirror_task(ThreadId t, RtState s, TimeNs now);  // the current task follows its thread

  // recording.cpp: recording
  void set_state(ThreadId t, RtState s, TimeNs now);
  void record_core_span(CoreId c, TimeNs start, TimeNs end, ThreadId t, CoreSpanKind kind);
  void note_run_queue(TimeNs now);
  void record_var_access(ThreadId t, const std::int64_t* var, VarAccessKind kind, std::int64_t value, TimeNs now);

  // Out-of-range process ids (hand-built scenarios) fall back to process 0.
  ProcessId process_of(ThreadId t) const {
    return sc_.threads[t].process < sc_.processes.size() ? sc_.threads[t].process : 0;
  }
  bool core_idle(CoreId c) const { return (idle_[c >> 6] >> (c & 63)) & 1; }
  void set_idle(CoreId c, bool idle) {
    if (idle) idle_[c >> 6] |= std::uint64_t{1} << (c & 63);
    else idle_[c >> 6] &= ~(std::uint64_t{1} << (c & 63));
  }

  const Scenario& sc_;
  const MachineSpec& machine_;
  MemoryRecorder memory_;                            // before runtime_, which reports to it from its constructor
  RuntimeModel runtime_;                             // costs by kind, GILs, memory, channels
  std::vector<std::vector<ThreadId>> joiners_;       // [thread] threads joining it
  std::vector<std::vector<ThreadId>> proc_waiters_;  // [process] threads waiting for its exit
  TimeNs gil_timer_ = -1;                            // last GIL drop-request time pushed
  std::unique_ptr<Policy> policy_;
  bool policy_preempts_ = false;

  std::vector<ThreadRt> threads_;
  std::vector<TimeNs> remaining_cpu_;  // PolicyContext::remaining_cpu
  std::vector<CoreRt> cores_;          // hardware threads: cores x smt
  std::uint32_t smt_ = 1;              // hardware threads per core
  std::uint32_t phys_cores_ = 1;
  std::array<std::uint64_t, 4> idle_{};  // bit per core (cores <= 256)
  std::uint32_t idle_count_ = 0;
  std::vector<MutexRt> mutexes_;  // all processes, mutex_base_[process] + MutexId
  std::vector<std::uint32_t> mutex_base_;
  std::vector<std::int64_t> vars_;         // all processes, var_base_[process] + VarId
  std::vector<std::uint64_t> increments_;  // completed increments, indexed like vars_
  std::vector<std::uint32_t> var_base_;
  std::vector<CoreId> var_core_;           // core that last wrote each variable, indexed like vars_
  std::vector<TimeNs> refill_;             // [thread] cache refill of its working set when switched in
  std::vector<std::uint32_t> loop_end_;    // [op_base_[t] + pc] of a LoopBegin: its LoopEnd
  std::vector<std::uint32_t> op_base_;     // [thread] its program's first loop_end_ slot (twins share)
  std::vector<std::uint32_t> loop_depth_;  // [thread] loop nesting, while init_programs runs
  std::vector<const Op*> prog_;            // [thread] its program (hot: no ThreadSpec detour)
  std::vector<std::uint32_t> prog_len_;
  std::vector<std::uint32_t> loops_;  // loop counters, ThreadRt::loop_base
  // event loops: [loop], [task], [task program] (its loop_end_ base and length)
  std::vector<LoopRt> event_loops_;
  std::vector<TaskRt> tasks_;
  std::vector<std::uint32_t> task_op_base_;
  std::vector<std::uint32_t> thread_loop_;  // [thread] the loop it runs now (valid while in_loop)

  EventQueue core_events_;  // phase 1 only: small (about one per core)
  EventQueue events_;       // timers, arrivals, wakes
  std::uint64_t wake_seq_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t pending_ = 0;  // arrival and wake events not yet processed
  std::uint32_t busy_ = 0;     // cores with a thread
  std::uint32_t done_ = 0;
  std::int64_t ready_count_ = 0;   // Ready and in the policy's queue
  std::int64_t waking_count_ = 0;  // Ready, wake latency not yet over (not queued)
  std::uint64_t jitter_seed_ = 0;
  bool halt_ = false;  // stop at this instant: a limit or cancel
  bool cancelled_ = false;
  std::uint64_t next_poll_ = 0;                                                    // steps_ at which to call poll()
  static constexpr std::uint64_t kTraceCheckPolls = 64;                            // polls between trace-size checks
  static constexpr std::uint64_t kFineTraceCheckBelow = std::uint64_t{256} << 20;  // ...or every poll
  std::uint64_t polls_ = 0;
  bool trace_full_ = false;  // max_trace_bytes reached: stop here
  const RunOptions& options_;

  RunResult result_;
};

// splitmix64: the deterministic jitter source.
inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace tl::detail
