// The words every front end uses for a run's outcome, lost updates and deadlock edges.
#include "support/scenarios.h"

#include "sim/trace/run_summary.h"

namespace tl::test {
namespace {

TEST(RunSummary, ADeadlockNamesEveryWaitForEdge) {
  const Scenario s = scenario_from(R"({"machine":{"cores":2},"processes":[{"name":"bank","threads":[
    {"name":"ab","program":[{"lock":"a"},{"compute_us":5},{"lock":"b"},{"unlock":"b"},{"unlock":"a"}]},
    {"name":"ba","program":[{"lock":"b"},{"compute_us":5},{"lock":"a"},{"unlock":"a"},{"unlock":"b"}]}]}]})");
  const RunResult r = run(s);
  ASSERT_EQ(r.outcome, Outcome::Deadlock);
  ASSERT_EQ(r.waits.size(), 2u);
  EXPECT_EQ(wait_line(s, r.waits[0]), "ab waits for bank.b held by ba");
  EXPECT_EQ(outcome_line(s, r),
            "deadlock: ab waits for bank.b held by ba, ba waits for bank.a held by ab (no thread can go on, so the run stops)");
  WaitEdge unheld = r.waits[0];
  unheld.holder = kNoThread;
  EXPECT_EQ(wait_line(s, unheld), "ab waits for bank.b held by nobody");
}

TEST(RunSummary, LostUpdatesAreTheIncrementsMissingFromTheFinalValue) {
  const Scenario s = scenario_from(R"({"machine":{"cores":2},"processes":[{"name":"P","shared":{"n":5},"threads":[
    {"name":"a","program":[{"repeat":200,"do":[{"increment":"n"}]}]},
    {"name":"b","program":[{"repeat":200,"do":[{"increment":"n"}]}]}]}]})");
  const RunResult r = run(s);
  EXPECT_EQ(outcome_line(s, r), "");
  const std::vector<VariableSummary> vars = shared_variables(s, r);
  ASSERT_EQ(vars.size(), 1u);
  EXPECT_EQ(vars[0].name, "P.n");
  EXPECT_EQ(vars[0].initial, 5);
  EXPECT_EQ(vars[0].increments, 400u);
  EXPECT_EQ(lost_updates(vars[0]), 405 - vars[0].value);
  EXPECT_EQ(lost_any(vars[0]), vars[0].value < 405);
  EXPECT_EQ(variable_line({"P.x", 7, 5, 2}), "P.x = 7 (2 increments from 5, none lost)");
  EXPECT_EQ(variable_line({"P.x", 6, 5, 2}), "P.x = 6 (2 increments from 5, 1 lost)");
  EXPECT_EQ(variable_line({"P.x", 3, 3, 0}), "P.x = 3");
}

}  // namespace
}  // namespace tl::test
