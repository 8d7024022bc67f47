// The shared widgets: an integer slider of few values keeps its number readable.
#include "app/theme.h"
#include "app/views/widgets.h"
#include "headless.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

// The positions in draw order (vertex indices of the window's list) of vertices in `colour`
// whose x lies in [x0, x1].
std::vector<int> vertices_of(const ImDrawList& list, ImU32 colour, float x0, float x1) {
  std::vector<int> at;
  for (int i = 0; i < list.VtxBuffer.Size; ++i) {
    const ImDrawVert& v = list.VtxBuffer[i];
    if (v.col == colour && v.pos.x >= x0 && v.pos.x <= x1) at.push_back(i);
  }
  return at;
}

TEST(ReadableSlider, DrawsItsNumberOnAPlateOverTheGrab) {
  HeadlessUi ui;
  constexpr float kWidth = 160;
  for (int value : {1, 2}) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 100));
    ImGui::Begin("slider");
    int v = value;
    ImGui::SetNextItemWidth(kWidth);
    EXPECT_FALSE(readable_slider_int("Hardware threads per core", &v, 1, 2));
    const Rect item = item_rect();
    const ImDrawList& list = *ImGui::GetWindowDrawList();
    ImGui::End();
    ImGui::Render();

    // A 1..2 slider's grab is half the frame: at 1 it ends at the centre, at 2 it starts there,
    // so either way it reaches the number, which ImGui centres.
    const float centre = item.x0 + kWidth / 2;
    const std::vector<int> grab = vertices_of(list, ImGui::GetColorU32(ImGuiCol_SliderGrab), centre - 12, centre + 12);
    ASSERT_FALSE(grab.empty()) << "the grab reaches the centre at " << value;
    const std::vector<int> plate = vertices_of(list, ImGui::GetColorU32(ImGuiCol_FrameBg), centre - 12, centre + 12);
    ASSERT_FALSE(plate.empty());
    EXPECT_GT(plate.back(), grab.back()) << "the plate is drawn over the grab at " << value;
    const std::vector<int> text = vertices_of(list, ImGui::GetColorU32(ImGuiCol_Text), centre - 12, centre + 12);
    ASSERT_FALSE(text.empty());
    EXPECT_GT(text.back(), plate.back()) << "the number is drawn over the plate at " << value;
  }
}

}  // namespace
}  // namespace tl::app::test
