// A short version of each native measurement on the test machine, with the sanity bounds the
// lab promises: 2 CPU workers on 2 cpus speed up 1.3-2.2x as threads and as processes (fork
// and spawn); fork costs more than creating a thread; a pipe moves at least 100 MB/s.
#include "lab/cow_fault.h"
#include "lab/creation.h"
#include "lab/kernel.h"
#include "lab/pingpong.h"
#include "lab/pipe_bandwidth.h"
#include "lab/speedup.h"
#include "lab/topology.h"
#include "lab_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace tl::lab {
namespace {

using test::cli_target;
using test::within_attempts;

TEST(LabTopology, ReportsCpusAndCoresConsistently) {
  const Topology t = read_topology();
  EXPECT_GE(t.logical_cpus, 1u);
  EXPECT_GE(t.configured_cpus, t.logical_cpus);
  EXPECT_GE(t.usable_cpus, 1u);
  EXPECT_LE(t.usable_cpus, t.configured_cpus);
  EXPECT_GE(t.physical_cores, 1u);
  EXPECT_LE(t.physical_cores, t.configured_cpus);
  EXPECT_EQ(t.smt, t.threads_per_core > 1);
}

TEST(LabKernel, IsDeterministicAndCalibratesNearItsTarget) {
  EXPECT_EQ(cpu_kernel(1000, 7), cpu_kernel(1000, 7));
  EXPECT_NE(cpu_kernel(1000, 7), cpu_kernel(1001, 7));
  const KernelCalibration c = calibrate_kernel(20'000'000);
  EXPECT_GT(c.iterations, 0u);
  EXPECT_GT(c.measured_ns, 0);
}

// What starting and ending one worker that does nothing costs with `launch`: the median of five.
Nanos start_cost(Launch launch) {
  std::vector<Nanos> samples;
  for (int i = 0; i < 5; ++i) {
    std::string error;
    const Nanos t = run_workers(
        launch, 1, [](unsigned) {}, {"empty"}, cli_target(), error);
    EXPECT_GE(t, 0) << error;
    samples.push_back(t);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

// The 1.3-2.2x bound holds when each worker's work outweighs its start: true of a thread (tens
// of microseconds), a fork and a native spawned program (a few milliseconds), but not of a
// spawned program built with AddressSanitizer, which maps its shadow memory first (60-75 ms
// here, more when two start at once). So the work is at least 8 starts' worth: 80 ms in a
// native build, about half a second under ASan; the bound itself is never widened.
void expect_two_worker_speedup(Launch launch) {
  if (read_topology().usable_cpus < 2) GTEST_SKIP() << "needs 2 usable cpus";
  const Nanos start = start_cost(launch);
  const Nanos work_ns = std::max<Nanos>(80'000'000, 8 * start);
  std::printf("[lab] %s: a worker starts in %lld us; %lld ms of work in all\n", to_string(launch),
              static_cast<long long>(start / 1000), static_cast<long long>(work_ns / 1'000'000));
  const test::Attempt result = within_attempts(to_string(launch), 8, 25'000'000'000, [&](std::string& note) {
    SpeedupOptions o;
    o.total_iterations = calibrate_kernel(work_ns).iterations;
    o.max_workers = 2;
    o.min_repeats = 3;
    o.max_repeats = 5;
    o.budget_ns = 1'500'000'000;
    o.target = cli_target();
    const SpeedupCurve c = measure_speedup(launch, o);
    if (!c.error.empty()) {
      note = c.error;
      return test::Attempt::Fail;
    }
    const double s = c.points[1].speedup;
    note = "1 worker " + std::to_string(c.points[0].median_ns / 1'000'000) + " ms, 2 workers " +
           std::to_string(c.points[1].median_ns / 1'000'000) + " ms, speedup " + std::to_string(s) +
           ", others used " + std::to_string(c.others_cpus) + " cpus";
    if (s >= 1.3 && s <= 2.2) return test::Attempt::Pass;
    return c.others_cpus >= test::kBusyCpus ? test::Attempt::Busy : test::Attempt::Fail;
  });
  if (result == test::Attempt::Busy)
    GTEST_SKIP() << "other programs kept at least " << test::kBusyCpus << " cpus busy during every attempt";
  EXPECT_EQ(result, test::Attempt::Pass) << "2 CPU workers as " << to_string(launch)
                                         << " did not speed up 1.3-2.2x on a quiet machine (attempts above)";
}

TEST(LabSpeedup, TwoThreadsOnTwoCpus) { expect_two_worker_speedup(Launch::Thread); }
TEST(LabSpeedup, TwoForkedProcessesOnTwoCpus) { expect_two_worker_speedup(Launch::Fork); }
TEST(LabSpeedup, TwoSpawnedProcessesOnTwoCpus) { expect_two_worker_speedup(Launch::Spawn); }

TEST(LabCreation, ForkCostsMoreThanAThreadAndSpawnRuns) {
  CreationCosts c;
  const bool ok = within_attempts("creation", 3, 6'000'000'000, [&](std::string& note) {
    c = measure_creation(5, 15, 600'000'000, cli_target());
    note = "thread " + std::to_string(c.thread_ns / 1000) + " us, fork " + std::to_string(c.fork_ns / 1000) +
           " us, spawn " + std::to_string(c.spawn_ns / 1000) + " us" + (c.error.empty() ? "" : " (" + c.error + ")");
    return c.error.empty() && c.fork_ns > c.thread_ns;
  });
  EXPECT_TRUE(ok) << "fork did not cost more than creating a thread (attempts above)";
  EXPECT_GT(c.spawn_ns, 0);
}

TEST(LabPipe, MovesAtLeast100MBPerSecond) {
  const bool ok = within_attempts("pipe", 3, 8'000'000'000, [&](std::string& note) {
    std::string error;
    const std::vector<BandwidthPoint> points =
        measure_pipe_bandwidth({4096, 1 << 20, 16 << 20}, 16u << 20, 3, 5, 1'200'000'000, error);
    double best = 0;
    for (const BandwidthPoint& p : points) {
      note += std::to_string(p.message_bytes) + " B: " + std::to_string(static_cast<int>(p.mb_per_s)) + " MB/s; ";
      best = std::max(best, p.mb_per_s);
    }
    note += error;
    return error.empty() && points.size() == 3 && best >= 100.0;
  });
  EXPECT_TRUE(ok) << "no message size moved 100 MB/s through a pipe (attempts above)";
}

TEST(LabPingPong, EveryCaseGivesAPlausibleRoundTrip) {
  for (const PingPongCase& c : standard_pingpong_cases()) {
    std::string error;
    const PingPongResult r = measure_pingpong(c, 500, 3, 3, 200'000'000, error);
    EXPECT_EQ(error, "") << c.name();
    if (r.skipped) continue;  // two cpus on a one-cpu machine
    std::printf("[lab] %s: round trip %lld ns\n", c.name().c_str(), static_cast<long long>(r.round_trip_ns));
    // Two wake-ups and at least one system call each way; below 20 ms even on a busy machine.
    EXPECT_GT(r.round_trip_ns, 100) << c.name();
    EXPECT_LT(r.round_trip_ns, 20'000'000) << c.name();
  }
}

TEST(LabCopyOnWrite, AFaultCostsMoreThanAWriteToAPrivatePage) {
  std::string error;
  const CowFaultCost c = measure_cow_fault(1024, 3, 5, 500'000'000, error);
  ASSERT_EQ(error, "");
  std::printf("[lab] copy-on-write: %lld ns per page, %lld ns once private\n", static_cast<long long>(c.per_page_ns),
              static_cast<long long>(c.private_write_ns));
  EXPECT_GT(c.per_page_ns, c.private_write_ns);
  EXPECT_GT(c.per_page_ns, 100);  // a fault is a trap into the kernel and a 4 KiB copy
}

TEST(LabChild, AcceptsOnlyItsTwoForms) {
  std::string error;
  const std::string empty[] = {"empty"};
  EXPECT_EQ(child_main(empty, error), 0);
  const std::string kernel[] = {"kernel", "1000"};
  EXPECT_EQ(child_main(kernel, error), 0);
  const std::string bad[] = {"kernel", "-5"};
  EXPECT_EQ(child_main(bad, error), 2);
  EXPECT_NE(error.find("--child"), std::string::npos);
}

}  // namespace
}  // namespace tl::lab
