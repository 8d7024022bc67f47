#include "app/theme.h"

#include "app/fonts.h"

#include <algorithm>
#include <cmath>

namespace tl::app::theme {
namespace {

// Colour-blind safe first: the eight hues of Okabe and Ito's palette (told apart with
// protanopia, deuteranopia and tritanopia), then lighter tints of the same hues for threads 8
// to 15. Bright enough on the dark lanes, none a UI colour.
constexpr std::uint32_t kPalette[kPaletteSize] = {
    0xE69F00,  // orange
    0x56B4E9,  // sky blue
    0x009E73,  // bluish green
    0xF0E442,  // yellow
    0x3D8FD1,  // blue (Okabe-Ito 0072B2, lifted for a dark background)
    0xD55E00,  // vermillion
    0xCC79A7,  // reddish purple
    0xBBBBBB,  // grey
    0xFFC966,  // light orange
    0xA6D8F5,  // light sky blue
    0x66C9AB,  // light bluish green
    0xF7F19A,  // light yellow
    0x8CBCE6,  // light blue
    0xFF9F66,  // light vermillion
    0xE6B3CF,  // light reddish purple
    0xE2E2E2,  // light grey
};

ImVec4 hex(std::uint32_t rgb, float alpha = 1.0f) {
  return ImVec4(float((rgb >> 16) & 0xFF) / 255.0f, float((rgb >> 8) & 0xFF) / 255.0f,
                float(rgb & 0xFF) / 255.0f, alpha);
}

}  // namespace

std::uint32_t thread_rgb(ThreadId thread) { return kPalette[thread % kPaletteSize]; }

ImU32 thread_color(ThreadId thread) { return rgb(thread_rgb(thread)); }

ImU32 text_on(ImU32 background) {
  const float r = float((background >> IM_COL32_R_SHIFT) & 0xFF);
  const float g = float((background >> IM_COL32_G_SHIFT) & 0xFF);
  const float b = float((background >> IM_COL32_B_SHIFT) & 0xFF);
  return 0.299f * r + 0.587f * g + 0.114f * b > 140.0f ? IM_COL32(20, 22, 28, 255)
                                                       : IM_COL32(245, 246, 250, 255);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const auto channel = [&](int shift) {
    const float x = float((a >> shift) & 0xFF), y = float((b >> shift) & 0xFF);
    return ImU32(x + (y - x) * t + 0.5f) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

ImU32 state_color(ThreadState state, ThreadId thread) {
  switch (state) {
    case ThreadState::Running: return thread_color(thread);
    case ThreadState::Ready: return mix(kThreadLane, thread_color(thread), kReadyFill);
    case ThreadState::BlockedIo: return kStateIo;
    case ThreadState::Sleeping: return kStateSleep;
    case ThreadState::BlockedLock: return kStateLock;
    case ThreadState::WaitingGil: return kStateGil;
    case ThreadState::BlockedJoin: return kStateJoin;
    case ThreadState::BlockedReceive: return kStateReceive;
  }
  return kFoldMixed;
}

ImU32 ready_hatch(ThreadId thread) { return mix(kThreadLane, thread_color(thread), kReadyHatch); }

namespace {
float g_ui_scale = 1.0f;
}  // namespace

float ui_scale_for(float window_w, float window_h) {
  const float fit = std::min(window_w / kScaleFromW, window_h / kScaleFromH);
  return std::clamp(std::floor(fit * 8.0f) / 8.0f, 1.0f, kMaxUiScale);
}

float ui_scale() { return g_ui_scale; }

void set_ui_scale(float scale) { g_ui_scale = std::max(1.0f, scale); }

void apply_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowPadding = ImVec2(14, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(10, 6);
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.CellPadding = ImVec2(8, 3);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(kText);
  c[ImGuiCol_TextDisabled] = hex(0x8A93A3);
  c[ImGuiCol_WindowBg] = hex(0x181B21);
  c[ImGuiCol_ChildBg] = hex(0x181B21);
  c[ImGuiCol_PopupBg] = hex(0x222631, 0.97f);
  c[ImGuiCol_Border] = hex(0x313745);
  c[ImGuiCol_FrameBg] = hex(0x262B36);
  c[ImGuiCol_FrameBgHovered] = hex(0x303747);
  c[ImGuiCol_FrameBgActive] = hex(0x394155);
  c[ImGuiCol_Button] = hex(0x2C3444);
  c[ImGuiCol_ButtonHovered] = hex(0x3A4762);
  c[ImGuiCol_ButtonActive] = hex(0x485A7E);
  c[ImGuiCol_SliderGrab] = hex(0x7FB2FF);
  c[ImGuiCol_SliderGrabActive] = hex(0xA9CBFF);
  c[ImGuiCol_Header] = hex(0x2C3444);
  c[ImGuiCol_HeaderHovered] = hex(0x3A4762);
  c[ImGuiCol_HeaderActive] = hex(0x485A7E);
  c[ImGuiCol_Separator] = hex(0x313745);
  c[ImGuiCol_TableHeaderBg] = hex(0x222631);
  c[ImGuiCol_TableBorderStrong] = hex(0x313745);
  c[ImGuiCol_TableBorderLight] = hex(0x2A303C);
  c[ImGuiCol_TableRowBg] = hex(0x181B21);
  c[ImGuiCol_TableRowBgAlt] = hex(0x1D2129);
}

namespace {

ImFont* g_mono = nullptr;

// The built-in font: ProggyClean (13 px, 7 px advance) has Latin-1 only. An em dash is drawn as
// a 1 px bar at the height of a hyphen, two characters wide; an ellipsis as three 1 px dots on
// the baseline of a full stop, two characters wide.
void setup_builtin_font(ImFontAtlas& atlas) {
  ImFont* font = atlas.AddFontDefault();
  g_mono = font;
  const int dash = atlas.AddCustomRectFontGlyph(font, 0x2014, 12, 1, 14.0f, ImVec2(1, 7));
  const int dots = atlas.AddCustomRectFontGlyph(font, 0x2026, 9, 1, 14.0f, ImVec2(2, 9));
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas
  const auto paint = [&](int index, int every) {
    const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(index);
    if (rect == nullptr || !rect->IsPacked()) return;
    for (int y = 0; y < rect->Height; ++y) {
      auto* row = reinterpret_cast<ImU32*>(pixels) + (rect->Y + y) * width + rect->X;
      for (int x = 0; x < rect->Width; ++x) row[x] = x % every == 0 ? IM_COL32(255, 255, 255, 255) : 0;
    }
  };
  paint(dash, 1);
  paint(dots, 4);
}

}  // namespace

void setup_fonts(ImFontAtlas& atlas, float pixel_ratio) {
  const std::span<const unsigned char> text = fonts::text(), mono = fonts::mono();
  if (text.empty() || mono.empty()) {
    setup_builtin_font(atlas);
    return;
  }
  // Latin-1, general punctuation (dashes, ellipsis), arrows and the micro sign.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0};
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes are the program's own, static
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // Rasterised at the device's pixel ratio, drawn at 1 / ratio (io.FontGlobalScale): crisp on
  // high-density screens, the same layout in CSS pixels.
  const float ratio = std::max(1.0f, pixel_ratio);
  atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(text.data()), int(text.size()), kTextPx * ratio, &config,
                             kRanges);
  g_mono = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(mono.data()), int(mono.size()), kMonoPx * ratio,
                                      &config, kRanges);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas
  ImGui::GetIO().FontGlobalScale = 1.0f / ratio;
}

ImFont* mono_font() { return g_mono != nullptr ? g_mono : ImGui::GetFont(); }

}  // namespace tl::app::theme
