// CPython's global interpreter lock (3.2+ "new GIL") as a per-process resource the engine
// drives. Only the thread holding its process's GIL may compute; others "wait for the GIL"
// (blocked in the OS, off any core). The engine asks this class what happens and when; the
// class never touches time itself, so the rules can be tested alone.
//
// The rules, after CPython's Python/ceval_gil.h:
// - A thread that finds the GIL taken waits. If it has waited one switch interval without the
//   GIL changing hands, it sets a drop request ("gil_drop_request"). Its timer restarts
//   whenever the GIL changes hands, so the request is due at
//   max(oldest waiter's arrival, current holder's acquisition) + interval.
// - The holder notices the request at its next check (the engine: at once if it is on a core,
//   else when it is next dispatched) and drops the GIL. FORCE_SWITCHING: the dropper may not
//   take it back before another thread has taken it, so it queues behind the waiters.
// - Blocking I/O, time.sleep, a lock wait and thread exit release the GIL voluntarily.
// - Any acquisition clears a pending drop request.
// Modelling choices (CPython leaves them to the OS): waiters are served first-in first-out,
// and the GIL is handed directly to the next waiter, which becomes runnable `handoff` later
// (CPython: the dropper signals a condition variable and the waiter returns from its wait,
// ~0.1 ms) and runs when the scheduler gives it a core. Its tenure starts then, so the next
// drop request cannot fall due before it has had one whole interval.
//
// [SECTION] Gil (one process)
// [SECTION] GilSet (all processes)
#pragma once
#include "sim/core/types.h"
#include "sim/runtime/specs.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Gil
// ---------------------------------------------------------------------------------------------
struct GilHandover {
  ThreadId from = kNoThread;  // the thread that dropped or released it
  ThreadId to = kNoThread;    // the new holder (the engine makes it runnable), or none
  TimeNs at = 0;              // when `to` can run: the hand-over time plus the handoff latency
};

class Gil {
 public:
  // handoff: after a forced drop; release_handoff: after a voluntary release (a blocking call
  // signals the waiter at once: a futex wake). Negative release_handoff = the same as handoff.
  explicit Gil(TimeNs switch_interval = GilSpec{}.switch_interval, TimeNs handoff = 0,
               TimeNs release_handoff = -1);

  // `thread` wants to run Python code. True: it holds the GIL (it was free, or already its).
  // False: it joins the waiters; a later release or drop hands the GIL to it.
  bool acquire(ThreadId thread, TimeNs now);
  // The holder blocks (I/O, sleep, lock wait) or exits: the GIL passes to the first waiter.
  GilHandover release(ThreadId thread, TimeNs now);

  // When a waiter's timed wait runs out and it asks the holder to drop: kForever if nobody
  // waits or the request is already made. The engine schedules an event at this time.
  TimeNs drop_request_due() const;
  // That event: the request is now pending (drop_requested()).
  void request_drop(TimeNs now);
  bool drop_requested() const { return drop_requested_; }
  // The holder honours the request: the first waiter takes the GIL and the dropper queues
  // behind every waiter (it may not retake before another thread held it).
  GilHandover drop(TimeNs now);

  ThreadId holder() const { return holder_; }
  TimeNs holder_since() const { return holder_since_; }
  bool is_waiting(ThreadId thread) const;
  std::size_t waiting() const { return waiters_.size(); }
  ThreadId first_waiter() const { return waiters_.empty() ? kNoThread : waiters_.front().thread; }
  TimeNs switch_interval() const { return interval_; }
  TimeNs handoff() const { return handoff_; }
  std::uint64_t handovers() const { return handovers_; }        // every change of holder to another thread
  std::uint64_t forced_drops() const { return forced_drops_; }  // of which by drop request

 private:
  struct Waiter {
    ThreadId thread;
    TimeNs since;
  };
  GilHandover hand_to_next(ThreadId from, TimeNs now, TimeNs latency);

  TimeNs interval_;
  TimeNs handoff_;
  TimeNs release_handoff_;
  ThreadId holder_ = kNoThread;
  TimeNs holder_since_ = 0;
  bool drop_requested_ = false;
  std::deque<Waiter> waiters_;
  std::uint64_t handovers_ = 0;
  std::uint64_t forced_drops_ = 0;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] GilSet: one GIL per process (processes never contend for each other's)
// ---------------------------------------------------------------------------------------------
struct GilDue {
  TimeNs time = kForever;
  ProcessId process = 0;
};

class GilSet {
 public:
  GilSet() = default;
  GilSet(std::size_t processes, TimeNs switch_interval, TimeNs handoff = 0, TimeNs release_handoff = -1);
  // Forked and spawned children bring their own interpreter, hence their own GIL.
  ProcessId add_process();

  Gil& operator[](ProcessId process) { return gils_[process]; }
  const Gil& operator[](ProcessId process) const { return gils_[process]; }
  std::size_t size() const { return gils_.size(); }
  // The earliest pending drop request over all processes; ties go to the lowest process id so
  // the engine's event order is the same on every platform.
  GilDue next_due() const;

 private:
  TimeNs interval_ = GilSpec{}.switch_interval;
  TimeNs handoff_ = 0;
  TimeNs release_handoff_ = 0;
  std::vector<Gil> gils_;
};

}  // namespace tl
