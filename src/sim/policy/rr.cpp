// Round robin: a fresh quantum at each dispatch; arrivals, wakes and expired threads all go to
// the tail. Never preempts on a ready event.
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

namespace tl::detail {
namespace {

class RrPolicy final : public Policy {
 public:
  RrPolicy(const SchedulerSpec& spec, const PolicyContext& ctx)
      : queue_(ctx.scenario->threads.size()), quantum_(spec.quantum) {}
  void enqueue(ThreadId t, ReadyReason, TimeNs) override { queue_.push_back(t); }
  ThreadId pick(CoreId, bool, TimeNs) override { return queue_.empty() ? kNoThread : queue_.pop_front(); }
  TimeNs slice(ThreadId) const override { return quantum_; }
  bool may_preempt() const override { return false; }

 private:
  ThreadRing queue_;
  TimeNs quantum_;
};

}  // namespace

std::unique_ptr<Policy> make_rr_policy(const SchedulerSpec& spec, const PolicyContext& ctx) {
  return std::make_unique<RrPolicy>(spec, ctx);
}

}  // namespace tl::detail
