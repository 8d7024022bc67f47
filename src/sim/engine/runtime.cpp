// The engine's side of the runtime model: the per-process GIL (when it is taken, released and forcibly
// handed over), thread and process lifetimes (creation, join/wait, exit) and waits. The rules
// themselves live in RuntimeModel (gil.h, memory_model.h, channel.h); this file only moves
// threads between states and cores at the moments those rules name.
//
// [SECTION] GIL
// [SECTION] Wake-ups
// [SECTION] Lifetimes and waits
#include "sim/engine/internal.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace tl::detail {

// ---------------------------------------------------------------------------------------------
// [SECTION] GIL
// ---------------------------------------------------------------------------------------------
// Blocking, sleeping, waiting for a lock/thread/message or finishing: the GIL passes to the
// first waiter, which becomes runnable gil_handoff later (it holds the GIL when its wake is
// handled, and stays WaitingGil until then).
void Engine::gil_release(ThreadId t, TimeNs now) {
  if (!runtime_.gil_enabled()) return;
  if (const GilHandover h = runtime_.release_gil(t, now); h.to != kNoThread) schedule_wake(h.to, h.at);
  arm_gil(now);
}

// The holder on core c honours a drop request: it leaves the core (its op keeps its progress)
// and queues for the GIL behind the waiters; the first waiter takes it.
void Engine::gil_drop_on_core(CoreId c, TimeNs now) {
  const ThreadId t = cores_[c].thread;
  settle(c, now);
  const GilHandover h = runtime_.drop_gil(t, now);
  release(c, now, StopReason::Blocked);
  set_state(t, RtState::WaitingGil, now);
  if (h.to != kNoThread) schedule_wake(h.to, h.at);
  arm_gil(now);
}

// One event per distinct due time; a stale one (the GIL changed hands since) finds nothing due.
void Engine::arm_gil(TimeNs now) {
  const GilDue due = runtime_.next_gil_request();
  if (due.time == kForever) return;
  const TimeNs at = std::max(due.time, now);
  if (at == gil_timer_) return;
  gil_timer_ = at;
  events_.push(thread_event(at, kPhaseGil, 0, 0));
}

void Engine::on_gil_timer(TimeNs now) {
  if (gil_timer_ == now) gil_timer_ = -1;
  for (GilDue due = runtime_.next_gil_request(); due.time <= now; due = runtime_.next_gil_request()) {
    const ThreadId holder = runtime_.request_gil_drop(due.process, now);
    // Off-core (preempted by the scheduler), or on a core where the GIL cannot change hands
    // (inside `x += 1` on 3.10+, inside a C call that holds it), it drops at its next switch
    // point: continue_run.
    if (holder == kNoThread || threads_[holder].core == kNoCore) continue;
    settle(threads_[holder].core, now);  // how far into its op it is decides the switch point
    if (gil_switch_point(holder)) gil_drop_on_core(threads_[holder].core, now);
  }
  arm_gil(now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Wake-ups
// ---------------------------------------------------------------------------------------------
// A phase-5 event for t. A blocking wait that ends (I/O, sleep, lock hand-off, join/wait,
// message) makes the thread Ready at once, as the OS puts it on its run queue, but with the
// profile's wake latency it can take its GIL and a core only that much later: a second wake
// event, which is the one the policy and the GIL see. Two kinds: a timer or device wake (sleep,
// I/O: wake_us, which in CPython includes the 50 us timer slack and re-entering the
// interpreter) and a futex wake by another thread (a mutex, a join or wait, a message:
// futex_wake_us, a few to tens of us). A GIL hand-over is not an OS wake of this kind
// (gil_handoff already covers the condition variable), so a WaitingGil thread goes straight on.
void Engine::on_wake(ThreadId t, TimeNs now) {
  ThreadRt& th = threads_[t];
  if (th.waking) {
    th.waking = false;
    --waking_count_;
  } else if (const TimeNs latency = th.state == RtState::BlockedIo || th.state == RtState::Sleeping
                                        ? runtime_.costs().wake
                                        : runtime_.costs().futex_wake;
             latency > 0 && th.state != RtState::WaitingGil) {
    th.waking = true;
    ++waking_count_;
    set_state(t, RtState::Ready, now);
    schedule_wake(t, now > kForever - latency ? kForever : now + latency);
    return;
  }
  ready_event(t, ReadyReason::Wake, now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lifetimes and waits
// ---------------------------------------------------------------------------------------------
void Engine::arrive(ThreadId t, TimeNs at) {
  events_.push(thread_event(at, kPhaseArrival, t, t));
  ++pending_;
}

// A fork or spawn step's effect: the image exists now and its threads (all but "created" ones)
// arrive now; a forked child's first thread first pays the faults of the pages it dirties.
void Engine::start_process(ProcessId p, ThreadId creator, TimeNs now) {
  if (p >= sc_.processes.size() || runtime_.process_started(p)) return;
  const TimeNs faults = runtime_.start_process(p, creator, now);
  if (sc_.processes[p].origin == ProcessOrigin::Forked) copy_vars_at_fork(p, process_of(creator), creator, now);
  bool first = true;
  for (ThreadId t : sc_.processes[p].threads) {
    if (t >= threads_.size() || sc_.threads[t].created) continue;
    if (first) threads_[t].fault_debt = faults;
    first = false;
    arrive(t, std::max(now, sc_.threads[t].arrival));
  }
}

// fork() copies the parent's memory as it is at that instant: a forked child's variables start
// from the parent's current values (same names; a name only the child declares keeps its
// declared value), not from what the parent declared.
void Engine::copy_vars_at_fork(ProcessId child, ProcessId parent, ThreadId creator, TimeNs now) {
  const std::vector<std::string>& mine = sc_.processes[child].vars;
  const std::vector<std::string>& theirs = sc_.processes[parent].vars;
  if (mine.empty() || theirs.empty()) return;
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t v = 0; v < theirs.size(); ++v) index.emplace(theirs[v], v);
  for (std::size_t v = 0; v < mine.size(); ++v)
    if (const auto it = index.find(mine[v]); it != index.end()) {
      std::int64_t& copy = vars_[var_base_[child] + v];
      copy = vars_[var_base_[parent] + it->second];
      record_var_access(creator, &copy, VarAccessKind::ForkCopy, copy, now);
    }
}

void Engine::thread_finished(ThreadId t, TimeNs now) {
  gil_release(t, now);
  runtime_.end_thread(t, now);
  for (ThreadId w : joiners_[t]) schedule_wake(w, now);
  joiners_[t].clear();
  const ProcessId p = process_of(t);
  if (p < proc_waiters_.size() && runtime_.process_exited(p)) {
    for (ThreadId w : proc_waiters_[p]) schedule_wake(w, now);
    proc_waiters_[p].clear();
  }
}

// The thread gives up its core and its GIL until someone wakes it.
StepResult Engine::wait_for(ThreadId t, RtState state, TimeNs now) {
  set_state(t, state, now);
  gil_release(t, now);
  return StepResult::Blocked;
}

}  // namespace tl::detail
