// Processes share by copying, threads by reference: a 10 MB result handed over both ways.
#include "sim/engine/engine.h"

#include <gtest/gtest.h>

#include <string>

namespace tl {
namespace {

constexpr TimeNs kMs = 1'000'000;

RunResult run_json(const std::string& json) {
  ParseResult r = parse_scenario(json);
  if (!r.scenario) {
    ADD_FAILURE() << format_error(r.errors.front());
    return {};
  }
  return run(*r.scenario);
}

TEST(IpcEngine, PipeBetweenProcessesCopiesAndBothSidesPay) {
  const RunResult r = run_json(R"({"machine": {"cores": 2, "profile": "python"},
    "channels": {"results": "pipe"},
    "processes": [
      {"name": "producer", "threads": [{"program": [{"send": "results", "bytes": 10000000}]}]},
      {"name": "consumer", "threads": [{"program": [{"receive": "results"}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 10'000'000u);
  // ~10 MB at ~300 MB/s end to end (pickling included): the reader copies while the writer
  // writes, so the whole transfer takes about one side's copy plus both (un)picklings; a
  // multiprocessing.Pipe measured ~25 ms. Not the two sides one after the other (~67 ms).
  EXPECT_NEAR(static_cast<double>(r.metrics.threads[0].cpu), 22 * kMs, 0.5 * kMs);
  EXPECT_NEAR(static_cast<double>(r.metrics.threads[1].cpu), 12.1 * kMs, 0.5 * kMs);
  EXPECT_GE(r.metrics.makespan, 15 * kMs);
  EXPECT_LE(r.metrics.makespan, 45 * kMs);
  // The consumer waited for the message, blocked.
  bool waited = false;
  for (const StateSpan& s : r.trace.threads[1]) waited = waited || s.state == ThreadState::BlockedReceive;
  EXPECT_TRUE(waited);
}

TEST(IpcEngine, QueueBetweenThreadsPassesAReference) {
  const RunResult r = run_json(R"({"machine": {"cores": 2, "profile": "python"},
    "channels": {"results": "queue"},
    "processes": [{"threads": [{"program": [{"send": "results", "bytes": 10000000}]},
                               {"program": [{"receive": "results"}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 0u);
  const CostProfile py = cost_profile(CostProfileKind::Python);
  EXPECT_EQ(r.metrics.threads[0].cpu + r.metrics.threads[1].cpu, py.queue_handoff);  // whatever the size
}

TEST(IpcEngine, MessageSentBeforeTheReceiverAsksWaitsInTheChannel) {
  const RunResult r = run_json(R"({"machine": {"cores": 1, "profile": "textbook"},
    "channels": {"c": "pipe"},
    "processes": [{"threads": [{"program": [{"send": "c", "bytes": 1024}, {"send": "c", "bytes": 2048}]}]},
                  {"threads": [{"program": [{"io_us": 100}, {"receive": "c"}, {"receive": "c"}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 3u * 1024);
}

TEST(IpcEngine, ReceiveWithNoSenderIsADeadlockNotAHang) {
  const RunResult r = run_json(R"({"channels": {"c": "pipe"},
    "processes": [{"threads": [{"program": [{"receive": "c"}]}]}]})");
  EXPECT_EQ(r.outcome, Outcome::Deadlock);
}

TEST(IpcEngine, ChannelErrorsNameTheField) {
  auto errors_of = [](const std::string& doc) {
    std::string all;
    for (const ScenarioError& e : parse_scenario(doc).errors) all += format_error(e) + "\n";
    return all;
  };
  const std::string kind = errors_of(R"({"channels": {"c": "socket"}, "processes": [{"threads": [{"program": []}]}]})");
  EXPECT_NE(kind.find("error: channels.c"), std::string::npos) << kind;
  const std::string undeclared = errors_of(R"({"channels": {"c": "pipe"},
    "processes": [{"threads": [{"program": [{"send": "d", "bytes": 1}]}]}]})");
  EXPECT_NE(undeclared.find("error: processes[0].threads[0].program[0]"), std::string::npos) << undeclared;
}

}  // namespace
}  // namespace tl
