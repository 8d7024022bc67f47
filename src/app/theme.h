// Colours and style. Thread colours are opaque, pairwise distinct and distinct from every other
// colour the UI draws, so a browser test can find a thread's spans by exact pixel value.
#pragma once
#include "sim/types.h"

#include <cstdint>
#include <imgui.h>

namespace tl::app::theme {

inline constexpr int kPaletteSize = 16;

std::uint32_t thread_rgb(ThreadId thread);     // 0xRRGGBB, the colour of its spans
ImU32         thread_color(ThreadId thread);   // the same as an opaque ImGui colour
ImU32         text_on(ImU32 background);       // dark or light text readable on it

inline constexpr ImU32 rgb(std::uint32_t hex, std::uint32_t alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// Timeline colours (none of them is in the thread palette)
inline constexpr ImU32 kLaneIdle     = rgb(0x262B35);   // a core with nothing to run
inline constexpr ImU32 kOverhead     = rgb(0x3A3F4B);   // context-switch cost (hatched)
inline constexpr ImU32 kOverheadHatch= rgb(0xC8CCD4);
inline constexpr ImU32 kFoldMixed    = rgb(0x7C8493);   // many tiny spans of several threads
inline constexpr ImU32 kGrid         = rgb(0x343A46);
inline constexpr ImU32 kAxisText     = rgb(0x9AA3B2);
inline constexpr ImU32 kPlayhead     = rgb(0xFFFFFF);
inline constexpr ImU32 kTitle        = rgb(0xF2F4F8);
inline constexpr ImU32 kAccent       = rgb(0x7FB2FF);
inline constexpr ImU32 kDimText      = rgb(0x9AA3B2);
inline constexpr ImU32 kError        = rgb(0xFF6B6B);

// Dark style with opaque backgrounds; call once after ImGui::CreateContext().
void apply_style();
// The built-in font plus the few glyphs it lacks that our text uses (U+2014 em dash).
// Builds the atlas, so the renderer (or a headless test) can use it at once.
void setup_fonts(ImFontAtlas& atlas);

}  // namespace tl::app::theme
