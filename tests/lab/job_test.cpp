// The measuring job: the lab's run on a thread of its own, read by another (the desktop's Lab
// view reads it every frame). Under ThreadSanitizer these are the lab's UI-free threaded part.
#include "lab/job.h"
#include "lab_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace tl::lab {
namespace {

using namespace std::chrono_literals;

MeasureOptions quick_options(unsigned max_workers) {
  MeasureOptions o;
  o.quick = true;
  o.python = false;
  o.max_workers = max_workers;
  o.target = test::cli_target();
  return o;
}

// Waits for the run to end, reading progress the way a UI does; false if it took too long.
bool wait_until_done(const MeasureJob& job, std::chrono::minutes limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!job.progress().done) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    job.wait(5s);
  }
  return true;
}

TEST(LabJob, ProgressOnlyMovesForwardAndTheReportAppearsOnceDone) {
  MeasureJob job(quick_options(2));
  double last = 0;
  int stages_seen = 0;
  std::string stage = "starting";
  const auto deadline = std::chrono::steady_clock::now() + 5min;
  for (;;) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the quick run did not finish in 5 minutes";
    // The report first: once it is there, the progress read after it must say done.
    const bool had_report = job.report() != nullptr;
    const JobProgress p = job.progress();
    if (had_report) {
      ASSERT_TRUE(p.done);
    }
    if (p.done) break;
    EXPECT_GE(p.fraction, last) << p.stage;
    EXPECT_LE(p.fraction, 1.0) << p.stage;
    last = p.fraction;
    if (p.stage != stage) ++stages_seen, stage = p.stage;
    job.wait(5s);
  }
  EXPECT_GT(stages_seen, 3) << "the run reports each stage as it starts";
  EXPECT_EQ(job.progress().fraction, 1.0);
  const nlohmann::ordered_json* report = job.report();
  ASSERT_NE(report, nullptr);
  EXPECT_FALSE(report->value("cancelled", true));
  EXPECT_TRUE(report->contains("profile"));
  // Every launch's curve, one point per worker count up to the two asked for.
  ASSERT_TRUE(report->contains("speedup"));
  for (const char* launch : {"threads", "fork", "spawn"}) {
    ASSERT_TRUE((*report)["speedup"].contains(launch)) << launch;
    EXPECT_EQ((*report)["speedup"][launch]["points"].size(), 2u) << launch;
  }
  EXPECT_EQ(job.report(), report) << "the report is published once and never replaced";
}

TEST(LabJob, CancelStopsAfterTheCurrentStageWithACancelledReport) {
  MeasureJob job(quick_options(1));
  job.cancel();
  ASSERT_TRUE(wait_until_done(job, 2min));
  const nlohmann::ordered_json* report = job.report();
  ASSERT_NE(report, nullptr);
  EXPECT_TRUE(report->value("cancelled", false));
  const auto& errors = (*report)["errors"];
  EXPECT_TRUE(std::any_of(errors.begin(), errors.end(),
                          [](const nlohmann::ordered_json& e) { return e.get<std::string>().find("cancelled") != std::string::npos; }))
      << errors.dump();
}

TEST(LabJob, DroppingTheJobMidRunCancelsItAndWaitsForItsThread) {
  auto job = std::make_unique<MeasureJob>(quick_options(2));
  const auto deadline = std::chrono::steady_clock::now() + 2min;
  while (job->progress().stage == "starting" && std::chrono::steady_clock::now() < deadline) job->wait(5s);
  ASSERT_NE(job->progress().stage, "starting") << "no stage began within 2 minutes";
  ASSERT_FALSE(job->progress().done) << "a quick run outlasts its first stage";
  job.reset();  // what closing the window does: returns once the thread has stopped
  SUCCEED();
}

}  // namespace
}  // namespace tl::lab
