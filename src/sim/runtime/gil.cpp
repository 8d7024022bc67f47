#include "sim/runtime/gil.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tl {

Gil::Gil(TimeNs switch_interval, TimeNs handoff, TimeNs release_handoff)
    : interval_(switch_interval), handoff_(handoff), release_handoff_(release_handoff < 0 ? handoff : release_handoff) {
  // A zero interval would request a drop at the instant of every acquisition: no progress.
  if (switch_interval <= 0) throw std::logic_error("gil: switch interval must be positive");
  if (handoff < 0) throw std::logic_error("gil: handoff latency must not be negative");
}

bool Gil::is_waiting(ThreadId thread) const {
  return std::any_of(waiters_.begin(), waiters_.end(), [&](const Waiter& w) { return w.thread == thread; });
}

bool Gil::acquire(ThreadId thread, TimeNs now) {
  if (holder_ == thread) return true;
  if (is_waiting(thread))
    throw std::logic_error("gil: thread " + std::to_string(thread) + " is already waiting");
  if (holder_ == kNoThread) {
    holder_ = thread;
    holder_since_ = now;
    drop_requested_ = false;
    return true;
  }
  waiters_.push_back(Waiter{thread, now});
  return false;
}

GilHandover Gil::hand_to_next(ThreadId from, TimeNs now, TimeNs latency) {
  GilHandover h{from, kNoThread};
  drop_requested_ = false;  // cleared by whoever takes it (take_gil resets the request)
  if (waiters_.empty()) {
    holder_ = kNoThread;
    return h;
  }
  h.to = waiters_.front().thread;
  h.at = now + latency;
  waiters_.pop_front();
  holder_ = h.to;
  holder_since_ = h.at;  // its tenure (and so the others' timed wait) starts when it can run
  ++handovers_;
  return h;
}

GilHandover Gil::release(ThreadId thread, TimeNs now) {
  if (holder_ != thread)
    throw std::logic_error("gil: thread " + std::to_string(thread) + " releases a GIL it does not hold");
  return hand_to_next(thread, now, release_handoff_);
}

TimeNs Gil::drop_request_due() const {
  if (waiters_.empty() || drop_requested_ || holder_ == kNoThread) return kForever;
  return std::max(waiters_.front().since, holder_since_) + interval_;
}

void Gil::request_drop(TimeNs now) {
  if (now < drop_request_due())
    throw std::logic_error("gil: drop requested before a waiter has waited one switch interval");
  drop_requested_ = true;
}

GilHandover Gil::drop(TimeNs now) {
  if (!drop_requested_) throw std::logic_error("gil: drop without a pending request");
  const ThreadId dropper = holder_;
  const GilHandover h = hand_to_next(dropper, now, handoff_);
  ++forced_drops_;
  // FORCE_SWITCHING: behind every waiter, so another thread holds it before the dropper can.
  waiters_.push_back(Waiter{dropper, now});
  return h;
}

GilSet::GilSet(std::size_t processes, TimeNs switch_interval, TimeNs handoff, TimeNs release_handoff)
    : interval_(switch_interval), handoff_(handoff), release_handoff_(release_handoff < 0 ? handoff : release_handoff) {
  gils_.assign(processes, Gil(switch_interval, handoff, release_handoff_));
}

ProcessId GilSet::add_process() {
  gils_.emplace_back(interval_, handoff_, release_handoff_);
  return static_cast<ProcessId>(gils_.size() - 1);
}

GilDue GilSet::next_due() const {
  GilDue due;
  for (std::size_t p = 0; p < gils_.size(); ++p) {
    const TimeNs t = gils_[p].drop_request_due();
    if (t < due.time) due = GilDue{t, static_cast<ProcessId>(p)};
  }
  return due;
}

}  // namespace tl
