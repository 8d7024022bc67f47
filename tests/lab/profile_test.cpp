// The profile measure writes: it validates as a scenario's machine, and a simulation with it
// predicts the measured 2-worker speedup of the CPU kernel within 25 %.
#include "lab/measure.h"
#include "lab/subprocess.h"
#include "lab_test_util.h"
#include "sim/scenario/scenario.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace tl::lab {
namespace {

using Json = nlohmann::ordered_json;
using test::cli_target;
using test::within_attempts;

// One thread computing 1 ms on the machine the profile describes.
std::string scenario_with_machine(const Json& machine) {
  Json doc;
  doc["machine"] = machine;
  doc["processes"] = Json::array({Json{{"threads", Json::array({Json{{"program", Json::array({Json{{"compute_us", 1000}}})}}})}}});
  return doc.dump();
}

std::string errors_of(const ParseResult& p) {
  std::string s;
  for (const ScenarioError& e : p.errors) s += format_error(e) + "\n";
  return s;
}

// The measurements the profile needs, in their short versions.
Report quick_report() {
  Report r;
  r.topology = read_topology();
  r.kernel = calibrate_kernel(80'000'000);
  r.creation = measure_creation(5, 11, 500'000'000, cli_target());
  for (const PingPongCase& c : standard_pingpong_cases()) {
    std::string error;
    r.pingpong.push_back(measure_pingpong(c, 500, 3, 3, 200'000'000, error));
  }
  std::string error;
  r.pipe = measure_pipe_bandwidth({4096, 1 << 20}, 8u << 20, 3, 3, 600'000'000, error);
  r.cow = measure_cow_fault(512, 3, 3, 300'000'000, error);
  r.lock_pair_ns = measure_lock_pair_ns(100'000, 3);
  return r;
}

TEST(LabProfile, HasEveryMeasuredFieldAndValidates) {
  const Report r = quick_report();
  const Json profile = profile_json(r);
  for (const char* key : {"cores", "thread_switch_us", "process_switch_us", "futex_wake_us", "thread_create_us", "fork_us",
                          "spawn_us", "ipc_latency_us", "ipc_mb_per_s", "lock_us", "cow_fault_us"})
    EXPECT_TRUE(profile.contains(key) || (std::string(key) == "futex_wake_us" && r.topology.usable_cpus < 2)) << key;
  const ParseResult parsed = parse_scenario(scenario_with_machine(machine_from_profile(profile)));
  ASSERT_TRUE(parsed.scenario) << errors_of(parsed) << profile.dump(2);
  const CostProfile& costs = parsed.scenario->machine.costs;
  EXPECT_EQ(costs.fork, static_cast<TimeNs>(std::llround(profile["fork_us"].get<double>() * 1000)));
  EXPECT_EQ(parsed.scenario->machine.cores, profile["cores"].get<unsigned>());
}

// A machine of 4 cores with 2 hardware threads each shows 8 cpus. The profile says 4 cores of
// 2, so the simulation of 8 workers on it gives about 4 x 1.25 = 5x, not the 8x of 8 cores.
// Where the process cannot see the shape (an affinity mask leaving some cpus out, cores of
// mixed kinds), every usable cpu is a core, as before.
TEST(LabProfile, DescribesSmtAsCoresOfHardwareThreadsWhenItSeesTheWholeMachine) {
  Report r;
  r.topology.logical_cpus = r.topology.configured_cpus = r.topology.usable_cpus = 8;
  r.topology.physical_cores = 4;
  r.topology.threads_per_core = 2;
  r.topology.smt = true;
  const Json whole = profile_json(r);
  EXPECT_EQ(whole.value("cores", 0u), 4u);
  EXPECT_EQ(whole.value("smt", 0u), 2u);
  const ParseResult parsed = parse_scenario(scenario_with_machine(machine_from_profile(whole)));
  ASSERT_TRUE(parsed.scenario) << errors_of(parsed) << whole.dump(2);
  EXPECT_EQ(hardware_threads(parsed.scenario->machine), 8u);
  EXPECT_EQ(parsed.scenario->machine.smt, 2u);
  const SpeedupPrediction eight = predict_kernel_speedup(machine_from_profile(whole), 800'000'000, 8, Launch::Thread);
  ASSERT_TRUE(eight.error.empty()) << eight.error;
  EXPECT_NEAR(eight.speedup, 5.0, 0.1);

  r.topology.usable_cpus = 6;  // taskset -c 0-5: which siblings remain is not the profile's to guess
  const Json masked = profile_json(r);
  EXPECT_EQ(masked.value("cores", 0u), 6u);
  EXPECT_FALSE(masked.contains("smt"));

  r.topology.usable_cpus = 12;  // 4 cores of 2 and 4 of 1: 8 sibling sets, 12 cpus
  r.topology.logical_cpus = 12;
  r.topology.physical_cores = 8;
  const Json hybrid = profile_json(r);
  EXPECT_EQ(hybrid.value("cores", 0u), 12u);
  EXPECT_FALSE(hybrid.contains("smt"));
}

void expect_prediction_within_25_percent(Launch launch) {
  if (read_topology().usable_cpus < 2) GTEST_SKIP() << "needs 2 usable cpus";
  Report r = quick_report();
  const test::Attempt result = within_attempts(to_string(launch), 8, 25'000'000'000, [&](std::string& note) {
    SpeedupOptions o;
    o.total_iterations = r.kernel.iterations;
    o.max_workers = 2;
    o.min_repeats = 3;
    o.max_repeats = 5;
    o.budget_ns = 1'500'000'000;
    o.target = cli_target();
    r.speedups = {measure_speedup(launch, o)};
    if (!r.speedups[0].error.empty()) {
      note = r.speedups[0].error;
      return test::Attempt::Fail;
    }
    const double measured = r.speedups[0].points[1].speedup;
    const SpeedupPrediction predicted = predict_with_profile(profile_json(r), r, 2, launch);
    if (!predicted.error.empty()) {
      note = predicted.error;
      return test::Attempt::Fail;
    }
    const double others = r.speedups[0].others_cpus;
    note = "measured " + std::to_string(measured) + "x, predicted " + std::to_string(predicted.speedup) +
           "x, others used " + std::to_string(others) + " cpus";
    if (std::abs(predicted.speedup - measured) <= 0.25 * measured) return test::Attempt::Pass;
    // The profile describes the machine, not what other programs leave of it at the moment.
    return others >= test::kBusyCpus ? test::Attempt::Busy : test::Attempt::Fail;
  });
  if (result == test::Attempt::Busy)
    GTEST_SKIP() << "other programs kept at least " << test::kBusyCpus << " cpus busy during every attempt";
  EXPECT_EQ(result, test::Attempt::Pass)
      << "the simulation with the measured profile missed the measured speedup by more than 25 % (attempts above)";
}

TEST(LabProfile, PredictsTheMeasuredTwoThreadSpeedupWithin25Percent) { expect_prediction_within_25_percent(Launch::Thread); }
TEST(LabProfile, PredictsTheMeasuredTwoProcessSpeedupWithin25Percent) { expect_prediction_within_25_percent(Launch::Fork); }

TEST(LabCli, MeasureWritesAProfileThatValidates) {
  std::filesystem::create_directories(TL_TEST_TMP_DIR);
  const std::string out = std::string(TL_TEST_TMP_DIR) + "/measured_profile.json";
  std::filesystem::remove(out);
  const ProgramRun run = run_program({TL_CLI_PATH, "measure", "--quick", "--no-python", "--json", "--max-workers", "2",
                                      "--profile-out", out},
                                     120'000'000'000);
  ASSERT_TRUE(run.started) << run.error;
  ASSERT_FALSE(run.timed_out);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  for (const char* key : {"topology", "kernel", "speedup", "creation_us", "pingpong", "pipe_bandwidth", "cow_fault", "profile"})
    EXPECT_TRUE(report.contains(key)) << key;
  EXPECT_EQ(report["speedup"].size(), 3u);  // threads, fork, spawn
  EXPECT_EQ(report["errors"].size(), 0u) << report["errors"].dump();
  std::ifstream in(out);
  const Json profile = Json::parse(in, nullptr, false);
  ASSERT_TRUE(profile.is_object());
  EXPECT_EQ(profile, report["profile"]);
  // As a scenario uses it: by file name, relative to the scenario, and inline.
  const std::string scenario_file = std::string(TL_TEST_TMP_DIR) + "/uses_measured_profile.json";
  std::ofstream(scenario_file) << scenario_with_machine(Json{{"profile", "measured_profile.json"}});
  const ProgramRun validate = run_program({TL_CLI_PATH, "validate", scenario_file}, 30'000'000'000);
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  const ParseResult parsed = parse_scenario(scenario_with_machine(Json{{"profile", profile}}));
  EXPECT_TRUE(parsed.scenario) << errors_of(parsed);
}

TEST(LabCli, MeasureRejectsBadFlagsByName) {
  const ProgramRun run = run_program({TL_CLI_PATH, "measure", "--max-workers", "zero"}, 10'000'000'000);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--max-workers"), std::string::npos) << run.err;
  const ProgramRun bad = run_program({TL_CLI_PATH, "measure", "--frobnicate"}, 10'000'000'000);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--frobnicate"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace tl::lab
