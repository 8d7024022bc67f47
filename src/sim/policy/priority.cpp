// Static priority: larger ThreadSpec::priority runs first and preempts lower ones at once;
// among equals, round robin with the quantum. A preempted thread goes back to the HEAD of its
// priority level (it did not use up its turn); expiry, arrival and wake go to the tail.
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class PriorityPolicy final : public Policy {
 public:
  PriorityPolicy(const SchedulerSpec& spec, const PolicyContext& ctx)
      : scenario_(*ctx.scenario), quantum_(spec.quantum) {
    queue_.reserve(scenario_.threads.size());
  }
  void enqueue(ThreadId t, ReadyReason why, TimeNs) override {
    const std::int64_t order = why == ReadyReason::Preempted ? --head_ : ++tail_;
    queue_.push({-static_cast<std::int64_t>(prio(t)), order, t});
  }
  ThreadId pick(CoreId, bool, TimeNs) override { return queue_.empty() ? kNoThread : queue_.pop(); }
  TimeNs slice(ThreadId) const override { return quantum_; }
  bool preempts(ThreadId candidate, ThreadId running) const override { return prio(candidate) > prio(running); }
  std::int64_t eviction_rank(ThreadId running) const override { return -static_cast<std::int64_t>(prio(running)); }

 private:
  int prio(ThreadId t) const { return scenario_.threads[t].priority; }
  const Scenario& scenario_;
  TimeNs quantum_;
  RankedQueue queue_;
  std::int64_t head_ = 0, tail_ = 0;
};

}  // namespace

std::unique_ptr<Policy> make_priority_policy(const SchedulerSpec& spec, const PolicyContext& ctx) {
  return std::make_unique<PriorityPolicy>(spec, ctx);
}

}  // namespace tl::detail
