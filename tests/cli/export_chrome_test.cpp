// The Chrome trace export: parses as JSON and has the tracks Perfetto needs.
#include "sim/export_chrome.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace tl {
namespace {

// Two processes, three threads (one with I/O), round robin on two cores with a switch cost,
// so the trace has run spans, overhead spans, blocked states and a run queue.
Scenario small_scenario() {
  Scenario s;
  s.machine.cores       = 2;
  s.machine.switch_cost = 1'500;   // 1.5 us: checks the exact decimal timestamps
  s.scheduler.policy    = PolicyKind::Rr;
  s.scheduler.quantum   = 20'000;
  const char* pnames[] = {"web \"server\"", "db"};
  for (ProcessId p = 0; p < 2; ++p) {
    ProcessSpec ps;
    ps.name = pnames[p];
    s.processes.push_back(ps);
  }
  auto add = [&](const char* name, ProcessId p, std::vector<Op> program) {
    ThreadSpec t;
    t.name    = name;
    t.process = p;
    t.program = std::move(program);
    for (std::size_t i = 0; i < t.program.size(); ++i) {
      t.program[i].source = static_cast<std::uint32_t>(i);
      t.op_paths.push_back("threads[" + std::to_string(s.threads.size()) + "].program[" +
                           std::to_string(i) + "]");
      if (t.program[i].kind == OpKind::Compute) t.total_cpu += t.program[i].duration;
    }
    s.processes[p].threads.push_back(static_cast<ThreadId>(s.threads.size()));
    s.threads.push_back(std::move(t));
  };
  add("w1", 0, {Op{OpKind::Compute, 0, 50'000}, Op{OpKind::Io, 0, 30'000}, Op{OpKind::Compute, 0, 10'000}});
  add("w2", 0, {Op{OpKind::Compute, 0, 70'000}});
  add("d1", 1, {Op{OpKind::Compute, 0, 45'000}});
  return s;
}

nlohmann::json export_json(const Scenario& s, const RunResult& r) {
  std::ostringstream out;
  EXPECT_TRUE(write_chrome_trace(out, s, r));
  return nlohmann::json::parse(out.str());   // throws (fails the test) if not valid JSON
}

TEST(ExportChrome, TimesAreExactMicroseconds) {
  EXPECT_EQ(format_us(0), "0");
  EXPECT_EQ(format_us(1'500), "1.5");
  EXPECT_EQ(format_us(1'234'567), "1234.567");
  EXPECT_EQ(format_us(1'000'010), "1000.01");
  EXPECT_EQ(format_us(-1), "-0.001");
  std::string s;
  append_json_string(s, "a\"b\\c\n\x01");
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(ExportChrome, HasCoreAndThreadTracksWithNamesAndArgs) {
  const Scenario s = small_scenario();
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const nlohmann::json doc = export_json(s, r);
  ASSERT_TRUE(doc.contains("traceEvents"));
  const auto& events = doc["traceEvents"];
  ASSERT_TRUE(events.is_array());

  std::map<int, std::string> process_names;
  std::map<std::pair<int, int>, std::string> track_names;
  std::size_t run_spans = 0, overhead_spans = 0, state_spans = 0, counters = 0, instants = 0;
  std::set<int> state_pids;
  for (const auto& e : events) {
    const std::string ph = e.at("ph");
    const int pid = e.at("pid");
    if (ph == "M" && e["name"] == "process_name") process_names[pid] = e["args"]["name"];
    if (ph == "M" && e["name"] == "thread_name") track_names[{pid, e["tid"].get<int>()}] = e["args"]["name"];
    if (ph == "X") {
      EXPECT_TRUE(e.at("ts").is_number());
      EXPECT_GT(e.at("dur").get<double>(), 0.0);
      if (pid == 0) {
        EXPECT_TRUE(e["args"].contains("process"));
        EXPECT_TRUE(e["args"].contains("thread"));
        if (e["cat"] == "overhead") ++overhead_spans;
        else if (e["cat"] == "run") ++run_spans;
        else ADD_FAILURE() << "unexpected core span category " << e["cat"];
      } else {
        EXPECT_EQ(e["cat"], "state");
        state_pids.insert(pid);
        ++state_spans;
      }
    }
    if (ph == "C") {
      ++counters;
      EXPECT_TRUE(e["args"].contains("ready"));
    }
    if (ph == "i") ++instants;
  }
  EXPECT_EQ(process_names[0], "CPUs");
  EXPECT_EQ(process_names[1], "web \"server\"");
  EXPECT_EQ(process_names[2], "db");
  EXPECT_EQ((track_names[{0, 0}]), "core 0");
  EXPECT_EQ((track_names[{0, 1}]), "core 1");
  EXPECT_EQ((track_names[{1, 0}]), "w1");
  EXPECT_EQ((track_names[{1, 1}]), "w2");
  EXPECT_EQ((track_names[{2, 2}]), "d1");

  std::size_t want_run = 0, want_overhead = 0, want_state = 0;
  for (const auto& lane : r.trace.cores)
    for (const CoreSpan& span : lane) (span.kind == CoreSpanKind::Run ? want_run : want_overhead)++;
  for (const auto& lane : r.trace.threads) want_state += lane.size();
  EXPECT_EQ(run_spans, want_run);
  EXPECT_EQ(overhead_spans, want_overhead);
  EXPECT_GT(overhead_spans, 0u);   // three threads on two cores with a switch cost
  EXPECT_EQ(state_spans, want_state);
  EXPECT_EQ(state_pids, (std::set<int>{1, 2}));
  EXPECT_EQ(counters, r.trace.run_queue.size());
  EXPECT_EQ(instants, r.trace.instants.size());
}

TEST(ExportChrome, SpanTimesMatchTheTraceExactly) {
  const Scenario s = small_scenario();
  const RunResult r = run(s);
  const nlohmann::json doc = export_json(s, r);
  // The first run span of core 0 follows its switch-in overhead of 1.5 us.
  std::vector<const nlohmann::json*> core0;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "X" && e["pid"] == 0 && e["tid"] == 0) core0.push_back(&e);
  ASSERT_EQ(core0.size(), r.trace.cores[0].size());
  for (std::size_t i = 0; i < core0.size(); ++i) {
    const CoreSpan& span = r.trace.cores[0][i];
    EXPECT_EQ((*core0[i])["ts"].dump(), format_us(span.start));
    EXPECT_EQ((*core0[i])["dur"].dump(), format_us(span.end - span.start));
    EXPECT_EQ((*core0[i])["args"]["thread"], s.threads[span.thread].name);
  }
}

}  // namespace
}  // namespace tl
