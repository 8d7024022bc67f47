// The GIL inside the engine, against the calibration facts (docs/calibration.md).
#include "sim/engine/engine.h"

#include <gtest/gtest.h>

#include <string>

namespace tl {
namespace {

constexpr TimeNs kMs = 1'000'000;

Scenario parse(const std::string& json) {
  ParseResult r = parse_scenario(json);
  if (!r.scenario) ADD_FAILURE() << format_error(r.errors.front());
  return r.scenario.value_or(Scenario{});
}

// An I/O thread that wakes every 1 ms and computes 10 us, beside a CPU-bound thread, in one
// process (or the CPU work in a process of its own).
std::string io_beside_cpu(bool gil, int interval_us, bool separate_process) {
  const std::string io = R"({"name": "io", "program": [{"repeat": 20, "do": [{"io_us": 1000}, {"compute_us": 10}]}]})";
  const std::string cpu = R"({"name": "cpu", "program": [{"compute_us": 1000000}]})";
  const std::string procs = separate_process
                                ? R"([{"name": "a", "threads": [)" + io + R"(]}, {"name": "b", "threads": [)" + cpu + "]}]"
                                : R"([{"name": "a", "threads": [)" + io + "," + cpu + "]}]";
  return R"({"machine": {"cores": 2, "profile": "python"}, "runtime": {"gil": )" + std::string(gil ? "true" : "false") +
         R"(, "switch_interval_us": )" + std::to_string(interval_us) + R"(}, "processes": )" + procs + "}";
}

TEST(GilEngine, IoThreadWaitsAboutOneSwitchIntervalPerWakeUp) {
  for (int interval_us : {1000, 5000, 20000}) {
    const RunResult r = run(parse(io_beside_cpu(true, interval_us, false)));
    ASSERT_EQ(r.outcome, Outcome::Completed);
    const TimeNs per_wake = r.metrics.threads[0].gil_wait / 20;
    EXPECT_GE(per_wake, interval_us * 1000) << interval_us;
    // + the python profile's GIL hand-over latency (100 us) and switch costs
    EXPECT_LE(per_wake, interval_us * 1000 + 200'000) << interval_us;
  }
}

TEST(GilEngine, WithTheCpuWorkInAnotherProcessTheIoThreadBarelyWaits) {
  const RunResult r = run(parse(io_beside_cpu(true, 5000, true)));
  EXPECT_EQ(r.metrics.threads[0].gil_wait, 0);
  const RunResult off = run(parse(io_beside_cpu(false, 5000, false)));
  EXPECT_EQ(off.metrics.threads[0].gil_wait, 0);
}

std::string cpu_split(int workers, bool gil, bool processes) {
  std::string procs = "[";
  const std::string worker = R"({"program": [{"compute_us": 100000}]})";
  for (int i = 0; i < workers; ++i) {
    if (processes) procs += std::string(i ? "," : "") + R"({"threads": [)" + worker + "]}";
    else procs += std::string(i ? "" : R"({"threads": [)") + (i ? "," : "") + worker;
  }
  procs += processes ? "]" : "]}]";
  return R"({"machine": {"cores": 4, "profile": "python"}, "runtime": {"gil": )" + std::string(gil ? "true" : "false") +
         R"(}, "processes": )" + procs + "}";
}

TEST(GilEngine, CpuBoundThreadsUseOneCoreAtATimeProcessesUseAll) {
  const TimeNs work = 4 * 100 * kMs;
  const RunResult threads_gil = run(parse(cpu_split(4, true, false)));
  const RunResult threads_free = run(parse(cpu_split(4, false, false)));
  const RunResult processes_gil = run(parse(cpu_split(4, true, true)));
  ASSERT_EQ(threads_gil.outcome, Outcome::Completed);
  // Parallelism = CPU time / makespan: ~1 with the GIL, ~4 without it or with processes.
  auto parallelism = [](const RunResult& r) {
    TimeNs cpu = 0;
    for (const ThreadMetrics& t : r.metrics.threads) cpu += t.cpu;
    return static_cast<double>(cpu) / static_cast<double>(r.metrics.makespan);
  };
  // Never above 1; a little below, since each forced hand-over (every 5 ms) leaves the cores
  // idle for the python profile's gil_handoff (0.1 ms): about 2 % lost.
  EXPECT_LE(parallelism(threads_gil), 1.0);
  EXPECT_GE(parallelism(threads_gil), 0.97);
  EXPECT_GE(threads_gil.metrics.makespan, work);
  EXPECT_NEAR(parallelism(threads_free), 4.0, 0.05);
  EXPECT_NEAR(parallelism(processes_gil), 4.0, 0.05);
  // Every thread under the GIL waited for it most of the time.
  for (const ThreadMetrics& t : threads_gil.metrics.threads) EXPECT_GT(t.gil_wait, 0);
}

TEST(GilEngine, SwitchCostDependsOnTheKindOfSwitch) {
  // One core, two threads in one process vs two processes, round robin: switches cost
  // thread_switch vs process_switch (native: 2 us vs 2.5 us since PCID; no working set here).
  auto overhead = [](bool processes) {
    const std::string t = R"({"program": [{"compute_us": 1000}]})";
    const std::string procs = processes ? "[{\"threads\": [" + t + "]}, {\"threads\": [" + t + "]}]"
                                        : "[{\"threads\": [" + t + "," + t + "]}]";
    const RunResult r = run(parse(R"({"machine": {"cores": 1, "profile": "native"},
      "scheduler": {"policy": "rr", "quantum_us": 100}, "processes": )" +
                                  procs + "}"));
    TimeNs o = 0;
    for (const CoreMetrics& c : r.metrics.cores) o += c.overhead;
    return std::pair{o, r.metrics.context_switches};
  };
  const auto [thread_overhead, thread_switches] = overhead(false);
  const auto [process_overhead, process_switches] = overhead(true);
  ASSERT_GT(thread_switches, 0u);
  EXPECT_EQ(thread_overhead, static_cast<TimeNs>(thread_switches) * 2'000);
  EXPECT_EQ(process_overhead, static_cast<TimeNs>(process_switches) * 2'500);
}

TEST(GilEngine, RuntimeFieldsAreChecked) {
  ParseResult r = parse_scenario(R"({"runtime": {"gil": 1, "switch_interval_us": 0, "x": 2},
                                     "processes": [{"threads": [{"program": []}]}]})");
  ASSERT_FALSE(r.scenario);
  std::string all;
  for (const ScenarioError& e : r.errors) all += format_error(e) + "\n";
  EXPECT_NE(all.find("runtime: unknown key 'x'"), std::string::npos) << all;
  EXPECT_NE(all.find("runtime.gil"), std::string::npos) << all;
  EXPECT_NE(all.find("runtime.switch_interval_us"), std::string::npos) << all;
}

}  // namespace
}  // namespace tl
