// What the page renderer draws in one call: an instance per page (where, how big, which look,
// how bright its recent change still shines) and the palette the looks index. Built by the
// memory view on the CPU (testable, benchmarkable), submitted to GL by render/page_renderer_gl.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace tl::app {

struct PageInstance {       // 16 bytes, the vertex shader's per-instance attributes
  float x = 0, y = 0;       // top-left corner, ImGui coordinates
  float size = 0;           // cell side; the shader leaves a gap between cells of 3 px or more
  std::uint32_t style = 0;  // bits 0-7: palette index; bits 8-15: flash (0 none, 255 just changed)
};
static_assert(sizeof(PageInstance) == 16);

inline constexpr int kPagePaletteSize = 8;  // the shader's palette array

inline constexpr std::uint32_t page_style(std::uint32_t palette_index, std::uint32_t flash) {
  return (palette_index & 0xFF) | (flash & 0xFF) << 8;
}

struct PageBatch {
  std::vector<PageInstance> instances;
  std::array<std::uint32_t, kPagePaletteSize> palette{};  // 0xRRGGBB per look
};

}  // namespace tl::app
