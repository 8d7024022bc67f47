// Colours and style. Thread colours are opaque, pairwise distinct and distinct from every other
// colour the UI draws, so a browser test can find a thread's spans by exact pixel value.
#pragma once
#include "sim/trace/trace.h"
#include "sim/core/types.h"

#include <cstdint>
#include <imgui.h>

namespace tl::app::theme {

inline constexpr int kPaletteSize = 16;

std::uint32_t thread_rgb(ThreadId thread);  // 0xRRGGBB, the colour of its spans
ImU32 thread_color(ThreadId thread);        // the same as an opaque ImGui colour
ImU32 text_on(ImU32 background);            // dark or light text readable on it
ImU32 mix(ImU32 a, ImU32 b, float t);       // a + (b - a) * t, opaque

inline constexpr ImU32 rgb(std::uint32_t hex, std::uint32_t alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// Timeline colours (none of them is in the thread palette)
inline constexpr ImU32 kLaneIdle = rgb(0x262B35);  // a core with nothing to run
inline constexpr ImU32 kOverhead = rgb(0x3A3F4B);  // context-switch cost (hatched)
inline constexpr ImU32 kOverheadHatch = rgb(0xC8CCD4);
inline constexpr ImU32 kFoldMixed = rgb(0x7C8493);  // many tiny spans of several threads
inline constexpr ImU32 kGrid = rgb(0x343A46);
inline constexpr ImU32 kAxisText = rgb(0x9AA3B2);
inline constexpr ImU32 kPlayhead = rgb(0xFFFFFF);
inline constexpr ImU32 kSelection = rgb(0xFFE066);  // the outline of the clicked span
inline constexpr ImU32 kTitle = rgb(0xF2F4F8);
inline constexpr ImU32 kAccent = rgb(0x7FB2FF);
inline constexpr ImU32 kDimText = rgb(0x9AA3B2);
inline constexpr ImU32 kError = rgb(0xFF6B6B);
inline constexpr ImU32 kWarning = rgb(0xFFB347);  // a run that did not complete, lost updates
inline constexpr ImU32 kText = rgb(0xE6E8EE);     // body text (ImGuiCol_Text)

// Thread lanes. Running is the thread's own colour, full height; Ready is the thread's colour
// faded into the lane and hatched ("wants a core"); every waiting state has one dark, muted
// colour of its own, drawn a little shorter so running stands out. None is a thread colour.
inline constexpr ImU32 kThreadLane = rgb(0x1E222A);    // before the thread starts, after it ends
inline constexpr ImU32 kStateIo = rgb(0x3E5A70);       // blocked on I/O: steel blue
inline constexpr ImU32 kStateSleep = rgb(0x4A4F5A);    // sleeping: grey
inline constexpr ImU32 kStateLock = rgb(0x74483F);     // blocked on a lock: brick
inline constexpr ImU32 kStateGil = rgb(0x6B6136);      // waiting for the GIL: olive
inline constexpr ImU32 kStateJoin = rgb(0x56496F);     // blocked on join / wait: violet
inline constexpr ImU32 kStateReceive = rgb(0x3C6358);  // blocked on receive: teal
inline constexpr float kReadyFill = 0.30f;             // Ready: this much thread colour ...
inline constexpr float kReadyHatch = 0.65f;            // ... and its hatching this much

// The fill of `state` in `thread`'s lane.
ImU32 state_color(ThreadState state, ThreadId thread);
ImU32 ready_hatch(ThreadId thread);

// The layout's scale in a large window. ImGui lays the frame out in units of `scale` window
// pixels (CSS pixels on the page), so a 1920x1080 window shows the 1280x720 layout half as
// large again (text, controls, lanes) instead of leaving most of the screen empty: 1 up to
// kScaleFromW x kScaleFromH, then the smaller ratio of the two, in steps of 1/8 (the font atlas
// is rebuilt on each step), at most kMaxUiScale.
inline constexpr float kScaleFromW = 1280.0f;
inline constexpr float kScaleFromH = 700.0f;  // a 720-line screen less the page's bar
inline constexpr float kMaxUiScale = 3.0f;
float ui_scale_for(float window_w, float window_h);
float ui_scale();  // the frame's scale, as the platform set it (1 where nothing did)
void set_ui_scale(float scale);

// Dark style with opaque backgrounds; call once after ImGui::CreateContext().
void apply_style();
// Inter for text and JetBrains Mono for figures, compiled in, rasterised at `pixel_ratio` (the
// device's pixels per CSS pixel; io.FontGlobalScale draws them back at CSS size). Without them,
// the built-in font plus the few glyphs it lacks that our text uses (U+2014 em dash, U+2026).
// Builds the atlas, so the renderer (or a headless test) can use it at once.
inline constexpr float kTextPx = 14.0f;
inline constexpr float kMonoPx = 13.0f;
void setup_fonts(ImFontAtlas& atlas, float pixel_ratio = 1.0f);
// The monospaced font (figures that must not shift as they change); the default font when
// none was compiled in.
ImFont* mono_font();

}  // namespace tl::app::theme
