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
                  theme::kDimText, theme::kError})
    ui.insert(rgb_of(c));
  for (ThreadId t = 0; t < theme::kPaletteSize; ++t)
    EXPECT_EQ(ui.count(theme::thread_rgb(t)), 0u) << "thread " << t << " colour is used by the UI";
}

}  // namespace
}  // namespace tl::app
