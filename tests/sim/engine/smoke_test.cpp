#include "support/scenarios.h"

namespace tl::test {
namespace {

TEST(Smoke, SingleThreadCompute) {
  RunResult r = run_json(R"({"processes":[{"threads":[{"program":[{"compute_us":100}]}]}]})");
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.makespan, us(100));
}

}  // namespace
}  // namespace tl::test
