// MLFQ with the semantics of OSTEP's mlfq.py (docs/ostep-compat.md section 3) when time is
// counted in whole ticks and costs are zero. Levels are indexed 0 = HIGHEST here (the order of
// SchedulerSpec::levels); mlfq.py numbers them the other way round.
//
// - Every thread starts at the top with that level's full quantum and allotment.
// - Arrivals, slice-expired threads and (without io_bump) wakes go to the TAIL of their queue;
//   a preempted thread goes back to the HEAD and keeps the rest of its slice; with io_bump a
//   wake goes to the HEAD and preempts a running thread of the same level.
// - A thread on a higher level preempts at once; the lowest-level running thread is evicted.
// - Using up a slice burns one allotment; the last one demotes (the lowest level stays put).
//   A block that coincides with the end of the slice burns too; io_reset refills slice and
//   allotment at each block first (so the coinciding burn still happens, as in mlfq.py).
// - Boost every `boost` ns (never at 0): queues from the lowest to the second-highest, each in
//   order, are appended to the top queue, then every unfinished thread gets the top level's
//   full quantum and allotment. The engine has already taken running threads off their cores.
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class MlfqPolicy final : public Policy {
 public:
  MlfqPolicy(const SchedulerSpec& spec, const PolicyContext& ctx) : spec_(spec) {
    if (spec_.levels.empty()) spec_.levels.push_back({spec.quantum > 0 ? spec.quantum : 1, 1});
    for (MlfqLevel& l : spec_.levels) {
      if (l.quantum <= 0) l.quantum = 1;
      if (l.allotment == 0) l.allotment = 1;
    }
    const std::size_t n = ctx.scenario->threads.size();
    for (std::size_t i = 0; i < spec_.levels.size(); ++i) queues_.emplace_back(n);
    level_.assign(n, 0);
    slice_left_.assign(n, spec_.levels[0].quantum);
    allot_left_.assign(n, spec_.levels[0].allotment);
    finished_.assign(n, false);
  }

  void enqueue(ThreadId t, ReadyReason why, TimeNs) override {
    ThreadRing& q = queues_[level_[t]];
    const bool head = why == ReadyReason::Preempted || (why == ReadyReason::Wake && spec_.io_bump);
    if (head) q.push_front(t);
    else q.push_back(t);
  }

  ThreadId pick(CoreId, bool, TimeNs) override {
    for (ThreadRing& q : queues_)
      if (!q.empty()) return q.pop_front();
    return kNoThread;
  }

  TimeNs slice(ThreadId t) const override { return slice_left_[t]; }

  void on_stop(ThreadId t, TimeNs ran, StopReason why, TimeNs) override {
    slice_left_[t] -= ran;
    switch (why) {
      case StopReason::Finished:
        finished_[t] = true;
        return;
      case StopReason::Blocked: {
        const bool slice_ended = slice_left_[t] <= 0;
        if (spec_.io_reset) refill(t, level_[t]);
        if (slice_ended) burn(t);
        return;
      }
      case StopReason::SliceExpired:
      case StopReason::Preempted:
        if (slice_left_[t] <= 0) burn(t);
        return;
    }
  }

  bool preempts(ThreadId candidate, ReadyReason why, ThreadId running) const override {
    if (level_[candidate] < level_[running]) return true;
    return spec_.io_bump && why == ReadyReason::Wake && level_[candidate] == level_[running];
  }
  std::int64_t eviction_rank(ThreadId running) const override { return level_[running]; }

  TimeNs next_timer(TimeNs now) const override {
    if (spec_.boost <= 0) return kForever;
    const TimeNs k = now / spec_.boost + 1;
    return k > kForever / spec_.boost ? kForever : k * spec_.boost;
  }

  void on_timer(TimeNs) override {
    ThreadRing& top = queues_[0];
    for (std::size_t l = queues_.size(); l-- > 1;)
      while (!queues_[l].empty()) top.push_back(queues_[l].pop_front());
    for (ThreadId t = 0; t < level_.size(); ++t)
      if (!finished_[t]) refill(t, 0);
  }


 private:
  void refill(ThreadId t, std::uint32_t level) {
    level_[t] = level;
    slice_left_[t] = spec_.levels[level].quantum;
    allot_left_[t] = spec_.levels[level].allotment;
  }
  void burn(ThreadId t) {
    if (--allot_left_[t] == 0) {
      refill(t, std::min<std::uint32_t>(level_[t] + 1, static_cast<std::uint32_t>(spec_.levels.size() - 1)));
    } else {
      slice_left_[t] = spec_.levels[level_[t]].quantum;
    }
  }

  SchedulerSpec spec_;
  std::vector<ThreadRing> queues_;  // [level], 0 = highest
  std::vector<std::uint32_t> level_;
  std::vector<TimeNs> slice_left_;
  std::vector<std::uint32_t> allot_left_;
  std::vector<bool> finished_;
};

}  // namespace

std::unique_ptr<Policy> make_mlfq_policy(const SchedulerSpec& spec, const PolicyContext& ctx) {
  return std::make_unique<MlfqPolicy>(spec, ctx);
}

}  // namespace tl::detail
