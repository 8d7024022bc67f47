// The interface between the engine and one scheduling policy. The engine owns time, cores,
// thread states and the trace; a policy owns only its ready queue(s) and its bookkeeping, and
// answers: who runs next on this core, for how long, and whether a newly ready thread takes
// a running thread's core. One policy per file: policy_<name>.cpp.
#pragma once
#include "sim/scenario/scenario.h"

#include <cstddef>
#include <memory>
#include <span>

namespace tl {

enum class ReadyReason : std::uint8_t {
  Arrival,       // first time runnable
  Wake,          // back from I/O, sleep or a lock hand-off
  Preempted,     // taken off its core by a more deserving thread or a policy timer
  SliceExpired,  // used up policy slice while still runnable
};

enum class StopReason : std::uint8_t {
  SliceExpired,  // slice() ran out; the engine enqueues it again with SliceExpired
  Blocked,       // started I/O, sleep or a lock wait
  Finished,      // program complete
  Preempted,     // preempts() or a timer took its core; re-enqueued with Preempted
};

// Read-only facts about the run that a policy may consult.
struct PolicyContext {
  const Scenario* scenario = nullptr;
  std::span<const TimeNs> remaining_cpu;  // [thread] CPU demand still to run (SJF/STCF oracle)
};

class Policy {
 public:
  virtual ~Policy() = default;

  // A thread became runnable; calls come in event order (the engine's tie rules).
  virtual void enqueue(ThreadId thread, ReadyReason why, TimeNs now) = 0;
  // Choose and remove the thread core `core` runs next, or kNoThread to leave it idle.
  // core_was_idle: the core had no thread before this instant (false: just freed).
  virtual ThreadId pick(CoreId core, bool core_was_idle, TimeNs now) = 0;
  // CPU time `thread` may use from now before the policy wants the core back; kForever = until
  // it blocks or finishes. Asked at each dispatch.
  virtual TimeNs slice(ThreadId thread) const = 0;
  // `thread` left its core after `ran` ns of CPU in this dispatch.
  virtual void on_stop(ThreadId /*thread*/, TimeNs /*ran*/, StopReason /*why*/, TimeNs /*now*/) {}
  // Should `candidate`, just made ready, take the core of `running`? Asked before
  // enqueue(candidate), for running threads only when no core is idle.
  virtual bool preempts(ThreadId /*candidate*/, ThreadId /*running*/) const { return false; }
  // The form the engine calls: also says why the candidate became ready (MLFQ's io_bump lets a
  // thread back from I/O take a same-level core; an arrival may not). Defaults to the above.
  virtual bool preempts(ThreadId candidate, ReadyReason /*why*/, ThreadId running) const {
    return preempts(candidate, running);
  }
  // False lets the engine skip the preemption questions entirely (FIFO, SJF, RR): with
  // thousands of ready events per simulated millisecond on 64 cores they are not free.
  virtual bool may_preempt() const { return true; }
  // Among the running threads `candidate` preempts, the one with the largest rank is evicted
  // (ties: the highest core id).
  virtual std::int64_t eviction_rank(ThreadId /*running*/) const { return 0; }
  // Next policy timer strictly after `now` (MLFQ boost), or kForever.
  virtual TimeNs next_timer(TimeNs /*now*/) const { return kForever; }
  // At a timer instant; the engine has first taken every running thread off its core
  // (on_stop Preempted, then enqueue Preempted, in core order).
  virtual void on_timer(TimeNs /*now*/) {}
};

std::unique_ptr<Policy> make_policy(const SchedulerSpec& spec, const PolicyContext& context);

}  // namespace tl
