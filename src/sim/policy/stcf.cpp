// STCF (shortest time to completion first): preemptive SJF on REMAINING CPU demand. A newly
// ready thread takes a core only if its remaining demand is strictly smaller than the running
// thread's; the evicted thread is the running one with the most remaining (ties: highest core).
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class StcfPolicy final : public Policy {
 public:
  explicit StcfPolicy(const PolicyContext& ctx) : remaining_(ctx.remaining_cpu) {
    queue_.reserve(ctx.scenario->threads.size());
  }
  void enqueue(ThreadId t, ReadyReason, TimeNs) override { queue_.push({remaining_[t], ++order_, t}); }
  ThreadId pick(CoreId, bool, TimeNs) override { return queue_.empty() ? kNoThread : queue_.pop(); }
  TimeNs slice(ThreadId) const override { return kForever; }
  bool preempts(ThreadId candidate, ThreadId running) const override {
    return remaining_[candidate] < remaining_[running];
  }
  std::int64_t eviction_rank(ThreadId running) const override { return remaining_[running]; }

 private:
  std::span<const TimeNs> remaining_;  // kept current by the engine (settled before asking)
  RankedQueue queue_;
  std::int64_t order_ = 0;
};

}  // namespace

std::unique_ptr<Policy> make_stcf_policy(const SchedulerSpec&, const PolicyContext& ctx) {
  return std::make_unique<StcfPolicy>(ctx);
}

}  // namespace tl::detail
