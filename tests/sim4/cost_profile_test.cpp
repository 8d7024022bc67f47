#include "sim/runtime/cost_profile.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl {
namespace {

using json = nlohmann::ordered_json;

TEST(CostProfile, NativeMagnitudesFollowCalibration) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(p.thread_create, 20'000);
  EXPECT_EQ(p.fork, 300'000);
  EXPECT_EQ(p.thread_switch, 2'000);
  EXPECT_EQ(p.process_switch, 4'000);
  EXPECT_GT(p.address_space_refill, 0);
  // The lesson's ordering: a thread is cheaper to create than a forked process, which is
  // cheaper than a fresh program.
  EXPECT_LT(p.thread_create, p.fork);
  EXPECT_LT(p.fork, p.spawn);
}

TEST(CostProfile, PythonMagnitudesFollowCalibration) {
  const CostProfile p = cost_profile(CostProfileKind::Python);
  EXPECT_EQ(p.thread_create, 200'000);
  EXPECT_EQ(p.fork, 5'000'000);
  EXPECT_EQ(p.spawn, 120'000'000);
  EXPECT_EQ(p.gil_switch_interval, 5'000'000);
  EXPECT_EQ(p.lock * 2, 500);                          // an acquire/release pair ~0.5 us
  EXPECT_EQ(p.queue_handoff, 50'000);                  // a reference: ~0.05 ms
  // fork ~20x a thread, spawn ~500-700x.
  EXPECT_EQ(p.fork / p.thread_create, 25);
  EXPECT_GE(p.spawn / p.thread_create, 500);
  EXPECT_LE(p.spawn / p.thread_create, 700);
  // 1 MB through a pipe costs each side about 1/300 s (with pickling) plus the latency.
  const TimeNs per_mb = ipc_side_cost(p, 1'000'000) - p.ipc_latency;
  EXPECT_NEAR(static_cast<double>(per_mb), 1e9 / 300, 1e9 / 300 * 0.02);
  // Memory: ~13 MB per interpreter, a forked child ~1.5 MB private, a spawned ~16 MB of
  // which ~9 MB private (its code stays shared through the page cache).
  EXPECT_EQ(p.code_kb + p.data_kb + p.heap_kb, 13u * 1024);
  EXPECT_EQ(p.fork_dirty_kb, 1'536u);
  EXPECT_EQ(p.code_kb + p.data_kb + p.heap_kb + p.spawn_extra_kb, 16u * 1024);
  EXPECT_EQ(p.data_kb + p.heap_kb + p.spawn_extra_kb, 9u * 1024);
  EXPECT_EQ(p.thread_stack_kb, 12u);
  // An I/O thread beside a CPU-bound one waits interval + wake + handoff: ~5.2 ms at 5 ms;
  // with the CPU work in another process the wake alone, ~0.1 ms.
  EXPECT_EQ(p.wake, 100'000);
  EXPECT_EQ(p.gil_handoff, 100'000);
}

TEST(CostProfile, NativeWakesInAFewMicrosecondsAndHasNoGilLatency) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_GT(p.wake, 0);
  EXPECT_LE(p.wake, 10'000);
  EXPECT_LT(p.wake, cost_profile(CostProfileKind::Python).wake);
  EXPECT_EQ(p.gil_handoff, 0);
}

TEST(CostProfile, TextbookHasNoTimeCosts) {
  const CostProfile p = cost_profile(CostProfileKind::Textbook);
  for (const CostField& f : cost_fields()) {
    if (f.time && f.time != &CostProfile::gil_switch_interval) {
      EXPECT_EQ(p.*(f.time), 0) << f.name;
    }
  }
  EXPECT_EQ(p.ipc_mb_per_s, 0u);
  EXPECT_EQ(ipc_side_cost(p, 1'000'000'000), 0);
  EXPECT_EQ(switch_cost(p, SwitchKind::Process), 0);
  EXPECT_EQ(creation_cost(p, WorkerKind::SpawnedProcess), 0);
  EXPECT_GT(p.code_kb, 0u);   // sizes are not costs
}

TEST(CostProfile, DefaultConstructedIsTextbook) {
  const CostProfile a;
  const CostProfile b = cost_profile(CostProfileKind::Textbook);
  EXPECT_EQ(a.kind, b.kind);
  for (const CostField& f : cost_fields()) {
    if (f.time) {
      EXPECT_EQ(a.*(f.time), b.*(f.time)) << f.name;
    } else {
      EXPECT_EQ(a.*(f.count), b.*(f.count)) << f.name;
    }
  }
  const CostProfile native = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(a.code_kb, native.code_kb);   // textbook keeps native's sizes
  EXPECT_EQ(a.thread_stack_kb, native.thread_stack_kb);
}

TEST(CostProfile, NamesRoundTrip) {
  for (auto kind : {CostProfileKind::Native, CostProfileKind::Python, CostProfileKind::Textbook})
    EXPECT_EQ(cost_profile_kind(to_string(kind)), kind);
  EXPECT_FALSE(cost_profile_kind("Python").has_value());
}

TEST(CostProfile, RequiredMachineFieldNamesExist) {
  for (const char* name : {"thread_switch_us", "process_switch_us", "thread_create_us", "fork_us",
                           "spawn_us", "ipc_mb_per_s"})
    EXPECT_NE(find_cost_field(name), nullptr) << name;
  EXPECT_EQ(find_cost_field("cores"), nullptr);
}

TEST(CostProfile, SwitchKindByOwningProcess) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(classify_switch(kNoThread, 0, 3, 0), SwitchKind::None);
  EXPECT_EQ(classify_switch(3, 0, 3, 0), SwitchKind::None);
  EXPECT_EQ(classify_switch(2, 0, 3, 0), SwitchKind::Thread);
  EXPECT_EQ(classify_switch(2, 0, 3, 1), SwitchKind::Process);
  EXPECT_EQ(switch_cost(p, 2, 0, 3, 0), p.thread_switch);
  EXPECT_EQ(switch_cost(p, 2, 0, 3, 1), p.process_switch + p.address_space_refill);
}

TEST(CostProfile, MachineOverridesApplyOnTopOfTheChosenProfile) {
  std::vector<ScenarioError> errors;
  // Keys sort before "profile" on purpose: the profile must still be applied first.
  const json machine = {{"cores", 4}, {"fork_us", 1500}, {"lock_us", 0.25}, {"profile", "python"},
                        {"ipc_mb_per_s", 200}, {"address_space_refill_us", 30}, {"heap_kb", 4096}};
  const CostProfile p = machine_cost_profile(machine, "machine", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(p.kind, CostProfileKind::Python);
  EXPECT_EQ(p.fork, 1'500'000);
  EXPECT_EQ(p.lock, 250);
  EXPECT_EQ(p.ipc_mb_per_s, 200u);
  EXPECT_EQ(p.address_space_refill, 30'000);
  EXPECT_EQ(p.heap_kb, 4'096u);
  EXPECT_EQ(p.spawn, 120'000'000);   // untouched fields keep the python default
}

TEST(CostProfile, DefaultProfileIsNative) {
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

TEST(CostProfile, BadValuesNameTheFieldAndKeepTheDefault) {
  std::vector<ScenarioError> errors;
  const json machine = {{"fork_us", -1},          {"spawn_us", "slow"},   {"heap_kb", 1.5},
                        {"ipc_mb_per_s", 1e12},   {"thread_switch_us", 1e10},
                        {"gil_switch_interval_us", 0}, {"lock_us", true}, {"cow_fault_us", -0.5}};
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

TEST(CostProfile, FractionalMicrosecondsRoundFromTheWrittenDecimal) {
  auto lock_ns = [](const json& v) {
    std::vector<ScenarioError> errors;
    const CostProfile p = machine_cost_profile(json{{"lock_us", v}}, "machine", errors);
    EXPECT_TRUE(errors.empty());
    return p.lock;
  };
  EXPECT_EQ(lock_ns(0.25), 250);
  EXPECT_EQ(lock_ns(0.001), 1);
  EXPECT_EQ(lock_ns(0.0015), 2);    // 1.5 ns: ties to even
  EXPECT_EQ(lock_ns(0.0025), 2);    // 2.5 ns: ties to even
  EXPECT_EQ(lock_ns(0.0026), 3);
  EXPECT_EQ(lock_ns(1e-7), 0);
  EXPECT_EQ(lock_ns(12.5), 12'500);
  EXPECT_EQ(lock_ns(3), 3'000);
  EXPECT_EQ(lock_ns(2.5e3), 2'500'000);
}

TEST(CostProfile, SetFieldTakesInternalUnits) {
  CostProfile p;
  EXPECT_EQ(set_cost_field(p, *find_cost_field("fork_us"), 1'234), "");
  EXPECT_EQ(p.fork, 1'234);
  EXPECT_EQ(set_cost_field(p, *find_cost_field("thread_stack_kb"), 64), "");
  EXPECT_EQ(p.thread_stack_kb, 64u);
  EXPECT_EQ(set_cost_field(p, *find_cost_field("thread_stack_kb"), -1), "must not be negative");
  EXPECT_EQ(p.thread_stack_kb, 64u);
}

TEST(CostProfile, UnknownProfileIsAnError) {
  std::vector<ScenarioError> errors;
  machine_cost_profile(json{{"profile", "java"}}, "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "machine.profile");
  EXPECT_EQ(errors[0].message, "unknown profile 'java' (expected native, python or textbook)");
  errors.clear();
  machine_cost_profile(json{{"profile", 3}}, "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected a string, got number");
  errors.clear();
  machine_cost_profile(json::array(), "machine", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "machine");
}

TEST(CostProfile, NonCostFieldsAreLeftToTheCaller) {
  CostProfile p;
  std::vector<ScenarioError> errors;
  EXPECT_FALSE(apply_cost_field(p, "cores", json(4), "machine.cores", errors));
  EXPECT_TRUE(errors.empty());
}

TEST(CostProfile, IpcCostScalesWithBytesWithoutOverflow) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(ipc_side_cost(p, 0), p.ipc_latency);
  EXPECT_EQ(ipc_side_cost(p, 2'000'000) - p.ipc_latency, 1'000'000);   // 2 MB at 2000 MB/s = 1 ms
  // A terabyte stays well inside int64 ns.
  EXPECT_EQ(ipc_side_cost(p, 1'000'000'000'000ULL) - p.ipc_latency, 500'000'000'000);
}

}  // namespace
}  // namespace tl
