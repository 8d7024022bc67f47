#include "sim/policy/factory.h"

namespace tl {

std::unique_ptr<Policy> make_policy(const SchedulerSpec& spec, const PolicyContext& context) {
  switch (spec.policy) {
    case PolicyKind::Fifo: return detail::make_fifo_policy(spec, context);
    case PolicyKind::Sjf: return detail::make_sjf_policy(spec, context);
    case PolicyKind::Stcf: return detail::make_stcf_policy(spec, context);
    case PolicyKind::Rr: return detail::make_rr_policy(spec, context);
    case PolicyKind::Priority: return detail::make_priority_policy(spec, context);
    case PolicyKind::Mlfq: return detail::make_mlfq_policy(spec, context);
    case PolicyKind::Cyclic: return detail::make_cyclic_policy(spec, context);
  }
  return detail::make_rr_policy(spec, context);
}

}  // namespace tl
