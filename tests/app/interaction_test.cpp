// The mouse, as a learner (or a browser test) uses it, through the null backend.
#include "app/state/catalog.h"
#include "headless.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

class Interaction : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    ui.frame(state);
  }
  void move_to(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    ui.frame(state);
  }
  void press(bool down) {
    ImGui::GetIO().MouseDown[0] = down;
    ui.frame(state);
  }
  TimeNs time_at(float x) const {  // on the lanes, from the recorded layout
    const Rect& lane = state.timeline.layout().core_lanes[0];
    return state.range.t0 + TimeNs(double(x - lane.x0) / double(lane.x1 - lane.x0) *
                                   double(state.range.t1 - state.range.t0));
  }

  HeadlessUi ui;
  AppState state;
};

TEST_F(Interaction, ClickingTheCoresSliderAtItsEndsSetsSixteenThenOneCore) {
  const Rect slider = state.layout.controls.cores_slider;
  const float y = (slider.y0 + slider.y1) / 2;
  move_to(slider.x1 - 2, y);
  press(true);
  press(false);
  EXPECT_EQ(state.cores, 16);
  wait_for_run(state);
  ui.frame(state);
  EXPECT_EQ(state.result().trace.cores.size(), 16u);
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), 16u);

  move_to(slider.x0 + 2, y);
  press(true);
  press(false);
  EXPECT_EQ(state.cores, 1);
  wait_for_run(state);
  ui.frame(state);
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), 1u);
}

TEST_F(Interaction, WheelZoomsInAboutTheTimeUnderTheMouse) {
  const Rect lane = state.timeline.layout().core_lanes[0];
  const float x = lane.x0 + (lane.x1 - lane.x0) * 0.3f;
  move_to(x, (lane.y0 + lane.y1) / 2);
  const TimeNs before = state.range.t1 - state.range.t0;
  const TimeNs at = time_at(x);
  ImGui::GetIO().MouseWheel = 3.0f;
  ui.frame(state);
  ImGui::GetIO().MouseWheel = 0.0f;
  const TimeNs after = state.range.t1 - state.range.t0;
  EXPECT_LT(after, before * 6 / 10);
  // The time under the mouse stays put (to a pixel).
  const TimeNs px = before / TimeNs(lane.x1 - lane.x0);
  EXPECT_NEAR(double(time_at(x)), double(at), double(px));
}

TEST_F(Interaction, DraggingTheLanesPansAZoomedView) {
  const TimeNs makespan = state.result().trace.makespan;
  state.range.t0 = makespan / 4;
  state.range.t1 = makespan / 2;
  const Rect lane = state.timeline.layout().core_lanes[0];
  const float y = (lane.y0 + lane.y1) / 2;
  move_to(lane.x0 + 400, y);
  press(true);
  move_to(lane.x0 + 300, y);  // drag left: later times come into view
  press(false);
  const double ns_per_px = double(makespan / 4) / double(lane.x1 - lane.x0);
  EXPECT_NEAR(double(state.range.t0), double(makespan / 4) + 100 * ns_per_px, 2 * ns_per_px);
  EXPECT_EQ(state.range.t1 - state.range.t0, makespan / 2 - makespan / 4);
}

TEST_F(Interaction, PressingTheAxisMovesThePlayheadThere) {
  const Rect lane = state.timeline.layout().core_lanes[0];
  const float x = lane.x0 + (lane.x1 - lane.x0) * 0.75f;
  move_to(x, lane.y0 - 12);  // the axis is just above the first lane
  press(true);
  press(false);
  EXPECT_NEAR(double(state.playback.playhead), double(state.result().trace.makespan) * 0.75,
              double(state.result().trace.makespan) / 200.0);
}

TEST_F(Interaction, DoubleClickShowsTheWholeRunAgain) {
  state.range.t0 = 1000;
  state.range.t1 = 2000;
  const Rect lane = state.timeline.layout().core_lanes[0];
  move_to(lane.x0 + 50, (lane.y0 + lane.y1) / 2);
  press(true);
  press(false);
  press(true);
  press(false);
  EXPECT_EQ(state.range.t0, 0);
  EXPECT_EQ(state.range.t1, state.result().trace.makespan);
}

}  // namespace
}  // namespace tl::app::test
