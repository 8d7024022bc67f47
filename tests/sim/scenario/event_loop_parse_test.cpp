// The event_loop step: what it accepts, what each task becomes, and every bad input named by
// its path and reason.
#include "support/scenarios.h"

namespace tl::test {
namespace {

std::string with_loop(const std::string& loop_value, const std::string& before = "", const std::string& after = "") {
  return R"({"processes":[{"name":"main","threads":[{"name":"loop","program":[)" + before + R"({"event_loop":)" +
         loop_value + "}" + after + "]}]}]}";
}
const std::string kStep = "processes[0].threads[0].program[0].event_loop";

TEST(EventLoopParse, TasksGetTheirNamesProgramsAndThread) {
  const Scenario sc = scenario_from(with_loop(R"({"tasks":[
      {"program":[{"io_us":100}]},
      {"name":"fetch","count":3,"program":[{"compute_us":5},{"sleep_us":10}]},
      {"name":"solo","program":[]}]})",
                                              R"({"compute_us":1},)"));
  ASSERT_EQ(sc.event_loops.size(), 1u);
  EXPECT_EQ(sc.event_loops[0].thread, 0u);
  EXPECT_EQ(sc.event_loops[0].first_task, 0u);
  EXPECT_EQ(sc.event_loops[0].task_count, 5u);
  ASSERT_EQ(sc.tasks.size(), 5u);
  const char* names[] = {"Task-1", "fetch-1", "fetch-2", "fetch-3", "solo"};
  for (std::size_t k = 0; k < 5; ++k) EXPECT_EQ(sc.tasks[k].name, names[k]);
  // copies share one compiled program
  EXPECT_EQ(sc.task_programs.size(), 3u);
  EXPECT_EQ(sc.tasks[1].program, sc.tasks[3].program);
  ASSERT_EQ(sc.task_programs[1].size(), 2u);
  EXPECT_EQ(sc.task_programs[1][1].kind, OpKind::Sleep);
  EXPECT_EQ(sc.task_programs[1][1].arg, 0u);  // an await
  ASSERT_EQ(sc.threads[0].program.size(), 2u);
  EXPECT_EQ(sc.threads[0].program[1].kind, OpKind::EventLoop);
  EXPECT_EQ(sc.threads[0].op_paths[sc.task_programs[1][0].source],
            "processes[0].threads[0].program[1].event_loop.tasks[1].program[0]");
}

TEST(EventLoopParse, BlockingMarksACallThatStopsTheLoop) {
  const Scenario sc = scenario_from(with_loop(R"({"tasks":[{"program":[{"sleep_us":10,"blocking":true},{"io_us":5,"blocking":false}]}]})"));
  ASSERT_EQ(sc.task_programs.size(), 1u);
  EXPECT_EQ(sc.task_programs[0][0].arg, 1u);
  EXPECT_EQ(sc.task_programs[0][1].arg, 0u);
  EXPECT_TRUE(has_error(R"({"processes":[{"threads":[{"program":[{"io_us":10,"blocking":true}]}]}]})",
                        "processes[0].threads[0].program[0].blocking", "only inside an event-loop task"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"io_us":10,"blocking":"yes"}]}]})"),
                        kStep + ".tasks[0].program[0].blocking", "expected"));
}

TEST(EventLoopParse, UnknownFieldsAreNamed) {
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[]}],"workers":2})"), kStep, "unknown key 'workers'"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[],"priority":1}]})"), kStep + ".tasks[0]",
                        "unknown key 'priority'"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"io_us":1,"timeout_us":5}]}]})"),
                        kStep + ".tasks[0].program[0]", "unknown key 'timeout_us'"));
}

TEST(EventLoopParse, NegativeDurationsInATaskAreRejected) {
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"io_us":-5}]}]})"), kStep + ".tasks[0].program[0].io_us",
                        "negative"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"compute_us":-1}]}]})"),
                        kStep + ".tasks[0].program[0].compute_us", "negative"));
}

TEST(EventLoopParse, TaskWithoutProgramOrLoopWithoutTasksIsRejected) {
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"name":"x"}]})"), kStep + ".tasks[0]", "a task needs \"program\""));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":{"io_us":1}}]})"), kStep + ".tasks[0].program",
                        "expected an array of steps"));
  EXPECT_TRUE(has_error(with_loop(R"({})"), kStep, "needs \"tasks\""));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[]})"), kStep + ".tasks", "at least one task"));
  EXPECT_TRUE(has_error(with_loop(R"([1])"), kStep, "expected an object"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[7]})"), kStep + ".tasks[0]", "expected a task"));
}

TEST(EventLoopParse, AbsurdCountsAreRejectedBeforeAnythingIsBuilt) {
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"count":0,"program":[]}]})"), kStep + ".tasks[0].count", "out of range"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"count":1000000000,"program":[]}]})"), kStep + ".tasks[0].count",
                        "out of range"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"count":60000,"program":[]},{"count":60000,"program":[]}]})"),
                        kStep + ".tasks[1]", "too many tasks: more than 100000"));
  // Each copy's steps count against limits.max_events.
  EXPECT_TRUE(has_error(R"({"limits":{"max_events":1000},"processes":[{"threads":[{"program":[{"event_loop":{"tasks":[
      {"count":100,"program":[{"repeat":20,"do":[{"io_us":1}]}]}]}}]}]}]})",
                        "processes[0].threads[0].program", "more than limits.max_events"));
}

TEST(EventLoopParse, StepsThatWouldBlockOrNestAreRejectedInTasks) {
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"lock":"m"},{"unlock":"m"}]}]})"),
                        kStep + ".tasks[0].program[0]", "cannot run inside an event-loop task"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"program":[{"event_loop":{"tasks":[{"program":[]}]}}]}]})"),
                        kStep + ".tasks[0].program[0].event_loop", "asyncio.run() cannot be called from a running event loop"));
  EXPECT_TRUE(has_error(R"({"processes":[{"threads":[{"program":[{"repeat":2,"do":[{"event_loop":{"tasks":[{"program":[]}]}}]}]}]}]})",
                        "processes[0].threads[0].program[0].do[0].event_loop", "must run exactly once"));
  EXPECT_TRUE(has_error(with_loop(R"({"tasks":[{"name":"a","program":[]},{"name":"a","program":[]}]})"), kStep + ".tasks[1]",
                        "duplicate task name 'a'"));
}

}  // namespace
}  // namespace tl::test
