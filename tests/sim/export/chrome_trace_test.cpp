// The Chrome trace export: parses as JSON and has the tracks Perfetto needs.
#include "sim/core/format.h"
#include "sim/engine/engine.h"
#include "sim/export/chrome_trace.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace tl {
namespace {

// Two processes, three threads (one with I/O), round robin on two cores with a switch cost,
// so the trace has run spans, overhead spans, blocked states and a run queue.
Scenario small_scenario() {
  Scenario s;
  s.machine.cores = 2;
  s.machine.switch_cost = 1'500;  // 1.5 us: checks the exact decimal timestamps
  s.scheduler.policy = PolicyKind::Rr;
  s.scheduler.quantum = 20'000;
  const char* pnames[] = {"web \"server\"", "db"};
  for (ProcessId p = 0; p < 2; ++p) {
    ProcessSpec ps;
    ps.name = pnames[p];
    s.processes.push_back(ps);
  }
  auto add = [&](const char* name, ProcessId p, std::vector<Op> program) {
    ThreadSpec t;
    t.name = name;
    t.process = p;
    t.program = std::move(program);
    for (std::size_t i = 0; i < t.program.size(); ++i) {
      t.program[i].source = static_cast<std::uint32_t>(i);
      t.op_paths.push_back("threads[" + std::to_string(s.threads.size()) + "].program[" +
                           std::to_string(i) + "]");
    }
    s.processes[p].threads.push_back(static_cast<ThreadId>(s.threads.size()));
    s.threads.push_back(std::move(t));
  };
  add("w1", 0, {Op{OpKind::Compute, 0, 50'000}, Op{OpKind::Io, 0, 30'000}, Op{OpKind::Compute, 0, 10'000}});
  add("w2", 0, {Op{OpKind::Compute, 0, 70'000}});
  add("d1", 1, {Op{OpKind::Compute, 0, 45'000}});
  return s;
}

TimeNs total_state(const RunResult& r, ThreadId t, ThreadState state) {
  TimeNs sum = 0;
  for (const StateSpan& span : r.trace.threads[t])
    if (span.state == state) sum += span.end - span.start;
  return sum;
}

nlohmann::json export_json(const Scenario& s, const RunResult& r) {
  std::ostringstream out;
  EXPECT_TRUE(write_chrome_trace(out, s, r));
  return nlohmann::json::parse(out.str());  // throws (fails the test) if not valid JSON
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
  std::size_t run_spans = 0, overhead_spans = 0, state_spans = 0, counters = 0, memory_counters = 0, instants = 0,
              page_instants = 0;
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
    if (ph == "C" && pid == 0) {
      ++counters;
      EXPECT_TRUE(e["args"].contains("ready"));
    }
    if (ph == "C" && pid != 0) {
      ++memory_counters;
      EXPECT_TRUE(e["args"].contains("KB"));
    }
    if (ph == "i" && e["cat"] == "pages") ++page_instants;
    else if (ph == "i") ++instants;
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
  EXPECT_GT(overhead_spans, 0u);  // three threads on two cores with a switch cost
  EXPECT_EQ(state_spans, want_state);
  EXPECT_EQ(state_pids, (std::set<int>{1, 2}));
  EXPECT_EQ(counters, r.trace.run_queue.size());
  std::size_t samples = 0;
  for (const MemoryLane& lane : r.trace.memory) samples += lane.size();
  EXPECT_EQ(memory_counters, 3 * samples);  // resident, private, shared per sample
  EXPECT_EQ(instants, r.trace.instants.size());
  EXPECT_EQ(page_instants, r.trace.pages.events.size());
}

// With SMT each track is a hardware thread, named as Linux numbers CPUs: two tracks called
// "core 0" and "core 2" for siblings of one core would count that core twice.
TEST(ExportChrome, HardwareThreadTracksNameTheirCore) {
  Scenario s = small_scenario();
  s.machine.cores = 2;
  s.machine.smt = 2;
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  ASSERT_EQ(r.trace.cores.size(), 4u);
  const nlohmann::json doc = export_json(s, r);
  std::map<int, std::string> cpu_tracks;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["pid"] == 0) cpu_tracks[e["tid"].get<int>()] = e["args"]["name"];
  EXPECT_EQ(cpu_tracks, (std::map<int, std::string>{
                            {0, "cpu 0 (core 0)"}, {1, "cpu 1 (core 1)"}, {2, "cpu 2 (core 0)"}, {3, "cpu 3 (core 1)"}}));
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

Scenario parsed(const std::string& json) {
  ParseResult r = parse_scenario(json);
  EXPECT_TRUE(r.scenario.has_value()) << (r.errors.empty() ? "" : format_error(r.errors.front()));
  return r.scenario ? *r.scenario : Scenario{};
}

// Exported state spans of one thread track, as (name, ts, dur, args.state).
using StateRow = std::tuple<std::string, std::string, std::string, std::string>;
std::vector<StateRow> state_rows(const nlohmann::json& doc, int pid, int tid) {
  std::vector<StateRow> rows;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "X" && e["pid"] == pid && e["tid"] == tid && e["cat"] == "state")
      rows.emplace_back(e["name"], e["ts"].dump(), e["dur"].dump(), e["args"]["state"]);
  return rows;
}

// Two CPU-bound Python threads on two cores: they take turns holding the GIL, so each track
// alternates "running" and "waiting for the GIL"; main joins both.
TEST(ExportChrome, GilWaitsAreNamedOnTheThreadTracks) {
  const Scenario s = parsed(R"({"machine":{"profile":"python","cores":2},"runtime":{"gil":true,"switch_interval_us":1000},
      "processes":[{"name":"py","threads":[
        {"name":"main","program":[{"create":"a"},{"create":"b"},{"join":"a"},{"join":"b"}]},
        {"name":"a","start":"created","program":[{"compute_us":5000}]},
        {"name":"b","start":"created","program":[{"compute_us":5000}]}]}]})");
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const nlohmann::json doc = export_json(s, r);
  std::map<int, std::string> tracks;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["pid"] == 1) tracks[e["tid"]] = e["args"]["name"];
  EXPECT_EQ(tracks, (std::map<int, std::string>{{0, "main"}, {1, "a"}, {2, "b"}}));

  std::size_t gil_spans = 0;
  for (ThreadId t = 0; t < 3; ++t) {
    const std::vector<StateRow> rows = state_rows(doc, 1, static_cast<int>(t));
    ASSERT_EQ(rows.size(), r.trace.threads[t].size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const StateSpan& span = r.trace.threads[t][i];
      EXPECT_EQ(std::get<1>(rows[i]), format_us(span.start));
      EXPECT_EQ(std::get<2>(rows[i]), format_us(span.end - span.start));
      EXPECT_EQ(std::get<3>(rows[i]), to_string(span.state));
      if (span.state == ThreadState::WaitingGil) {
        EXPECT_EQ(std::get<0>(rows[i]), "waiting for the GIL");
        ++gil_spans;
      }
      if (span.state == ThreadState::BlockedJoin) {
        EXPECT_EQ(std::get<0>(rows[i]), "waiting for a thread or process to finish");
      }
    }
  }
  // 10 ms of CPU in 1 ms turns: both workers wait several times.
  EXPECT_GE(gil_spans, 4u);
  EXPECT_GT(total_state(r, 2, ThreadState::WaitingGil), 0);
  bool main_joins = false;
  for (const StateRow& row : state_rows(doc, 1, 0)) main_joins |= std::get<3>(row) == "blocked-join";
  EXPECT_TRUE(main_joins);
}

// A parent forks a child that writes 10 heap pages and sends a message it waits for: the
// memory counters of both processes are exactly their memory lanes, and the receive wait
// is named.
TEST(ExportChrome, MemoryCountersFollowTheMemoryLanes) {
  const Scenario s = parsed(R"({"machine":{"profile":"textbook","cores":2,"heap_kb":400,"fork_dirty_kb":0,"cow_fault_us":2},
      "channels":{"done":"pipe"},
      "processes":[{"name":"parent","threads":[{"program":[{"fork":"child"},{"receive":"done"},{"wait":"child"}]}]},
        {"name":"child","start":"fork","threads":[{"program":[{"compute_us":100},{"write":"heap","pages":10},
          {"send":"done","bytes":10}]}]}]})");
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const nlohmann::json doc = export_json(s, r);
  using Sample = std::tuple<std::string, std::uint64_t, std::uint64_t, std::uint64_t>;  // ts, res, priv, shared
  std::map<int, std::vector<Sample>> got;
  std::map<std::pair<int, std::string>, std::uint64_t> last;
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] != "C" || e["pid"] == 0) continue;
    const int pid = e["pid"];
    const std::string name = e["name"];
    const std::uint64_t kb = e["args"]["KB"];
    if (name == "resident KB") got[pid].emplace_back(e["ts"].dump(), kb, 0, 0);
    else if (name == "private KB") std::get<2>(got[pid].back()) = kb;
    else if (name == "shared KB") std::get<3>(got[pid].back()) = kb;
    else ADD_FAILURE() << "unexpected counter " << name;
  }
  ASSERT_EQ(r.trace.memory.size(), 2u);
  for (int p = 0; p < 2; ++p) {
    std::vector<Sample> want;
    for (const MemorySample& m : r.trace.memory[p])
      want.emplace_back(format_us(m.time), m.resident_kb, m.private_kb, m.shared_kb);
    EXPECT_EQ(got[p + 1], want) << "process " << p;
  }
  // The child's lane shows the copy-on-write moment: 10 pages private, the rest still shared.
  const std::uint64_t image_kb = 512 + 64 + 400 + 8;
  bool cow = false;
  for (const Sample& m : got[2]) cow |= std::get<1>(m) == image_kb && std::get<2>(m) == 40 && std::get<3>(m) == image_kb - 40;
  EXPECT_TRUE(cow);
  EXPECT_EQ(std::get<1>(got[2].back()), 0u);  // the child exited
  bool receive = false;
  for (const StateRow& row : state_rows(doc, 1, 0))
    receive |= std::get<0>(row) == "waiting for a message" && std::get<3>(row) == "blocked-receive";
  EXPECT_TRUE(receive);
}

// Page events come after every other event, one instant each, in the trace's order, on the
// process their address space belongs to.
TEST(ExportChrome, PageEventsComeLastOnePerChange) {
  const Scenario s = parsed(R"({"machine":{"profile":"textbook","cores":2,"heap_kb":400,"fork_dirty_kb":0},
      "processes":[{"name":"parent","threads":[{"program":[{"fork":"child"},{"wait":"child"}]}]},
        {"name":"child","start":"fork","threads":[{"program":[{"write":"heap","pages":10}]}]}]})");
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const nlohmann::json doc = export_json(s, r);
  const auto& events = doc["traceEvents"];
  std::size_t first_page = events.size();
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].value("cat", "") == "pages") {
      first_page = i;
      break;
    }
  const std::vector<PageEvent>& pages = r.trace.pages.events;
  ASSERT_EQ(events.size() - first_page, pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& e = events[first_page + i];
    EXPECT_EQ(e["cat"], "pages");
    EXPECT_EQ(e["ph"], "i");
    EXPECT_EQ(e["name"], to_string(pages[i].change.kind));
    EXPECT_EQ(e["ts"].dump(), format_us(pages[i].time));
    EXPECT_EQ(e["args"]["space"], pages[i].change.space);
    EXPECT_EQ(e["pid"], r.trace.pages.space_process[pages[i].change.space] + 1);
  }
  bool copy = false;
  for (const auto& e : events)
    if (e.value("cat", "") == "pages" && e["name"] == "copy") copy = e["args"]["pages"] == 10 && e["pid"] == 2;
  EXPECT_TRUE(copy) << "the child's write copies 10 pages in one event";
}

}  // namespace
}  // namespace tl
