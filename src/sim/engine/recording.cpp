// Recording what the engine does into the Trace: thread state lanes, core spans, the run-queue
// counter, each step of a shared variable's increments. Zero-length spans are never recorded and a span that continues the previous one of
// the same kind (a thread re-picked at the instant its slice ended) extends it, so lanes stay
// short and contiguous.
#include "sim/engine/internal.h"

namespace tl::detail {

namespace {
bool to_lane_state(RtState s, ThreadState* out) {
  switch (s) {
    case RtState::Ready: *out = ThreadState::Ready; return true;
    case RtState::Running: *out = ThreadState::Running; return true;
    case RtState::BlockedIo: *out = ThreadState::BlockedIo; return true;
    case RtState::Sleeping: *out = ThreadState::Sleeping; return true;
    case RtState::BlockedLock: *out = ThreadState::BlockedLock; return true;
    case RtState::WaitingGil: *out = ThreadState::WaitingGil; return true;
    case RtState::BlockedJoin: *out = ThreadState::BlockedJoin; return true;
    case RtState::BlockedReceive: *out = ThreadState::BlockedReceive; return true;
    default: return false;
  }
}
}  // namespace

void Engine::set_state(ThreadId t, RtState s, TimeNs now) {
  ThreadRt& th = threads_[t];
  ThreadState lane_state;
  if (now > th.state_since && to_lane_state(th.state, &lane_state)) {
    // The lane's last span is mirrored in ThreadRt (hot) so that deciding whether to extend it
    // does not read the lane (cold with thousands of threads: the run's costliest cache miss).
    std::vector<StateSpan>& lane = result_.trace.threads[t];
    if (th.lane_end == th.state_since && th.lane_state == lane_state)
      lane.back().end = now;
    else
      lane.push_back({th.state_since, now, lane_state});
    th.lane_end = now;
    th.lane_state = lane_state;
  }
  th.state = s;
  th.state_since = now;
  if (th.in_loop) mirror_task(t, s, now);
}

void Engine::record_core_span(CoreId c, TimeNs start, TimeNs end, ThreadId t, CoreSpanKind kind) {
  if (end <= start) return;
  std::vector<CoreSpan>& lane = result_.trace.cores[c];
  if (!lane.empty() && lane.back().thread == t && lane.back().kind == kind && lane.back().end == start)
    lane.back().end = end;
  else
    lane.push_back({start, end, t, kind});
  cores_[c].last = t;
}

void Engine::record_var_access(ThreadId t, const std::int64_t* var, VarAccessKind kind, std::int64_t value,
                               TimeNs now) {
  result_.trace.var_accesses.push_back(
      {now, value, t, static_cast<std::uint32_t>(var - vars_.data()), kind});
}

// One sample per instant at most: the depth in the middle of an instant's phases is not a state
// anyone can observe.
// Threads still in their wake latency count: they are Ready in their lanes too.
void Engine::note_run_queue(TimeNs now) {
  std::vector<CounterSample>& samples = result_.trace.run_queue;
  const std::int64_t ready = ready_count_ + waking_count_;
  if (samples.back().value == ready) return;
  if (samples.back().time == now) {
    samples.back().value = ready;
    if (samples.size() > 1 && samples[samples.size() - 2].value == ready) samples.pop_back();
    return;
  }
  samples.push_back({now, ready});
}

}  // namespace tl::detail
