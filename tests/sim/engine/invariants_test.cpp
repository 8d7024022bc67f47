// Properties every run must have, checked on seeded random scenarios across all policies:
// determinism, cores never over-committed, no thread on two cores at once, contiguous state
// lanes from arrival to completion, and trace/metrics agreement.
#include "support/scenarios.h"

#include <algorithm>
#include <map>
#include <random>

namespace tl::test {
namespace {

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }

  std::string steps(int depth, bool& uses_counter) {
    std::string s;
    const int n = pick(1, 4);
    for (int i = 0; i < n; ++i) {
      if (!s.empty()) s += ",";
      switch (pick(0, depth < 2 ? 7 : 6)) {
        case 0:
        case 1: s += R"({"compute_us":)" + std::to_string(pick(0, 300)) + (chance(20) ? ".5" : "") + "}"; break;
        case 2: s += R"({"io_us":)" + std::to_string(pick(0, 400)) + "}"; break;
        case 3: s += R"({"sleep_us":)" + std::to_string(pick(0, 200)) + "}"; break;
        case 4: {
          const std::string m = pick(0, 1) ? "a" : "b";
          s += R"({"lock":")" + m + R"("},{"compute_us":)" + std::to_string(pick(1, 50)) + R"(},{"increment":"n"},{"unlock":")" + m + R"("})";
          uses_counter = true;
          break;
        }
        case 5:
          s += R"({"increment":"n"})";
          uses_counter = true;
          break;
        case 6:
          s += R"({"atomic_increment":"n"})";
          uses_counter = true;
          break;
        case 7: s += R"({"repeat":)" + std::to_string(pick(0, 4)) + R"(,"do":[)" + steps(depth + 1, uses_counter) + "]}"; break;
      }
    }
    return s;
  }

  std::string scenario() {
    static const char* kPolicies[] = {"fifo", "sjf", "stcf", "rr", "priority", "mlfq", "cyclic"};
    const std::string policy = kPolicies[pick(0, 6)];
    std::string sched = R"("policy":")" + policy + "\"";
    if (policy == "rr" || policy == "priority") sched += R"(,"quantum_us":)" + std::to_string(pick(5, 100));
    if (policy == "mlfq") {
      sched += R"(,"levels":[{"quantum_us":)" + std::to_string(pick(5, 50)) + R"(},{"quantum_us":)" +
               std::to_string(pick(10, 80)) + R"(,"allotment":2},{"quantum_us":100}])";
      if (chance(50)) sched += R"(,"boost_us":)" + std::to_string(pick(100, 500));
      if (chance(50)) sched += R"(,"io_bump":true)";
      if (chance(50)) sched += R"(,"io_reset":true)";
    }
    if (policy == "cyclic") {
      sched += std::string(R"(,"wake":")") + (chance(50) ? "later" : "immediate") + "\"";
      sched += std::string(R"(,"io":")") + (chance(70) ? "switch" : "hold") + "\"";
    }
    std::string j = R"({"seed":)" + std::to_string(pick(0, 1000)) + R"(,"machine":{"profile":"textbook","cores":)" + std::to_string(pick(1, 6)) +
                    R"(,"switch_us":)" + std::to_string(pick(0, 3)) + R"(,"lock_us":)" + std::to_string(pick(0, 1)) +
                    R"(,"mem_op_ns":)" + std::to_string(pick(0, 40)) + R"(},"scheduler":{)" + sched + R"(},"processes":[)";
    const int procs = pick(1, 3);
    for (int p = 0; p < procs; ++p) {
      if (p) j += ",";
      j += R"({"shared":{"n":0},"threads":[)";
      const int threads = pick(1, 5);
      for (int t = 0; t < threads; ++t) {
        bool uses = false;
        if (t) j += ",";
        j += R"({"arrival_us":)" + std::to_string(chance(50) ? 0 : pick(0, 500)) + R"(,"priority":)" +
             std::to_string(pick(0, 3)) + R"(,"program":[)" + steps(0, uses) + "]}";
      }
      j += "]}";
    }
    return j + "]}";
  }

 private:
  std::mt19937_64 rng_;
};

bool same_trace(const Trace& a, const Trace& b) {
  auto eq_core = [](const CoreSpan& x, const CoreSpan& y) {
    return x.start == y.start && x.end == y.end && x.thread == y.thread && x.kind == y.kind;
  };
  auto eq_state = [](const StateSpan& x, const StateSpan& y) {
    return x.start == y.start && x.end == y.end && x.state == y.state;
  };
  if (a.cores.size() != b.cores.size() || a.threads.size() != b.threads.size()) return false;
  for (std::size_t c = 0; c < a.cores.size(); ++c)
    if (!std::equal(a.cores[c].begin(), a.cores[c].end(), b.cores[c].begin(), b.cores[c].end(), eq_core)) return false;
  for (std::size_t t = 0; t < a.threads.size(); ++t)
    if (!std::equal(a.threads[t].begin(), a.threads[t].end(), b.threads[t].begin(), b.threads[t].end(), eq_state))
      return false;
  if (a.instants.size() != b.instants.size() || a.run_queue.size() != b.run_queue.size()) return false;
  for (std::size_t i = 0; i < a.instants.size(); ++i)
    if (a.instants[i].time != b.instants[i].time || a.instants[i].thread != b.instants[i].thread ||
        a.instants[i].core != b.instants[i].core)
      return false;
  for (std::size_t i = 0; i < a.run_queue.size(); ++i)
    if (a.run_queue[i].time != b.run_queue[i].time || a.run_queue[i].value != b.run_queue[i].value) return false;
  return a.makespan == b.makespan && a.completion == b.completion;
}

void check_invariants(const Scenario& sc, const RunResult& r, const std::string& json) {
  SCOPED_TRACE(json);
  const Trace& tr = r.trace;
  ASSERT_EQ(tr.cores.size(), sc.machine.cores);
  ASSERT_EQ(tr.threads.size(), sc.threads.size());
  // Core lanes: sorted, non-overlapping, positive length, inside [0, makespan]. Together they
  // mean at most `cores` threads run at any instant.
  std::map<ThreadId, std::vector<std::pair<TimeNs, TimeNs>>> on_core;
  std::vector<TimeNs> run_sum(sc.threads.size(), 0), any_sum(sc.threads.size(), 0);
  for (const auto& lane : tr.cores) {
    TimeNs prev_end = 0;
    for (const CoreSpan& s : lane) {
      ASSERT_LT(s.start, s.end);
      ASSERT_GE(s.start, prev_end);
      ASSERT_LE(s.end, tr.makespan);
      prev_end = s.end;
      on_core[s.thread].push_back({s.start, s.end});
      any_sum[s.thread] += s.end - s.start;
      if (s.kind == CoreSpanKind::Run) run_sum[s.thread] += s.end - s.start;
    }
  }
  // No thread on two cores at once.
  for (auto& [t, spans] : on_core) {
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) ASSERT_GE(spans[i].first, spans[i - 1].second) << "thread " << t;
  }
  // State lanes: contiguous from arrival; end at completion when finished; Running time equals
  // time on a core (run + switch-in overhead); cpu metric equals Run spans.
  for (ThreadId t = 0; t < sc.threads.size(); ++t) {
    const auto& lane = tr.threads[t];
    TimeNs running = 0;
    for (std::size_t i = 0; i < lane.size(); ++i) {
      ASSERT_LT(lane[i].start, lane[i].end);
      ASSERT_LE(lane[i].end, tr.makespan);
      if (i) {
        ASSERT_EQ(lane[i].start, lane[i - 1].end) << "thread " << t << " lane not contiguous";
        ASSERT_NE(lane[i].state, lane[i - 1].state) << "unmerged neighbours";
      }
      if (lane[i].state == ThreadState::Running) running += lane[i].end - lane[i].start;
    }
    if (!lane.empty()) {
      EXPECT_EQ(lane.front().start, sc.threads[t].arrival) << "thread " << t;
      if (tr.completion[t] >= 0) {
        EXPECT_EQ(lane.back().end, tr.completion[t]);
      }
    }
    EXPECT_EQ(running, any_sum[t]) << "thread " << t;
    EXPECT_EQ(r.metrics.threads[t].cpu, run_sum[t]) << "thread " << t;
    if (r.outcome == Outcome::Completed) {
      EXPECT_TRUE(r.metrics.threads[t].finished);
      EXPECT_GE(r.metrics.threads[t].cpu, program_cpu_demand(sc.threads[t].program, sc.machine));  // jitter only adds
    }
  }
  // The run-queue counter matches the number of Ready lanes at each sample.
  for (const CounterSample& q : tr.run_queue) {
    if (q.time >= tr.makespan) continue;
    std::int64_t ready = 0;
    for (const auto& lane : tr.threads) {
      auto v = visible(lane, q.time, q.time + 1);
      ready += (!v.empty() && v.front().state == ThreadState::Ready && v.front().start <= q.time) ? 1 : 0;
    }
    EXPECT_EQ(ready, q.value) << "at " << q.time;
  }
  // Busy + overhead per core never exceeds the makespan.
  for (const CoreMetrics& c : r.metrics.cores) EXPECT_LE(c.busy + c.overhead, tr.makespan);
  if (r.outcome == Outcome::Deadlock) {
    EXPECT_FALSE(r.waits.empty());
  }
}

TEST(Invariants, RandomScenariosAllPolicies) {
  Gen gen(20261122);
  int completed = 0, deadlocked = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string json = gen.scenario();
    ParseResult p = parse_scenario(json);
    ASSERT_TRUE(p.scenario) << json << "\n"
                            << format_error(p.errors.front());
    const RunResult a = run(*p.scenario);
    const RunResult b = run(*p.scenario);
    ASSERT_TRUE(same_trace(a.trace, b.trace)) << "nondeterministic: " << json;
    ASSERT_EQ(a.final_vars, b.final_vars);
    ASSERT_NE(a.outcome, Outcome::TimeLimit) << json;
    check_invariants(*p.scenario, a, json);
    if (HasFatalFailure()) return;
    completed += a.outcome == Outcome::Completed;
    deadlocked += a.outcome == Outcome::Deadlock;
  }
  EXPECT_GT(completed, 250);
}

TEST(Invariants, AtomicAndLockedIncrementsNeverLose) {
  Gen gen(7);
  for (int i = 0; i < 50; ++i) {
    const int cores = gen.pick(1, 8), threads = gen.pick(2, 6), reps = gen.pick(1, 200);
    std::string j = R"({"seed":)" + std::to_string(i) + R"(,"machine":{"profile":"textbook","cores":)" + std::to_string(cores) +
                    R"(,"mem_op_ns":5},"scheduler":{"policy":"rr","quantum_us":1},"processes":[{"shared":{"n":0,"m":0},"threads":[)";
    for (int t = 0; t < threads; ++t)
      j += std::string(t ? "," : "") + R"({"program":[{"repeat":)" + std::to_string(reps) +
           R"(,"do":[{"atomic_increment":"n"},{"lock":"x"},{"increment":"m"},{"unlock":"x"}]}]})";
    const RunResult r = run_json(j + "]}]}");
    ASSERT_EQ(r.outcome, Outcome::Completed);
    EXPECT_EQ(r.final_vars[0][0], threads * reps);
    EXPECT_EQ(r.final_vars[0][1], threads * reps);
  }
}

TEST(Determinism, SameScenarioSameTraceAndExamplesRun) {
  const std::string json = R"({"seed":3,"machine":{"profile":"textbook","cores":3,"switch_us":1},"scheduler":{"policy":"rr","quantum_us":20},
    "processes":[{"shared":{"c":0},"threads":[
      {"program":[{"repeat":50,"do":[{"compute_us":7},{"increment":"c"},{"io_us":13}]}]},
      {"program":[{"repeat":50,"do":[{"compute_us":11},{"increment":"c"}]}]},
      {"program":[{"repeat":50,"do":[{"sleep_us":5},{"increment":"c"},{"compute_us":3}]}]},
      {"program":[{"compute_us":900}]}]}]})";
  const RunResult a = run_json(json), b = run_json(json);
  EXPECT_TRUE(same_trace(a.trace, b.trace));
  EXPECT_EQ(a.final_vars, b.final_vars);
  EXPECT_EQ(a.events, b.events);
}

}  // namespace
}  // namespace tl::test
