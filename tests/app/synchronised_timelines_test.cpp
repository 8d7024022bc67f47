// Two timelines handed one TimeRange (and one Playback), as a compare view draws them: zooming
// or panning either moves both, so the same instant stays at the same x in both.
#include "app/state/catalog.h"
#include "app/state/run_slot.h"
#include "app/timeline/timeline_view.h"
#include "headless.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

ShownRun run_of(std::string_view name, std::uint32_t cores) {
  DocumentParse parsed = parse_document(name, find_embedded_scenario(name)->json);
  EXPECT_TRUE(parsed.document.has_value());
  Scenario scenario = parsed.document->scenario;
  scenario.machine.cores = cores;
  RunSlot slot;
  std::string error;
  submit_run(slot, std::move(scenario), 0);
  EXPECT_EQ(wait_for_run(slot, 0, error), RunUpdate::Shown) << error;
  return slot.shown;
}

class TwoTimelines : public ::testing::Test {
 protected:
  void SetUp() override {
    fit_range(range, std::max(upper.result->trace.makespan, lower.result->trace.makespan));
    playback.playing = false;
    frame();
  }
  // One window holding both views, one above the other.
  void frame() {
    ImGui::NewFrame();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("compare", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 size(ImGui::GetContentRegionAvail().x, io.DisplaySize.y / 2 - 20);
    a.draw(upper, range, playback, false, size);
    b.draw(lower, range, playback, false, size);
    ImGui::End();
    ImGui::Render();
  }
  void move_to(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    frame();
  }
  void press(bool down) {
    ImGui::GetIO().MouseDown[0] = down;
    frame();
  }
  static ImVec2 middle_of(const Rect& r, float fraction) { return ImVec2(r.x0 + (r.x1 - r.x0) * fraction, (r.y0 + r.y1) / 2); }
  // Both views showed exactly the shared range, on lanes of the same width.
  void expect_in_step() const {
    EXPECT_EQ(a.layout().t0, range.t0);
    EXPECT_EQ(a.layout().t1, range.t1);
    EXPECT_EQ(b.layout().t0, range.t0);
    EXPECT_EQ(b.layout().t1, range.t1);
    EXPECT_EQ(a.layout().core_lanes[0].x0, b.layout().core_lanes[0].x0);
    EXPECT_EQ(a.layout().core_lanes[0].x1, b.layout().core_lanes[0].x1);
  }

  HeadlessUi ui{1280, 900};
  ShownRun upper = run_of("slice", 1);
  ShownRun lower = run_of("slice", 2);  // shorter: the range spans the longer run
  TimeRange range;
  Playback playback;
  TimelineView a{"upper"};
  TimelineView b{"lower"};
};

TEST_F(TwoTimelines, BothDrawTheirOwnRunOverTheSharedRange) {
  ASSERT_GT(upper.result->trace.makespan, lower.result->trace.makespan);
  expect_in_step();
  EXPECT_EQ(range.t1, upper.result->trace.makespan);
  EXPECT_EQ(a.layout().core_lanes.size(), 1u);
  EXPECT_EQ(b.layout().core_lanes.size(), 2u);
  EXPECT_GT(a.stats().spans_visible, 0u);
  EXPECT_GT(b.stats().spans_visible, 0u);
  EXPECT_LT(a.layout().view.y1, b.layout().view.y0 + 1) << "one above the other";
}

TEST_F(TwoTimelines, TheWheelOverOneZoomsBoth) {
  const TimeNs before = range.width();
  const std::uint64_t upper_spans = a.stats().spans_visible, lower_spans = b.stats().spans_visible;
  move_to(middle_of(a.layout().core_lanes[0], 0.3f));
  ImGui::GetIO().MouseWheel = 4.0f;
  frame();
  ImGui::GetIO().MouseWheel = 0.0f;
  frame();
  EXPECT_LT(range.width(), before / 2);
  expect_in_step();
  EXPECT_LT(a.stats().spans_visible, upper_spans);
  EXPECT_LT(b.stats().spans_visible, lower_spans) << "the other view drew less of its run too";

  // And back: zooming out over the lower view widens both again.
  move_to(middle_of(b.layout().core_lanes[1], 0.5f));
  ImGui::GetIO().MouseWheel = -8.0f;
  frame();
  ImGui::GetIO().MouseWheel = 0.0f;
  frame();
  EXPECT_EQ(range.width(), range.extent);
  expect_in_step();
}

TEST_F(TwoTimelines, DraggingTheOtherPansBoth) {
  set_range(range, double(range.extent) / 4, double(range.extent) / 2);
  frame();
  const TimeNs t0 = range.t0, width = range.width();
  const Rect lane = b.layout().core_lanes[1];
  move_to(middle_of(lane, 0.6f));
  press(true);
  move_to(middle_of(lane, 0.5f));  // drag left: later times come into view
  press(false);
  EXPECT_GT(range.t0, t0);
  EXPECT_EQ(range.width(), width);
  expect_in_step();
}

TEST_F(TwoTimelines, TheAxisOfEitherMovesTheSharedPlayhead) {
  const Rect lane = a.layout().core_lanes[0];
  move_to(ImVec2(lane.x0 + (lane.x1 - lane.x0) * 0.5f, lane.y0 - 12));  // a's axis
  press(true);
  press(false);
  EXPECT_NEAR(double(playback.playhead), double(range.t1) * 0.5, double(range.t1) / 200.0);
}

}  // namespace
}  // namespace tl::app::test
