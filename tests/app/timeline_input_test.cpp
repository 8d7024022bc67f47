// The timeline as a learner drives it: pointer (no jump on press, clicks that select, clicks
// shorter than a frame), keyboard, the playhead kept in view.
#include "app/platform/input_queue.h"
#include "app/shortcuts.h"
#include "app/state/catalog.h"
#include "headless.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

class TimelineInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(load_scenario(state, find_embedded_scenario("slice")->json, "slice")) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    ui.frame(state);
    makespan = state.result().trace.makespan;
  }
  void set_mouse(float x, float y, bool down) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    ImGui::GetIO().MouseDown[0] = down;
    ui.frame(state);
  }
  // A point in core 0's lane at `fraction` of its width.
  ImVec2 lane_point(float fraction) const {
    const Rect& lane = state.timeline.layout().core_lanes[0];
    return ImVec2(lane.x0 + (lane.x1 - lane.x0) * fraction, (lane.y0 + lane.y1) / 2);
  }
  void zoom_to_middle() {
    state.range.t0 = makespan / 4;
    state.range.t1 = makespan / 2;
    ui.frame(state);
  }

  HeadlessUi ui;
  AppState state;
  TimeNs makespan = 0;
};

TEST_F(TimelineInput, APressAfterMovingElsewhereDoesNotPan) {
  zoom_to_middle();
  const TimeRange before = state.range;
  set_mouse(20, 20, false);  // over the title
  const ImVec2 p = lane_point(0.6f);
  set_mouse(p.x, p.y, true);  // moved there and pressed between two frames: a 700 px mouse delta
  EXPECT_EQ(state.range.t0, before.t0);
  EXPECT_EQ(state.range.t1, before.t1);
  set_mouse(p.x, p.y, false);
  EXPECT_EQ(state.range.t0, before.t0) << "a click is not a pan";
}

TEST_F(TimelineInput, AQuickClickSelectsTheSpanUnderItAndShowsItsDetails) {
  zoom_to_middle();
  const TimeRange before = state.range;
  const ImVec2 p = lane_point(0.5f);
  set_mouse(p.x, p.y, false);
  set_mouse(p.x + 1, p.y, true);
  set_mouse(p.x + 2, p.y, false);  // moved 1 px while down: still a click
  EXPECT_EQ(state.range.t0, before.t0);
  ASSERT_TRUE(state.timeline.selection().has_value());
  EXPECT_EQ(state.timeline.selection()->item, 0u) << "core 0's row";
  EXPECT_LE(state.timeline.selection()->rect.start, state.range.t0 + (state.range.t1 - state.range.t0) / 2 + 1000);
  ui.frame(state);
  EXPECT_GT(state.timeline.layout().details.x1, state.timeline.layout().details.x0) << "the details window is shown";

  ui.press_key(state, ImGuiKey_Escape);
  EXPECT_FALSE(state.timeline.selection().has_value());
}

TEST_F(TimelineInput, AClickShorterThanAFrameAtFourFramesASecondIsSeenWhereItHappened) {
  ImGui::GetIO().DeltaTime = 0.25f;
  const TimeNs before = state.playback.playhead;
  const Rect& lane = state.timeline.layout().core_lanes[0];
  const float axis_y = lane.y0 - 12;
  const float x = lane.x0 + (lane.x1 - lane.x0) * 0.75f;
  // Between two frames: moved onto the axis, pressed, released, moved away to the title.
  using platform::InputEvent;
  platform::InputQueue queue;
  queue.push(InputEvent::move(x, axis_y));
  queue.push(InputEvent::button(0, true, x, axis_y));
  queue.push(InputEvent::button(0, false, x, axis_y));
  queue.push(InputEvent::move(20, 20));
  int frames = 0;
  do {
    queue.next_frame();
    platform::feed_imgui(queue, ImGui::GetIO());
    ui.frame(state);
    ++frames;
  } while (queue.pending());
  EXPECT_EQ(frames, 3) << "the press, the release, the move away: one frame each";
  EXPECT_NE(state.playback.playhead, before);
  EXPECT_NEAR(double(state.playback.playhead), double(makespan) * 0.75, double(makespan) / 200.0);
}

TEST_F(TimelineInput, SpacePlaysAndPauses) {
  ui.press_key(state, ImGuiKey_Space);
  EXPECT_TRUE(state.playback.playing);
  ui.press_key(state, ImGuiKey_Space);
  EXPECT_FALSE(state.playback.playing);
}

TEST_F(TimelineInput, ArrowsStepFromEventToEvent) {
  const Trace& trace = state.result().trace;
  ui.press_key(state, ImGuiKey_RightArrow);
  const TimeNs first = state.playback.playhead;
  EXPECT_GT(first, 0);
  // Every lane changes only at span boundaries: one of them is exactly there.
  bool boundary = false;
  for (const auto& lane : trace.cores)
    for (const CoreSpan& s : lane) boundary = boundary || s.start == first || s.end == first;
  for (const auto& lane : trace.threads)
    for (const StateSpan& s : lane) boundary = boundary || s.start == first || s.end == first;
  EXPECT_TRUE(boundary);
  // ... and none lies between 0 and it.
  for (const auto& lane : trace.cores)
    for (const CoreSpan& s : lane) {
      EXPECT_FALSE(s.start > 0 && s.start < first);
      EXPECT_FALSE(s.end > 0 && s.end < first);
    }
  ui.press_key(state, ImGuiKey_RightArrow);
  EXPECT_GT(state.playback.playhead, first);
  ui.press_key(state, ImGuiKey_LeftArrow);
  EXPECT_EQ(state.playback.playhead, first);
  EXPECT_FALSE(state.playback.playing) << "stepping pauses";
}

TEST_F(TimelineInput, HomeEndZoomAndFitKeys) {
  ui.press_key(state, ImGuiKey_End);
  EXPECT_EQ(state.playback.playhead, makespan);
  EXPECT_FALSE(state.playback.playing);
  ui.press_key(state, ImGuiKey_Home);
  EXPECT_EQ(state.playback.playhead, 0);
  const TimeNs width = state.range.width();
  ui.type(state, '+');
  EXPECT_LT(state.range.width(), width * 3 / 4);
  EXPECT_LE(state.range.t0, 0) << "zoomed about the playhead at 0";
  ui.type(state, '-');
  ui.type(state, '-');
  EXPECT_EQ(state.range.width(), width) << "zooming out stops at the whole run";
  ui.type(state, '+');
  ui.type(state, 'f');
  EXPECT_EQ(state.range.t0, 0);
  EXPECT_EQ(state.range.t1, makespan);
}

TEST_F(TimelineInput, HelpOpensWithQuestionMarkOrF1AndClosesWithEsc) {
  ui.type(state, '?');
  EXPECT_TRUE(state.help_open);
  ui.press_key(state, ImGuiKey_Escape);
  EXPECT_FALSE(state.help_open);
  ui.press_index(state, kKeyF1);
  EXPECT_TRUE(state.help_open);
  EXPECT_GE(shortcuts().size(), 10u);
  ui.press_index(state, kKeyF1);
  EXPECT_FALSE(state.help_open);
}

TEST_F(TimelineInput, CtrlQAsksToQuit) {
  ui.press_index(state, kKeyQ);
  EXPECT_FALSE(state.quit_requested) << "Q alone is not quit";
  ui.press_index(state, kKeyQ, true);
  EXPECT_TRUE(state.quit_requested);
}

TEST_F(TimelineInput, RestartWhileZoomedBringsThePlayheadIntoView) {
  state.range.t0 = makespan / 2;
  state.range.t1 = makespan / 2 + makespan / 10;
  state.playback.playhead = makespan / 2 + makespan / 20;
  ui.frame(state);
  restart_playback(state.playback);  // what the Restart button does
  ui.frame(state);
  EXPECT_LE(state.range.t0, state.playback.playhead);
  EXPECT_GE(state.range.t1, state.playback.playhead);
  EXPECT_EQ(state.range.width(), makespan / 10) << "the zoom stays";
}

TEST_F(TimelineInput, PlayingPastTheRightEdgeTurnsThePage) {
  state.range.t0 = 0;
  state.range.t1 = makespan / 10;
  state.playback.playhead = makespan / 10 - 1;
  state.playback.playing = true;
  for (int i = 0; i < 10; ++i) ui.frame(state);
  EXPECT_LE(state.range.t0, state.playback.playhead);
  EXPECT_GE(state.range.t1, state.playback.playhead);
}

TEST_F(TimelineInput, APlayheadPannedOutOfViewWhilePausedStaysWhereTheLearnerPutIt) {
  state.playback.playhead = makespan / 10;
  state.range.t0 = makespan / 2;
  state.range.t1 = makespan / 2 + makespan / 10;
  ui.frame(state);
  ui.frame(state);
  EXPECT_EQ(state.range.t0, makespan / 2);
}

TEST_F(TimelineInput, NothingAnimatesOnceTheRunHasPlayedToTheEnd) {
  state.playback.playing = true;
  state.playback.speed = double(makespan);  // the whole run in a second
  for (int i = 0; i < 90 && state.playback.playing; ++i) ui.frame(state);
  EXPECT_FALSE(state.playback.playing);
  EXPECT_FALSE(animating(state)) << "nothing to draw until input arrives";
  set_cores(state, 3);
  EXPECT_TRUE(animating(state)) << "a run being simulated";
}

}  // namespace
}  // namespace tl::app::test
