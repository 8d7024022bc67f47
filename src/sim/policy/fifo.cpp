// FIFO: non-preemptive, ready order. A thread runs until it blocks or finishes.
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class FifoPolicy final : public Policy {
 public:
  explicit FifoPolicy(const PolicyContext& ctx) : queue_(ctx.scenario->threads.size()) {}
  void enqueue(ThreadId t, ReadyReason why, TimeNs) override {
    // Only a policy timer could take a FIFO thread off its core; it keeps its place then.
    if (why == ReadyReason::Preempted) queue_.push_front(t);
    else queue_.push_back(t);
  }
  ThreadId pick(CoreId, bool, TimeNs) override { return queue_.empty() ? kNoThread : queue_.pop_front(); }
  TimeNs slice(ThreadId) const override { return kForever; }
  bool may_preempt() const override { return false; }

 private:
  ThreadRing queue_;
};

}  // namespace

std::unique_ptr<Policy> make_fifo_policy(const SchedulerSpec&, const PolicyContext& ctx) {
  return std::make_unique<FifoPolicy>(ctx);
}

}  // namespace tl::detail
