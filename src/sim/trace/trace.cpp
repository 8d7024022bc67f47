// Trace helpers shared by every reader: names of states and windowed views of sorted lanes.
#include "sim/trace/trace.h"

#include <algorithm>

namespace tl {

const char* to_string(ThreadState state) {
  switch (state) {
    case ThreadState::Ready: return "ready";
    case ThreadState::Running: return "running";
    case ThreadState::BlockedIo: return "blocked-io";
    case ThreadState::Sleeping: return "sleeping";
    case ThreadState::BlockedLock: return "blocked-lock";
    case ThreadState::WaitingGil: return "waiting-gil";
    case ThreadState::BlockedJoin: return "blocked-join";
    case ThreadState::BlockedReceive: return "blocked-receive";
  }
  return "?";
}

const char* to_string(VarAccessKind kind) {
  switch (kind) {
    case VarAccessKind::Load: return "load";
    case VarAccessKind::Add: return "add";
    case VarAccessKind::Store: return "store";
    case VarAccessKind::Atomic: return "atomic";
    case VarAccessKind::ForkCopy: return "fork-copy";
  }
  return "?";
}

namespace {
// Lanes are sorted by start and non-overlapping, so ends are sorted too: the first span that
// ends after t0 starts the window, the first that starts at or after t1 ends it.
template <typename Span>
std::span<const Span> visible_impl(std::span<const Span> lane, TimeNs t0, TimeNs t1) {
  if (t1 <= t0) return {};
  auto first = std::partition_point(lane.begin(), lane.end(), [&](const Span& s) { return s.end <= t0; });
  auto last = std::partition_point(first, lane.end(), [&](const Span& s) { return s.start < t1; });
  return {first, last};
}
}  // namespace

std::span<const CoreSpan> visible(std::span<const CoreSpan> lane, TimeNs t0, TimeNs t1) {
  return visible_impl(lane, t0, t1);
}
std::span<const StateSpan> visible(std::span<const StateSpan> lane, TimeNs t0, TimeNs t1) {
  return visible_impl(lane, t0, t1);
}

}  // namespace tl
