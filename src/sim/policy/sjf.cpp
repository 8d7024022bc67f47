// SJF: non-preemptive; the ready thread with the smallest TOTAL CPU demand runs next (ties:
// ready order, then id). Demand is program_cpu_demand(), known in advance (an oracle).
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class SjfPolicy final : public Policy {
 public:
  explicit SjfPolicy(const PolicyContext& ctx) {
    const Scenario& sc = *ctx.scenario;
    demand_.reserve(sc.threads.size());
    for (const ThreadSpec& t : sc.threads) demand_.push_back(program_cpu_demand(t.program, sc.machine));
    queue_.reserve(sc.threads.size());
  }
  void enqueue(ThreadId t, ReadyReason why, TimeNs) override {
    const std::int64_t order = why == ReadyReason::Preempted ? --head_ : ++tail_;
    queue_.push({demand_[t], order, t});
  }
  ThreadId pick(CoreId, bool, TimeNs) override { return queue_.empty() ? kNoThread : queue_.pop(); }
  TimeNs slice(ThreadId) const override { return kForever; }
  bool may_preempt() const override { return false; }

 private:
  std::vector<TimeNs> demand_;
  RankedQueue queue_;
  std::int64_t head_ = 0, tail_ = 0;
};

}  // namespace

std::unique_ptr<Policy> make_sjf_policy(const SchedulerSpec&, const PolicyContext& ctx) {
  return std::make_unique<SjfPolicy>(ctx);
}

}  // namespace tl::detail
