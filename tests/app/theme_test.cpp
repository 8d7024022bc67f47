// Browser tests find a thread's spans by exact pixel colour: no two threads (within one
// palette cycle) and no other UI colour may share it.
#include "app/theme.h"

#include <gtest/gtest.h>
#include <imgui.h>
#include <set>

namespace tl::app {
namespace {

std::uint32_t rgb_of(ImU32 c) {
  return (((c >> IM_COL32_R_SHIFT) & 0xFF) << 16) | (((c >> IM_COL32_G_SHIFT) & 0xFF) << 8) |
         ((c >> IM_COL32_B_SHIFT) & 0xFF);
}

TEST(Theme, ThreadColoursArePairwiseDistinctAndOpaque) {
  std::set<std::uint32_t> seen;
  for (ThreadId t = 0; t < theme::kPaletteSize; ++t) {
    seen.insert(theme::thread_rgb(t));
    EXPECT_EQ((theme::thread_color(t) >> IM_COL32_A_SHIFT) & 0xFF, 0xFFu);
    EXPECT_EQ(rgb_of(theme::thread_color(t)), theme::thread_rgb(t));
  }
  EXPECT_EQ(seen.size(), std::size_t(theme::kPaletteSize));
}

TEST(Theme, NoOtherUiColourIsAThreadColour) {
  ImGui::CreateContext();
  theme::apply_style();
  std::set<std::uint32_t> ui;
  for (const ImVec4& c : ImGui::GetStyle().Colors) ui.insert(rgb_of(ImGui::ColorConvertFloat4ToU32(c)));
  ImGui::DestroyContext();
  for (ImU32 c : {theme::kLaneIdle, theme::kOverhead, theme::kOverheadHatch, theme::kFoldMixed,
                  theme::kGrid, theme::kAxisText, theme::kPlayhead, theme::kTitle, theme::kAccent,
                  theme::kDimText, theme::kError, theme::kWarning, theme::kText, theme::kThreadLane, theme::kStateIo, theme::kStateSleep,
                  theme::kStateLock, theme::kStateGil, theme::kStateJoin, theme::kStateReceive})
    ui.insert(rgb_of(c));
  for (ThreadId t = 0; t < theme::kPaletteSize; ++t) {  // Ready is derived from a thread colour
    ui.insert(rgb_of(theme::state_color(ThreadState::Ready, t)));
    ui.insert(rgb_of(theme::ready_hatch(t)));
  }
  for (ThreadId t = 0; t < theme::kPaletteSize; ++t)
    EXPECT_EQ(ui.count(theme::thread_rgb(t)), 0u) << "thread " << t << " colour is used by the UI";
}

TEST(Theme, EveryThreadStateHasItsOwnColourAndOnlyRunningIsTheThreadColour) {
  constexpr ThreadState kStates[] = {ThreadState::Running, ThreadState::Ready, ThreadState::BlockedIo,
                                     ThreadState::Sleeping, ThreadState::BlockedLock, ThreadState::WaitingGil,
                                     ThreadState::BlockedJoin, ThreadState::BlockedReceive};
  for (ThreadId t : {ThreadId(0), ThreadId(5)}) {
    std::set<std::uint32_t> colours;
    for (ThreadState s : kStates) colours.insert(rgb_of(theme::state_color(s, t)));
    EXPECT_EQ(colours.size(), std::size(kStates)) << "thread " << t;
    EXPECT_EQ(theme::state_color(ThreadState::Running, t), theme::thread_color(t));
    EXPECT_NE(theme::state_color(ThreadState::Ready, t), theme::thread_color(t));
    EXPECT_EQ(colours.count(rgb_of(theme::kThreadLane)), 0u) << "a state must not look like no state";
  }
}

// At 1920x1080 the layout once stayed at its 1280 size and left most of the screen empty.
TEST(Theme, LargeWindowsShowTheLayoutLargerAndSmallOnesAsDesigned) {
  EXPECT_EQ(theme::ui_scale_for(480, 360), 1.0f);
  EXPECT_EQ(theme::ui_scale_for(1280, 720), 1.0f);
  EXPECT_EQ(theme::ui_scale_for(1920, 1080), 1.5f);
  EXPECT_EQ(theme::ui_scale_for(2560, 1440), 2.0f);
  EXPECT_EQ(theme::ui_scale_for(3840, 2160), 3.0f);
  EXPECT_EQ(theme::ui_scale_for(7680, 4320), 3.0f) << "at most kMaxUiScale";
  EXPECT_EQ(theme::ui_scale_for(3840, 700), 1.0f) << "a wide, short window: the height decides";
  EXPECT_EQ(theme::ui_scale_for(1400, 760), 1.0f) << "steps of 1/8";
  EXPECT_EQ(theme::ui_scale_for(1440, 800), 1.125f);
}

}  // namespace
}  // namespace tl::app
