// One maker per policy file; make_policy() (factory.cpp) chooses among them.
#pragma once
#include "sim/policy/policy.h"

namespace tl::detail {
std::unique_ptr<Policy> make_fifo_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_sjf_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_stcf_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_rr_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_priority_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_mlfq_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
std::unique_ptr<Policy> make_cyclic_policy(const SchedulerSpec& spec, const PolicyContext& ctx);
}  // namespace tl::detail
