// Reading a "machine" object into a CostProfile: the profile name, the overrides, and bad
// values reported with their path.
#include "sim/scenario/machine_costs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl {
namespace {

using json = nlohmann::ordered_json;

TEST(MachineCosts, OverridesApplyOnTopOfTheChosenProfile) {
  std::vector<ScenarioError> errors;
  // Keys sort before "profile" on purpose: the profile must still be applied first.
  const json machine = {{"cores", 4}, {"fork_us", 1500}, {"lock_us", 0.25}, {"profile", "python"}, {"ipc_mb_per_s", 200}, {"address_space_refill_us", 30}, {"heap_kb", 4096}};
  const CostProfile p = machine_cost_profile(machine, "machine", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(p.kind, CostProfileKind::Python);
  EXPECT_EQ(p.fork, 1'500'000);
  EXPECT_EQ(p.lock, 250);
  EXPECT_EQ(p.ipc_mb_per_s, 200u);
  EXPECT_EQ(p.address_space_refill, 30'000);
  EXPECT_EQ(p.heap_kb, 4'096u);
  EXPECT_EQ(p.spawn_child, 118'000'000);  // untouched fields keep the python default
}

TEST(MachineCosts, DefaultProfileIsNative) {
  std::vector<ScenarioError> errors;
  const CostProfile p = machine_cost_profile(json::object(), "machine", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(p.kind, CostProfileKind::Native);
  // A caller may choose another default (e.g. to keep older scenarios cost-free).
  EXPECT_EQ(machine_cost_profile(json::object(), "machine", errors, CostProfileKind::Textbook).kind,
            CostProfileKind::Textbook);
  EXPECT_EQ(machine_cost_profile(json{{"profile", "python"}}, "machine", errors, CostProfileKind::Textbook).kind,
            CostProfileKind::Python);
}

TEST(MachineCosts, BadValuesNameTheFieldAndKeepTheDefault) {
  std::vector<ScenarioError> errors;
  const json machine = {{"fork_us", -1}, {"spawn_us", "slow"}, {"heap_kb", 1.5}, {"ipc_mb_per_s", 1e12}, {"thread_switch_us", 1e10}, {"gil_switch_interval_us", 0}, {"lock_us", true}, {"cow_fault_us", -0.5}};
  const CostProfile p = machine_cost_profile(machine, "machine", errors);
  ASSERT_EQ(errors.size(), 8u);
  // Document order, as every other parser error.
  EXPECT_EQ(errors[0].path, "machine.fork_us");
  EXPECT_EQ(errors[0].message, "must not be negative");
  EXPECT_EQ(errors[1].path, "machine.spawn_us");
  EXPECT_EQ(errors[1].message, "expected a number, got string");
  EXPECT_EQ(errors[2].path, "machine.heap_kb");
  EXPECT_EQ(errors[2].message, "must be a whole number");
  EXPECT_EQ(errors[3].path, "machine.ipc_mb_per_s");
  EXPECT_EQ(errors[3].message, "too large (at most 1000000 MB/s)");
  EXPECT_EQ(errors[4].path, "machine.thread_switch_us");
  EXPECT_EQ(errors[4].message, "too large (at most 3600000000 us, one hour)");
  EXPECT_EQ(errors[5].path, "machine.gil_switch_interval_us");
  EXPECT_NE(errors[5].message.find("at least 1 us"), std::string::npos);
  EXPECT_EQ(errors[6].path, "machine.lock_us");
  EXPECT_EQ(errors[6].message, "expected a number, got boolean");
  EXPECT_EQ(errors[7].path, "machine.cow_fault_us");
  EXPECT_EQ(errors[7].message, "must not be negative");
  const CostProfile native = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(p.fork, native.fork);
  EXPECT_EQ(p.heap_kb, native.heap_kb);
  EXPECT_EQ(p.gil_switch_interval, native.gil_switch_interval);
  EXPECT_EQ(p.thread_switch, native.thread_switch);
}

TEST(MachineCosts, FractionalMicrosecondsRoundFromTheWrittenDecimal) {
  auto lock_ns = [](const json& v) {
    std::vector<ScenarioError> errors;
    const CostProfile p = machine_cost_profile(json{{"lock_us", v}}, "machine", errors);
    EXPECT_TRUE(errors.empty());
    return p.lock;
  };
  EXPECT_EQ(lock_ns(0.25), 250);
  EXPECT_EQ(lock_ns(0.001), 1);
  EXPECT_EQ(lock_ns(0.0015), 2);  // 1.5 ns: ties to even
  EXPECT_EQ(lock_ns(0.0025), 2);  // 2.5 ns: ties to even
  EXPECT_EQ(lock_ns(0.0026), 3);
  EXPECT_EQ(lock_ns(1e-7), 0);
  EXPECT_EQ(lock_ns(12.5), 12'500);
  EXPECT_EQ(lock_ns(3), 3'000);
  EXPECT_EQ(lock_ns(2.5e3), 2'500'000);
}

TEST(MachineCosts, UnknownProfileIsAnError) {
  std::vector<ScenarioError> errors;
  machine_cost_profile(json{{"profile", "java"}}, "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "machine.profile");
  EXPECT_EQ(errors[0].message,
            "unknown profile 'java' (expected native, python or textbook, a profile file such as 'my-machine.json', "
            "or an object)");
  errors.clear();
  machine_cost_profile(json{{"profile", 3}}, "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected a profile name, a profile file or an object, got number");
  errors.clear();
  machine_cost_profile(json::array(), "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "machine");
}

TEST(MachineCosts, NonCostFieldsAreLeftToTheCaller) {
  CostProfile p;
  std::vector<ScenarioError> errors;
  EXPECT_FALSE(apply_cost_field(p, "cores", json(4), "machine.cores", errors));
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace tl
