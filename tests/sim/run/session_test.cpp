#include "sim/run/session.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace tl {
namespace {

constexpr TimeNs kUs = 1'000;

// `threads` threads in one process, each looping compute then I/O: enough switching, waiting
// and idle cores that a wrong core count or a mixed-up cell changes the result.
Scenario make_scenario(std::uint32_t threads, TimeNs compute, TimeNs io) {
  Scenario s;
  s.scheduler.policy = PolicyKind::Rr;
  s.scheduler.quantum = 300 * kUs;
  s.machine.switch_cost = 2 * kUs;
  ProcessSpec p;
  p.name = "p";
  for (std::uint32_t t = 0; t < threads; ++t) {
    ThreadSpec th;
    th.name = "t" + std::to_string(t);
    th.process = 0;
    th.arrival = t * 10 * kUs;
    th.program = {Op{OpKind::LoopBegin, 4, 0, 0}, Op{OpKind::Compute, 0, compute + t * kUs, 1},
                  Op{OpKind::Io, 0, io, 2}, Op{OpKind::LoopEnd, 0, 0, 3}};
    for (int k = 0; k < 4; ++k)
      th.op_paths.push_back("processes[0].threads[" + std::to_string(t) + "].program[" + std::to_string(k) + "]");
    p.threads.push_back(static_cast<ThreadId>(s.threads.size()));
    s.threads.push_back(std::move(th));
  }
  s.processes.push_back(std::move(p));
  return s;
}

SweepGrid make_grid() {
  SweepGrid g;
  g.cores = {1, 2, 3, 4};
  g.variants = {make_scenario(4, 500 * kUs, 200 * kUs), make_scenario(6, 200 * kUs, 900 * kUs)};
  g.names = {"cpu", "io"};
  return g;
}

void expect_same(const RunResult& a, const RunResult& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.metrics.makespan, b.metrics.makespan);
  EXPECT_EQ(a.metrics.context_switches, b.metrics.context_switches);
  EXPECT_EQ(a.final_vars, b.final_vars);
  ASSERT_EQ(a.trace.cores.size(), b.trace.cores.size());
  for (std::size_t c = 0; c < a.trace.cores.size(); ++c) {
    ASSERT_EQ(a.trace.cores[c].size(), b.trace.cores[c].size()) << "core " << c;
    for (std::size_t i = 0; i < a.trace.cores[c].size(); ++i) {
      const CoreSpan& x = a.trace.cores[c][i];
      const CoreSpan& y = b.trace.cores[c][i];
      EXPECT_TRUE(x.start == y.start && x.end == y.end && x.thread == y.thread && x.kind == y.kind)
          << "core " << c << " span " << i;
    }
  }
  ASSERT_EQ(a.trace.threads.size(), b.trace.threads.size());
  for (std::size_t t = 0; t < a.trace.threads.size(); ++t) ASSERT_EQ(a.trace.threads[t].size(), b.trace.threads[t].size());
}

std::vector<RunResult> individual_runs(const SweepGrid& g) {
  std::vector<RunResult> out;
  for (std::size_t i = 0; i < g.cell_count(); ++i) out.push_back(run(g.cell(i)));
  return out;
}

TEST(Sweep, GridOrderIsVariantMajor) {
  const SweepGrid g = make_grid();
  ASSERT_EQ(g.cell_count(), 8u);
  EXPECT_EQ(g.variant_of(5), 1u);
  EXPECT_EQ(g.cores_of(5), 2u);
  EXPECT_EQ(g.cell(5).machine.cores, 2u);
  EXPECT_EQ(g.cell(5).threads.size(), 6u);
}

TEST(Sweep, ResultsEqualIndividualRunsWhateverThePoolSize) {
  const SweepGrid g = make_grid();
  const std::vector<RunResult> expected = individual_runs(g);
  // More cores must change something, or this test could not tell cells apart.
  EXPECT_NE(expected[0].metrics.makespan, expected[3].metrics.makespan);
  for (std::size_t size : {0u, 1u, 2u, 3u}) {
    ThreadPool pool(size);
    const SweepResults got = run_sweep(g, &pool);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      expect_same(*got[i], expected[i], "pool " + std::to_string(size) + " cell " + std::to_string(i));
  }
  const SweepResults sequential = run_sweep(g);
  for (std::size_t i = 0; i < sequential.size(); ++i) expect_same(*sequential[i], expected[i], "no pool");
}

TEST(Sweep, SlicedGivesTheSameResultsOneCellPerCall) {
  const SweepGrid g = make_grid();
  const std::vector<RunResult> expected = individual_runs(g);
  SweepSlicer slicer(g);
  std::size_t calls = 0;
  while (slicer.run_next()) {
    ++calls;
    EXPECT_EQ(slicer.completed(), calls);
  }
  EXPECT_EQ(calls, g.cell_count());
  EXPECT_FALSE(slicer.run_next());
  for (std::size_t i = 0; i < expected.size(); ++i) expect_same(*slicer.results()[i], expected[i], "sliced");
}

TEST(Sweep, SpeedupsCompareEveryRowWithOneBaseline) {
  SweepGrid g;
  g.cores = {1, 2, 4};
  g.variants.resize(2);
  g.names = {"threads", "processes"};
  SweepResults results;
  for (TimeNs m : {1000, 1000, 1000, 1200, 600, 300}) {
    auto r = std::make_shared<RunResult>();
    r->metrics.makespan = m;
    results.push_back(r);
  }
  std::const_pointer_cast<RunResult>(results[5])->outcome = Outcome::TimeLimit;
  const auto rows = sweep_speedups(g, results);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "threads");
  EXPECT_EQ(rows[0].speedup_milli, (std::vector<std::int64_t>{1000, 1000, 1000}));  // a GIL-like flat row
  EXPECT_EQ(rows[1].speedup_milli, (std::vector<std::int64_t>{833, 1666, 0}));      // slower alone, then faster
  EXPECT_EQ(rows[1].makespan[2], -1);                                               // did not complete
  EXPECT_EQ(sweep_speedups(g, results, 600)[0].speedup_milli[0], 600);
}

TEST(Sweep, RealSweepSpeedsUpWithCores) {
  const SweepGrid g = make_grid();
  const auto rows = sweep_speedups(g, run_sweep(g));
  EXPECT_EQ(rows[0].speedup_milli[0], 1000);
  EXPECT_GT(rows[0].speedup_milli[3], rows[0].speedup_milli[0]);  // 4 CPU-heavy threads on 4 cores
}

TEST(Session, WorkerRunPublishesTheResult) {
  const Scenario s = make_scenario(3, 400 * kUs, 300 * kUs);
  const RunResult expected = run(s);
  Session session(Session::Mode::Worker);
  EXPECT_EQ(session.snapshot()->request, 0u);
  const std::uint64_t id = session.submit(s);
  session.wait_idle();
  const auto snap = session.snapshot();
  EXPECT_EQ(snap->request, id);
  ASSERT_TRUE(snap->complete());
  ASSERT_NE(snap->result(), nullptr);
  expect_same(*snap->result(), expected, "session");
}

TEST(Session, ReadersNeverSeeAPartialResult) {
  const SweepGrid g = make_grid();
  const std::vector<RunResult> expected = individual_runs(g);
  Session session(Session::Mode::Worker, 2);
  const std::uint64_t id = session.submit_sweep(g);
  // Two readers poll as a UI would, every "frame", until the sweep is complete; every
  // snapshot they see must be internally consistent and every published cell final.
  auto reader = [&] {
    std::size_t last_done = 0;
    for (;;) {
      const auto snap = session.snapshot();
      if (snap->request != id) continue;  // the submit's first snapshot is already in, but be exact
      std::size_t present = 0;
      for (std::size_t i = 0; i < snap->cells.size(); ++i) {
        if (!snap->cells[i]) continue;
        ++present;
        expect_same(*snap->cells[i], expected[i], "cell " + std::to_string(i));
      }
      EXPECT_EQ(present, snap->cells_done);
      EXPECT_GE(snap->cells_done, last_done);  // progress only moves forward
      last_done = snap->cells_done;
      EXPECT_FALSE(snap->cancelled);
      if (snap->complete()) return;
      std::this_thread::yield();
    }
  };
  std::thread other(reader);
  reader();
  other.join();
  session.wait_idle();
  EXPECT_EQ(session.snapshot()->cells_done, g.cell_count());
}

TEST(Session, SlicedModeRunsOneCellPerPollWithTheSameResults) {
  const SweepGrid g = make_grid();
  const std::vector<RunResult> expected = individual_runs(g);
  Session session(Session::Mode::Sliced);
  session.submit_sweep(g);
  std::size_t polls = 0;
  while (session.poll()) {
    ++polls;
    EXPECT_EQ(session.snapshot()->cells_done, polls);
  }
  EXPECT_EQ(polls + 1, g.cell_count());  // the last poll runs the last cell and returns false
  const auto snap = session.snapshot();
  ASSERT_TRUE(snap->complete());
  for (std::size_t i = 0; i < expected.size(); ++i) expect_same(*snap->cells[i], expected[i], "sliced session");
}

TEST(Session, NewestRequestWinsAndCancelStops) {
  const SweepGrid g = make_grid();
  Session session(Session::Mode::Sliced);
  session.submit_sweep(g);
  session.poll();
  const Scenario single = make_scenario(2, 100 * kUs, 100 * kUs);
  const std::uint64_t second = session.submit(single);
  EXPECT_EQ(session.snapshot()->request, second);
  EXPECT_FALSE(session.poll());  // the single run is its only cell
  ASSERT_TRUE(session.snapshot()->complete());
  expect_same(*session.snapshot()->result(), run(single), "second request");

  session.submit_sweep(g);
  session.poll();
  session.cancel();
  const auto snap = session.snapshot();
  EXPECT_TRUE(snap->cancelled);
  EXPECT_EQ(snap->cells_done, 1u);
  EXPECT_FALSE(snap->complete());
  EXPECT_EQ(snap->result(), nullptr);
  EXPECT_FALSE(session.poll());
}

// A run that would take hours: stopped in progress by cancel() and by a newer request. The
// test waits for the cell to have started (an atomic count, no sleep), so the engine's
// cancellation point is what ends it.
Scenario endless() {
  ParseResult r = parse_scenario(R"({"machine":{"profile":"textbook"},"limits":{"max_events":100000000000},
      "processes":[{"threads":[{"program":[{"repeat":1000000000,"do":[{"repeat":40,"do":[{"compute_us":1}]}]}]}]}]})");
  EXPECT_TRUE(r.scenario.has_value()) << (r.errors.empty() ? "" : format_error(r.errors.front()));
  return r.scenario ? *r.scenario : Scenario{};
}

TEST(Session, CancelStopsARunInProgress) {
  Session session(Session::Mode::Worker);
  session.submit(endless());
  while (session.cells_started() == 0) std::this_thread::yield();
  session.cancel();
  session.wait_idle();
  const auto snap = session.snapshot();
  EXPECT_TRUE(snap->cancelled);
  EXPECT_EQ(snap->cells_done, 0u);
  EXPECT_EQ(snap->result(), nullptr);
}

TEST(Session, ANewerRequestStopsTheRunningOne) {
  Session session(Session::Mode::Worker);
  session.submit(endless());
  while (session.cells_started() == 0) std::this_thread::yield();
  const Scenario single = make_scenario(2, 100 * kUs, 100 * kUs);
  const std::uint64_t second = session.submit(single);
  session.wait_idle();
  const auto snap = session.snapshot();
  EXPECT_EQ(snap->request, second);
  ASSERT_TRUE(snap->complete());
  expect_same(*snap->result(), run(single), "after stopping the endless run");
}

TEST(Session, WorkerNewestRequestWins) {
  const SweepGrid g = make_grid();
  const Scenario single = make_scenario(2, 100 * kUs, 100 * kUs);
  Session session(Session::Mode::Worker, 2);
  session.submit_sweep(g);
  const std::uint64_t second = session.submit(single);
  session.wait_idle();
  const auto snap = session.snapshot();
  EXPECT_EQ(snap->request, second);
  ASSERT_TRUE(snap->complete());
  expect_same(*snap->result(), run(single), "worker second request");
}

// Two threads taking turns every microsecond on one core for a simulated second each: millions
// of spans (hundreds of MB of trace) unless a limit stops it.
Scenario busy_switching() {
  ParseResult r = parse_scenario(R"({"machine": {"profile": "textbook", "cores": 1},
      "scheduler": {"policy": "rr", "quantum_us": 1},
      "processes": [{"threads": [{"program": [{"compute_us": 1000000}]}, {"program": [{"compute_us": 1000000}]}]}]})");
  EXPECT_TRUE(r.scenario.has_value()) << (r.errors.empty() ? "" : format_error(r.errors.front()));
  return r.scenario ? *r.scenario : Scenario{};
}

std::uint64_t span_bytes(const RunResult& r) {
  std::uint64_t bytes = 0;
  for (const auto& lane : r.trace.cores) bytes += lane.size() * sizeof(CoreSpan);
  for (const auto& lane : r.trace.threads) bytes += lane.size() * sizeof(StateSpan);
  return bytes;
}

// A browser tab's budget: the run stops at the memory limit near it (each poll checks a limit
// this small), instead of growing the heap until the tab aborts.
TEST(SessionTraceBudget, StopsARunThatWouldOutgrowIt) {
  Session session(Session::Mode::Sliced);
  session.set_trace_budget(2u << 20);
  session.submit(busy_switching());
  session.wait_idle();
  const auto snap = session.snapshot();
  ASSERT_NE(snap->result(), nullptr);
  EXPECT_EQ(snap->result()->outcome, Outcome::MemoryLimit);
  EXPECT_GT(span_bytes(*snap->result()), 2u << 20);
  EXPECT_LT(span_bytes(*snap->result()), (2u << 20) + RunOptions::kPollSteps * 200);
}

// A sweep's cells share it: four cells, each stopped near a quarter.
TEST(SessionTraceBudget, SweepCellsShareIt) {
  Session session(Session::Mode::Worker, 2);
  session.set_trace_budget(8u << 20);
  SweepGrid grid;
  grid.cores = {1};  // on one core the two threads must take turns
  grid.variants = {busy_switching(), busy_switching(), busy_switching(), busy_switching()};
  grid.names = {"a", "b", "c", "d"};
  session.submit_sweep(grid);
  session.wait_idle();
  const auto snap = session.snapshot();
  ASSERT_TRUE(snap->complete());
  for (const auto& cell : snap->cells) {
    EXPECT_EQ(cell->outcome, Outcome::MemoryLimit);
    EXPECT_LT(span_bytes(*cell), (2u << 20) + RunOptions::kPollSteps * 200);
  }
}

// Without a budget (native default) the scenario's own limit applies: ordinary runs are alone.
TEST(SessionTraceBudget, NoneLeavesTheScenarioItsOwnLimit) {
  Session session(Session::Mode::Sliced);
  session.set_trace_budget(0);
  const Scenario single = make_scenario(2, 100 * kUs, 100 * kUs);
  session.submit(single);
  session.wait_idle();
  ASSERT_NE(session.snapshot()->result(), nullptr);
  expect_same(*session.snapshot()->result(), run(single), "no budget");
}

}  // namespace
}  // namespace tl
