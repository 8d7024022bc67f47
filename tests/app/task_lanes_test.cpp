// asyncio tasks on the timeline: each task of an event loop gets a lane under the thread that
// runs the loop, showing when its steps run on that thread and when it awaits.
#include "app/state/catalog.h"
#include "app/theme.h"
#include "app/timeline/task_lane.h"
#include "app/timeline/timeline_view.h"
#include "app/timeline/state_lane.h"
#include "headless.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

TEST(TaskLanes, EachTaskHasALaneUnderItsLoopThreadInOrder) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("asyncio_blocking");  // one loop thread, four tasks
  attach_api(&state);
  ui.frame(state);
  const Scenario& scenario = state.shown().scenario;
  ASSERT_EQ(scenario.tasks.size(), 4u);
  const TimelineLayout& layout = state.timeline.layout();
  ASSERT_EQ(layout.task_lanes.size(), 4u);
  const ThreadId loop = scenario.tasks[0].thread;
  float above = layout.thread_lanes.at(loop).y1;
  for (std::size_t k = 0; k < 4; ++k) {
    const Rect& lane = layout.task_lanes[k];
    EXPECT_GT(lane.y0, above) << "task " << k << " is not below the row above it";
    EXPECT_LT(lane.y0 - above, 8.0f) << "task " << k << " is not right under its loop thread";
    EXPECT_GE(lane.y1 - lane.y0, kTaskLaneH - 0.5f);
    EXPECT_EQ(lane.x0, layout.thread_lanes[loop].x0) << "one time axis for threads and tasks";
    EXPECT_EQ(lane.x1, layout.thread_lanes[loop].x1);
    above = lane.y1;
  }
  const nlohmann::json json = nlohmann::json::parse(tl_state_json());
  ASSERT_EQ(json["task_lanes"].size(), 4u);
  EXPECT_EQ(json["task_lanes"][3]["task"], 3);
  attach_api(nullptr);
}

TEST(TaskLanes, TasksRunOneAtATimeAndAwaitInTheirColours) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("asyncio_blocking");
  const ImDrawData& draw = ui.frame(state);
  const TimelineLayout& layout = state.timeline.layout();
  const ThreadId loop = state.shown().scenario.tasks[0].thread;
  // Every task runs at some point, on its loop thread: the thread's running colour.
  for (std::size_t k = 0; k < layout.task_lanes.size(); ++k)
    EXPECT_TRUE(drew_colour_in(draw, theme::state_color(ThreadState::Running, loop), layout.task_lanes[k])) << "task " << k;
  // "fetch" awaits I/O and "tick" sleeps: their lanes show those states.
  EXPECT_TRUE(drew_colour_in(draw, theme::state_color(ThreadState::BlockedIo, loop), layout.task_lanes[3]));
  EXPECT_TRUE(drew_colour_in(draw, theme::state_color(ThreadState::Sleeping, loop), layout.task_lanes[0]));
  // At most one task of a loop runs at any instant (the trace the lanes draw).
  const Trace& trace = state.shown().result->trace;
  std::vector<std::pair<TimeNs, int>> edges;
  for (const auto& lane : trace.tasks)
    for (const StateSpan& s : lane)
      if (s.state == ThreadState::Running) {
        edges.push_back({s.start, +1});
        edges.push_back({s.end, -1});
      }
  std::sort(edges.begin(), edges.end());
  int running = 0;
  for (const auto& [t, d] : edges) {
    running += d;
    EXPECT_LE(running, 1) << "two tasks of one loop running at " << t;
  }
}

TEST(TaskLanes, TheGutterNamesEachTaskAndItsStateAtThePlayhead) {
  const StateSpan lane[] = {{100, 200, ThreadState::Ready}, {200, 300, ThreadState::Running}, {300, 500, ThreadState::BlockedIo}};
  EXPECT_STREQ(state_text_at(lane, 50), "");
  EXPECT_STREQ(state_text_at(lane, 150), "ready");
  EXPECT_STREQ(state_text_at(lane, 250), "running");
  EXPECT_STREQ(state_text_at(lane, 300), "I/O");
  EXPECT_STREQ(state_text_at(lane, 500), "done");
}

TEST(TaskLanes, AThousandTasksScrollAndOnlyVisibleRowsAreDrawn) {
  HeadlessUi ui(1280, 800);
  AppState state = paused_example("asyncio_io");  // 1000 tasks on one loop
  ui.frame(state);
  const TimelineLayout& layout = state.timeline.layout();
  ASSERT_EQ(layout.task_lanes.size(), 1000u);
  EXPECT_GT(layout.task_lanes.back().y0, layout.view.y1) << "the last task is below the fold, reached by scrolling";
  for (std::size_t k = 1; k < layout.task_lanes.size(); ++k)
    ASSERT_GT(layout.task_lanes[k].y0, layout.task_lanes[k - 1].y0) << "task " << k << " out of order";
}

}  // namespace
}  // namespace tl::app::test
