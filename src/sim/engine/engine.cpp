// The event loop: instants, their phases, cores and dispatch. docs/engine.md states the order
// of the phases of one instant and every tie rule; this file is that document in code.
//
// [SECTION] Event queue
// [SECTION] Set-up and the loop
// [SECTION] Ready events and filling cores
// [SECTION] Cores: dispatch, segments, preemption, release
#include "sim/engine/internal.h"

#include <algorithm>
#include <bit>

namespace tl {

RunResult run(const Scenario& scenario) {
  const RunOptions none;  // named: the engine keeps a reference, which must outlive it
  detail::Engine engine(scenario, none);
  return engine.run();
}

RunResult run(const Scenario& scenario, const RunOptions& options) {
  detail::Engine engine(scenario, options);
  return engine.run();
}

namespace detail {

// ---------------------------------------------------------------------------------------------
// [SECTION] Event queue
// ---------------------------------------------------------------------------------------------
// A 4-ary heap: half the levels of a binary one, and the four children share a cache line or
// two, which matters with thousands of pending wake-ups.
void EventQueue::push(const Event& e) {
  heap_.push_back(e);
  std::size_t i = heap_.size() - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!less(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

void EventQueue::pop() {
  const Event last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return;
  std::size_t i = 0;
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t stop = std::min(first + 4, n);
    for (std::size_t c = first + 1; c < stop; ++c)
      if (less(heap_[c], heap_[best])) best = c;
    if (!less(heap_[best], last)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = last;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up and the loop
// ---------------------------------------------------------------------------------------------
namespace {
// Hand-built scenarios may have no processes or out-of-range ids: those threads belong to
// process 0 (a virtual one if none is declared), as everywhere else in the engine.
RuntimeModelSpec runtime_spec(const Scenario& sc) {
  RuntimeModelSpec spec;
  spec.costs = sc.machine.costs;
  spec.gil = sc.gil;
  if (spec.gil.switch_interval <= 0) spec.gil.switch_interval = 1;
  const std::size_t np = std::max<std::size_t>(1, sc.processes.size());
  spec.process_origin.assign(np, ProcessOrigin::Initial);
  for (std::size_t p = 0; p < sc.processes.size(); ++p) spec.process_origin[p] = sc.processes[p].origin;
  spec.thread_process.resize(sc.threads.size());
  for (std::size_t t = 0; t < sc.threads.size(); ++t)
    spec.thread_process[t] = sc.threads[t].process < sc.processes.size() ? sc.threads[t].process : 0;
  for (const ChannelSpec& c : sc.channels) spec.channels.push_back(c.kind);
  for (SharedMemorySpec shm : sc.shared_memory) {  // hand-built: ids past the processes map nothing
    std::erase_if(shm.processes, [&](ProcessId p) { return p >= np; });
    spec.shared_memory.push_back(std::move(shm));
  }
  return spec;
}
}  // namespace

Engine::Engine(const Scenario& scenario, const RunOptions& options)
    : sc_(scenario), machine_(scenario.machine), memory_(scenario.processes.size()), runtime_(runtime_spec(scenario), &memory_), options_(options) {
  const std::size_t n = sc_.threads.size();
  const std::uint32_t ncores = hardware_threads(machine_);
  smt_ = std::clamp<std::uint32_t>(machine_.smt, 1, 8);
  phys_cores_ = std::max<std::uint32_t>(1, ncores / smt_);
  if (phys_cores_ * smt_ != ncores) smt_ = 1;  // clamped to 256: no sibling structure left
  threads_.resize(n);
  joiners_.resize(n);
  proc_waiters_.resize(sc_.processes.size());
  cores_.resize(ncores);
  for (CoreId c = 0; c < ncores; ++c) set_idle(c, true);
  idle_count_ = ncores;

  remaining_cpu_.resize(n);
  for (std::size_t t = 0; t < n; ++t)
    remaining_cpu_[t] = program_cpu_demand(sc_.threads[t].program, machine_);

  mutex_base_.resize(sc_.processes.size());
  var_base_.resize(sc_.processes.size());
  std::uint32_t nm = 0, nv = 0;
  for (std::size_t p = 0; p < sc_.processes.size(); ++p) {
    mutex_base_[p] = nm;
    var_base_[p] = nv;
    nm += static_cast<std::uint32_t>(sc_.processes[p].mutexes.size());
    nv += static_cast<std::uint32_t>(sc_.processes[p].vars.size());
  }
  mutexes_.resize(nm);
  for (std::size_t p = 0; p < sc_.processes.size(); ++p) {
    const std::vector<char>& fair = sc_.processes[p].fair_mutexes;
    for (std::size_t m = 0; m < sc_.processes[p].mutexes.size(); ++m)
      mutexes_[mutex_base_[p] + m].fair = m < fair.size() && fair[m];
  }
  vars_.resize(nv, 0);
  increments_.assign(nv, 0);
  var_core_.assign(nv, kNoCore);
  refill_.resize(n);
  for (std::size_t t = 0; t < n; ++t) refill_[t] = refill_cost(machine_.costs, sc_.threads[t].working_set_kb);
  for (std::size_t p = 0; p < sc_.processes.size(); ++p)
    for (std::size_t v = 0; v < sc_.processes[p].vars.size(); ++v)
      vars_[var_base_[p] + v] = v < sc_.processes[p].initial.size() ? sc_.processes[p].initial[v] : 0;
  init_programs();
  init_event_loops();

  jitter_seed_ = mix64(sc_.seed ^ 0x7468726561646C61ull);  // "threadla"
  PolicyContext context;
  context.scenario = &sc_;
  context.remaining_cpu = remaining_cpu_;
  policy_ = make_policy(sc_.scheduler, context);
  policy_preempts_ = policy_->may_preempt();

  result_.trace.cores.resize(ncores);
  result_.trace.smt = smt_;
  result_.trace.threads.resize(n);
  result_.trace.completion.assign(n, -1);
  events_.reserve(n + 16);
  core_events_.reserve(4 * ncores);
}

RunResult Engine::run() {
  const std::size_t n = threads_.size();
  // Threads of forked/spawned processes and created threads arrive when a step starts them.
  for (ThreadId t = 0; t < n; ++t) {
    const ThreadSpec& spec = sc_.threads[t];
    const bool later = spec.created || (spec.process < sc_.processes.size() &&
                                        sc_.processes[spec.process].origin != ProcessOrigin::Initial);
    if (!later) arrive(t, std::max<TimeNs>(0, spec.arrival));
  }
  if (const TimeNs timer = policy_->next_timer(0); timer != kForever)
    events_.push(thread_event(timer, kPhaseTimer, 0, 0));
  result_.trace.run_queue.push_back({0, 0});

  TimeNs now = 0;
  for (;;) {
    if (done_ == n) {
      result_.outcome = Outcome::Completed;
      break;
    }
    if (cancelled_ || (steps_ >= next_poll_ && poll(now))) {
      result_.outcome = Outcome::Cancelled;
      break;
    }
    if (trace_full_) {
      result_.outcome = Outcome::MemoryLimit;
      break;
    }
    if (halt_ || steps_ >= sc_.limits.max_events) {
      result_.outcome = Outcome::EventLimit;
      break;
    }
    if (stuck()) {
      result_.outcome = Outcome::Deadlock;
      collect_waits();
      break;
    }
    const TimeNs next = std::min(core_events_.empty() ? kForever : core_events_.top().time,
                                 events_.empty() ? kForever : events_.top().time);
    if (next > sc_.limits.max_sim_time) {
      result_.outcome = Outcome::TimeLimit;
      now = std::max(now, sc_.limits.max_sim_time);
      break;
    }
    now = next;
    process_instant(now);
  }
  finish(now);
  return std::move(result_);
}

// Not a hot path: once per RunOptions::kPollSteps steps. Without options it only moves the mark.
bool Engine::poll(TimeNs now) {
  next_poll_ = steps_ + RunOptions::kPollSteps;
  if (options_.progress) options_.progress(RunProgress{steps_, now});
  if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) {
    cancelled_ = halt_ = true;
  }
  // Measuring the trace walks every lane, so only every kTraceCheckPolls-th poll does it; a
  // step records at most a few spans, so the overshoot stays within a few tens of MB. Tied to
  // the step count, so where a run stops is still deterministic.
  // A small limit (a browser tab's, sim/run/trace_budget.h) is checked at every poll: there
  // tens of MB past it would already be the out-of-memory it is meant to prevent.
  const std::uint64_t every = sc_.limits.max_trace_bytes < kFineTraceCheckBelow ? 1 : kTraceCheckPolls;
  if (++polls_ % every == 0 && trace_bytes() > sc_.limits.max_trace_bytes) trace_full_ = halt_ = true;
  return cancelled_;
}

std::uint64_t Engine::trace_bytes() const {
  const Trace& t = result_.trace;
  std::uint64_t bytes = t.instants.size() * sizeof(Instant) + t.run_queue.size() * sizeof(CounterSample);
  for (const auto& lane : t.cores) bytes += lane.size() * sizeof(CoreSpan);
  for (const auto& lane : t.threads) bytes += lane.size() * sizeof(StateSpan);
  for (const auto& lane : t.tasks) bytes += lane.size() * sizeof(StateSpan);
  bytes += memory_.page_events().size() * sizeof(PageEvent);
  for (const auto& lane : memory_.lanes()) bytes += lane.size() * sizeof(MemorySample);
  bytes += t.var_accesses.size() * sizeof(VarAccess) + t.messages.size() * sizeof(MessageRecord);
  return bytes;
}

// Nothing can ever happen again: no core runs, no arrival or wake is pending (a policy timer
// alone cannot unblock anyone), yet some thread is not done.
bool Engine::stuck() const { return busy_ == 0 && pending_ == 0; }

// One round of an instant: phases 1..6. Events pushed for `now` during the round (a wake at
// the same instant) are handled by another round, so the phases stay in order.
void Engine::process_instant(TimeNs now) {
  // (1) segments ending now, core order (the key's sequence is the core id)
  while (!core_events_.empty() && core_events_.top().time == now) {
    const Event e = core_events_.top();
    core_events_.pop();
    const CoreId c = event_core(e);
    if (event_gen(e) != cores_[c].gen || cores_[c].thread == kNoThread) continue;  // stale
    ++steps_;
    on_core_event(c, now);
  }
  // GIL drop requests falling due (after the cores: a holder whose op ended now has moved on)
  while (!events_.empty() && events_.top().time == now && event_phase(events_.top()) == kPhaseGil) {
    events_.pop();
    ++steps_;
    on_gil_timer(now);
  }
  // (2) freed cores pick before same-instant wakes (OSTEP process-run)
  if (sc_.scheduler.dispatch_before_wakes) fill_idle_cores(now);
  // (3) policy timers: everyone leaves its core first, then the policy reshuffles
  while (!events_.empty() && events_.top().time == now && event_phase(events_.top()) == kPhaseTimer) {
    events_.pop();
    ++steps_;
    for (CoreId c = 0; c < cores_.size(); ++c)
      if (cores_[c].thread != kNoThread) preempt(c, now);
    policy_->on_timer(now);
    if (const TimeNs timer = policy_->next_timer(now); timer != kForever && timer > now)
      events_.push(thread_event(timer, kPhaseTimer, 0, 0));
  }
  // (4) arrivals in thread-id order, (5) wakes in issue order
  while (!events_.empty() && events_.top().time == now && event_phase(events_.top()) >= kPhaseArrival) {
    const Event e = events_.top();
    events_.pop();
    --pending_;
    ++steps_;
    if (event_phase(e) == kPhaseArrival) {
      runtime_.start_thread(event_thread(e), now);
      ready_event(event_thread(e), ReadyReason::Arrival, now);
    } else {
      on_wake(event_thread(e), now);
    }
  }
  // (6) idle cores in core-id order
  fill_idle_cores(now);
  note_run_queue(now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Ready events and filling cores
// ---------------------------------------------------------------------------------------------
void Engine::ready_event(ThreadId t, ReadyReason why, TimeNs now) {
  // A Python thread takes its GIL back as soon as it can run again (CPython re-acquires after
  // every blocking call), so a thread is runnable only while it holds the GIL.
  if (runtime_.gil_enabled() && !runtime_.acquire_gil(t, now)) {
    set_state(t, RtState::WaitingGil, now);
    arm_gil(now);
    return;
  }
  if (policy_preempts_ && idle_count_ == 0) {
    CoreId victim = kNoCore;
    std::int64_t best = 0;
    for (CoreId c = 0; c < cores_.size(); ++c) {
      const ThreadId r = cores_[c].thread;
      if (r == kNoThread) continue;
      settle(c, now);  // the policy may look at remaining_cpu of running threads
      if (!policy_->preempts(t, why, r)) continue;
      const std::int64_t rank = policy_->eviction_rank(r);
      if (victim == kNoCore || rank >= best) {
        victim = c;
        best = rank;
      }  // ties: highest core
    }
    if (victim != kNoCore) preempt(victim, now);
  }
  make_ready(t, why, now);
}

void Engine::make_ready(ThreadId t, ReadyReason why, TimeNs now) {
  set_state(t, RtState::Ready, now);
  ++ready_count_;
  policy_->enqueue(t, why, now);
}

// Lowest idle core >= from, or kNoCore: a few bit scans instead of a walk over 64+ cores.
CoreId Engine::next_idle(CoreId from) const {
  for (std::uint32_t w = from >> 6; w < idle_.size(); ++w) {
    std::uint64_t bits = idle_[w];
    if (w == (from >> 6)) bits &= ~std::uint64_t{0} << (from & 63);
    if (bits) {
      const CoreId c = w * 64 + static_cast<CoreId>(std::countr_zero(bits));
      return c < cores_.size() ? c : kNoCore;
    }
  }
  return kNoCore;
}

void Engine::fill_idle_cores(TimeNs now) {
  if (idle_count_ == 0) return;
  for (CoreId c = next_idle(0); c != kNoCore && ready_count_ > 0; c = c + 1 < cores_.size() ? next_idle(c + 1) : kNoCore) {
    while (core_idle(c) && ready_count_ > 0) {
      CoreRt& core = cores_[c];
      const bool was_idle = !(core.freed_at == now && !core.offered);
      const ThreadId t = policy_->pick(c, was_idle, now);
      if (t == kNoThread || t >= threads_.size() || threads_[t].state != RtState::Ready) {
        core.offered = true;
        break;
      }
      // Affinity, as Linux's scheduler keeps it: the policy chose the thread, the engine puts it
      // back on the core it last ran on when that core is idle too (warm caches, no
      // migration). A thread whose quantum ended with nothing else ready so keeps its core.
      const CoreId home = threads_[t].last_core;
      dispatch(home != kNoCore && home != c && core_idle(home) ? home : c, t, now);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Cores
// ---------------------------------------------------------------------------------------------
// machine.switch_us (charged on every switch) plus the profile's cost by kind: a thread switch within a process,
// or a process switch with its address-space refill.
// Plus refilling the caches with the incoming thread's working set (its lines were evicted by
// whatever ran here meanwhile), for a thread of the same process as for another process.
TimeNs Engine::switch_cost(ThreadId prev, ThreadId next) const {
  return machine_.switch_cost + runtime_.switch_cost(prev, next) + refill_[next];
}

// CPU a GIL holder runs before it notices a pending drop request: a few bytecodes.
constexpr TimeNs kGilCheckNs = 1'000;

// CPython 3.10+ checks a drop request only at eval-breaker points: never between the load and
// the store of one `x += 1`, nor inside a C call that holds the GIL (once it has begun); 3.9
// and older switch between any two bytecodes, and a compute step is many of them.
bool Engine::gil_switch_point(ThreadId t) const {
  if (switches_between_bytecodes(sc_.gil.python)) return true;
  const ThreadRt& th = threads_[t];
  if (th.prelude || th.pc >= prog_len_[t]) return true;
  const bool begun = th.op_left > 0 && th.op_left < th.op_total;
  switch (prog_[t][th.pc].kind) {
    case OpKind::Add:
    case OpKind::Store: return false;
    case OpKind::Load:
    case OpKind::CCallHold: return !begun;
    default: return true;
  }
}

void Engine::schedule_core(CoreId c, TimeNs at) {
  cores_[c].seg_end = at;
  core_events_.push(core_event(at, c, cores_[c].gen));
}

void Engine::dispatch(CoreId c, ThreadId t, TimeNs now) {
  CoreRt& core = cores_[c];
  --ready_count_;
  set_idle(c, false);
  --idle_count_;
  ++busy_;
  if (core.preempted != kNoThread) {
    if (core.preempted_at == now && core.preempted != t)
      result_.trace.instants.push_back({now, c, core.preempted, InstantKind::Preempt});
    core.preempted = kNoThread;
  }
  set_state(t, RtState::Running, now);
  if (threads_[t].last_core != kNoCore && threads_[t].last_core != c) ++result_.trace.migrations;
  threads_[t].core = c;
  core.thread = t;
  core.ran = 0;
  core.rate = kFullRate;
  smt_changed(c, now);
  core.slice_left = std::max<TimeNs>(1, policy_->slice(t));
  core.seg_start = now;
  core.span_start = now;
  const TimeNs cost = (core.last != kNoThread && core.last != t) ? switch_cost(core.last, t) : 0;
  if (cost > 0) {
    core.in_overhead = true;
    schedule_core(c, now + cost);
    return;
  }
  core.in_overhead = false;
  continue_run(c, now, step(t, now));
}

// After the thread's zero-cost ops ran inline: give it CPU until its op or slice ends, or let
// the core go.
void Engine::continue_run(CoreId c, TimeNs now, StepResult r) {
  CoreRt& core = cores_[c];
  if (r == StepResult::Blocked) {
    release(c, now, StopReason::Blocked);
    return;
  }
  if (r == StepResult::Finished) {
    release(c, now, StopReason::Finished);
    return;
  }
  if (halt_) return;  // the loop stops at this instant; finish() closes the spans
  if (runtime_.gil_enabled() && runtime_.must_drop_gil(core.thread) && gil_switch_point(core.thread)) {
    // Dispatched with a drop request already pending (it was asked while off-core): CPython's
    // holder runs to its next eval-breaker check before dropping. Dropping with no progress at
    // all could hand the GIL back and forth forever between threads that each wait longer than
    // the switch interval for a core.
    core.rate = smt_rate(c);
    const TimeNs progress = std::min({wall_for(core, threads_[core.thread].op_left), core.slice_left, kGilCheckNs});
    if (core.ran == 0 && progress > 0) {
      schedule_core(c, now + progress);
      return;
    }
    gil_drop_on_core(c, now);
    return;
  }
  if (core.slice_left <= 0) {
    release(c, now, StopReason::SliceExpired);
    return;
  }
  core.rate = smt_rate(c);
  schedule_segment(c, now);
}

// The running thread's next segment: until its op is done or its slice is used up. A slice is
// wall time on the hardware thread (what Linux accounts), an op is work, slower beside a busy
// sibling.
void Engine::schedule_segment(CoreId c, TimeNs now) {
  CoreRt& core = cores_[c];
  schedule_core(c, now + std::min(wall_for(core, threads_[core.thread].op_left), core.slice_left));
}

// ---------------------------------------------------------------------------------------------
// SMT
// ---------------------------------------------------------------------------------------------
// With k of its smt hardware threads busy, a core does 100 + (smt_throughput_pct - 100) x
// (k - 1) / (smt - 1) percent of one thread's work per ns, shared evenly: 2-way SMT at the
// default 125 % runs two busy siblings at 62.5 % each. A hardware thread counts as busy while
// it has a thread, switch overhead included (the kernel's code runs there).
std::uint32_t Engine::smt_rate(CoreId c) const {
  if (smt_ == 1) return kFullRate;
  std::uint32_t busy = 0;
  for (CoreId s = c % phys_cores_; s < cores_.size(); s += phys_cores_) busy += cores_[s].thread != kNoThread ? 1 : 0;
  if (busy <= 1) return kFullRate;
  const std::uint32_t pct = std::clamp<std::uint32_t>(machine_.smt_throughput_pct, 100, 100 * smt_);
  const std::uint64_t total = kFullRate + std::uint64_t{pct * 10 - kFullRate} * (busy - 1) / (smt_ - 1);
  return static_cast<std::uint32_t>(total / busy);
}

TimeNs Engine::wall_for(const CoreRt& core, TimeNs work) const {
  if (core.rate == kFullRate || work <= 0) return work;
  if (work >= kForever / kFullRate) return kForever;
  return (work * kFullRate + core.rate - 1) / core.rate;  // rounded up: the work is done by then
}

// Hardware thread c started or stopped a thread: its busy siblings now run at another rate.
// Each one mid-segment is settled at its old rate and its segment re-timed at the new one; one
// whose segment ends at this very instant is left to its own event, which times the next
// segment at the new rate (its past segment was all at the old one).
void Engine::smt_changed(CoreId c, TimeNs now) {
  if (smt_ == 1) return;
  for (CoreId s = c % phys_cores_; s < cores_.size(); s += phys_cores_) {
    CoreRt& sib = cores_[s];
    if (s == c || sib.thread == kNoThread || sib.in_overhead || sib.seg_end <= now) continue;
    const std::uint32_t rate = smt_rate(s);
    if (rate == sib.rate) continue;
    settle(s, now);
    sib.rate = rate;
    ++sib.gen;
    const ThreadId t = sib.thread;
    if (runtime_.gil_enabled() && sib.ran == 0 && runtime_.must_drop_gil(t) && gil_switch_point(t))
      schedule_core(s, now + std::max<TimeNs>(1, std::min({wall_for(sib, threads_[t].op_left), sib.slice_left, kGilCheckNs})));
    else
      schedule_segment(s, now);
  }
}

void Engine::on_core_event(CoreId c, TimeNs now) {
  CoreRt& core = cores_[c];
  const ThreadId t = core.thread;
  if (core.in_overhead) {
    record_core_span(c, core.span_start, now, t, CoreSpanKind::Overhead);
    core.in_overhead = false;
    core.seg_start = now;
    core.span_start = now;
    continue_run(c, now, step(t, now));
    return;
  }
  const bool op_was_running = threads_[t].op_left > 0;
  settle(c, now);
  StepResult r = StepResult::NeedCpu;
  if (op_was_running && threads_[t].op_left == 0) {
    if (threads_[t].prelude) threads_[t].prelude = false;  // fault debt paid: the op at pc is next
    else r = complete_op(t, now);
    if (r == StepResult::NeedCpu) r = step(t, now);
  }
  continue_run(c, now, r);
}

// Accounts the CPU the running thread used since seg_start, without touching its pending event.
void Engine::settle(CoreId c, TimeNs now) {
  CoreRt& core = cores_[c];
  if (core.in_overhead || core.thread == kNoThread) return;
  const TimeNs elapsed = now - core.seg_start;
  if (elapsed <= 0) return;
  ThreadRt& th = threads_[core.thread];
  // Work done: elapsed at full rate; beside a busy SMT sibling, that share of it (rounded down;
  // a segment's end was rounded up, so its op is exactly done then).
  TimeNs work = elapsed;
  if (core.rate != kFullRate) {
    work = elapsed >= kForever / kFullRate ? elapsed : elapsed * core.rate / kFullRate;
    work = std::min(work, th.op_left);
    result_.trace.smt_shared += elapsed;
  }
  th.op_left -= work;
  core.slice_left -= elapsed;
  core.ran += elapsed;
  TimeNs& rem = remaining_cpu_[core.thread];
  rem = rem > work ? rem - work : 0;
  core.seg_start = now;
}

void Engine::preempt(CoreId c, TimeNs now) {
  CoreRt& core = cores_[c];
  const ThreadId t = core.thread;
  settle(c, now);
  core.preempted = t;
  core.preempted_at = now;
  release(c, now, StopReason::Preempted);
}

void Engine::release(CoreId c, TimeNs now, StopReason why) {
  CoreRt& core = cores_[c];
  const ThreadId t = core.thread;
  // A thread leaves mid-overhead only when preempted: the part of the switch paid is kept.
  record_core_span(c, core.span_start, now, t, core.in_overhead ? CoreSpanKind::Overhead : CoreSpanKind::Run);
  core.in_overhead = false;
  core.thread = kNoThread;
  ++core.gen;
  core.freed_at = now;
  core.offered = false;
  set_idle(c, true);
  ++idle_count_;
  --busy_;
  smt_changed(c, now);
  threads_[t].core = kNoCore;
  if (core.ran > 0) threads_[t].last_core = c;  // a dispatch that ran nothing warms no cache
  if (why == StopReason::Finished) {
    set_state(t, RtState::Done, now);
    result_.trace.completion[t] = now;
    ++done_;
    thread_finished(t, now);
  }
  policy_->on_stop(t, core.ran, why, now);
  if (why == StopReason::SliceExpired)
    make_ready(t, ReadyReason::SliceExpired, now);
  else if (why == StopReason::Preempted)
    make_ready(t, ReadyReason::Preempted, now);
}

// Lanes grow by doubling, so on average a quarter to a third of their capacity is unused
// when a run ends, and a trace lives as long as the UI shows it. Copying a lane into a
// right-sized block costs a few percent of the run (bench_engine BM_MemoryPerThreadAndSpan);
// lanes with little slack are left alone, which keeps that cost bounded.
namespace {
template <typename T>
void trim(std::vector<T>& lane) {
  if (lane.capacity() - lane.size() > lane.size() / 8) lane.shrink_to_fit();
}
}  // namespace

void Engine::trim_trace(Trace& trace) {
  for (auto& lane : trace.cores) trim(lane);
  for (auto& lane : trace.threads) trim(lane);
  for (auto& lane : trace.tasks) trim(lane);
  for (auto& lane : trace.memory) trim(lane);
  trim(trace.pages.events);
  trim(trace.instants);
  trim(trace.run_queue);
  trim(trace.var_accesses);
  trim(trace.messages);
}

// Closes every open span at `end` and fills in the parts of the result derived from the trace.
void Engine::finish(TimeNs end) {
  for (CoreId c = 0; c < cores_.size(); ++c) {
    CoreRt& core = cores_[c];
    if (core.thread == kNoThread) continue;
    const TimeNs stop = std::max(core.span_start, end);
    record_core_span(c, core.span_start, std::min(stop, end), core.thread,
                     core.in_overhead ? CoreSpanKind::Overhead : CoreSpanKind::Run);
  }
  TimeNs makespan = 0;
  for (ThreadId t = 0; t < threads_.size(); ++t) {
    if (threads_[t].state != RtState::Done && threads_[t].state != RtState::NotArrived)
      set_state(t, RtState::Done, std::max(end, threads_[t].state_since));
    makespan = std::max(makespan, result_.trace.completion[t]);
  }
  for (std::uint32_t k = 0; k < tasks_.size(); ++k)
    if (tasks_[k].state != RtState::Done && tasks_[k].state != RtState::NotArrived)
      set_task_state(k, RtState::Done, std::max(end, tasks_[k].state_since));
  result_.trace.makespan = result_.outcome == Outcome::Completed ? makespan : end;
  result_.events = steps_;
  result_.final_vars.resize(sc_.processes.size());
  result_.increments.resize(sc_.processes.size());
  for (std::size_t p = 0; p < sc_.processes.size(); ++p) {
    const std::size_t nv = sc_.processes[p].vars.size();
    result_.final_vars[p].assign(vars_.begin() + var_base_[p], vars_.begin() + var_base_[p] + nv);
    result_.increments[p].assign(increments_.begin() + var_base_[p],
                                 increments_.begin() + var_base_[p] + nv);
  }
  result_.trace.memory = memory_.take();
  result_.trace.pages = memory_.take_pages(runtime_.spaces());
  trim_trace(result_.trace);
  result_.trace.ipc_bytes_copied = runtime_.channels().bytes_copied();
  result_.metrics = compute_metrics(sc_, result_.trace);
}

}  // namespace detail
}  // namespace tl
