#include "app/timeline/item.h"

#include "app/format.h"
#include "app/theme.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace tl::app {

void TimelineItem::tooltip(const TimelineContext&, const FoldRect&) const {}
void TimelineItem::record(TimelineLayout&, const Rect&) const {}

namespace draw {

PixelSpan to_pixels(const FoldRect& rect, const TimelineContext& ctx) {
  float x0 = whole_pixels_below(std::max(ctx.x_of(rect.start), ctx.clip.Min.x));
  float x1 = whole_pixels_below(std::min(ctx.x_of(rect.end), ctx.clip.Max.x));
  if (x1 < x0 + 1) x1 = x0 + 1;
  if (x1 > ctx.clip.Max.x) x0 = (x1 = ctx.clip.Max.x) - 1;
  return {x0, x1};
}

void hatch(ImDrawList& dl, float x0, float x1, float y0, float y1, ImU32 color) {
  const float h = y1 - y0;
  for (float x = x0 - h; x < x1; x += 5) {  // the line from (x, y1) up to (x + h, y0)
    const float a = std::max(x, x0), b = std::min(x + h, x1);
    if (b <= a) continue;
    dl.AddLine(ImVec2(a, y1 - (a - x)), ImVec2(b, y1 - (b - x)), color, 1.0f);
  }
}

void label(const TimelineContext& ctx, float x0, float x1, const char* text, ImU32 background) {
  // Most rectangles of a zoomed-out lane are a few pixels wide, where no text fits (no glyph
  // is narrower than a fifth of the font size): those skip measuring the text.
  if (x1 - x0 < 8 + ImGui::GetFontSize() * 0.2f) return;
  const float text_w = ImGui::CalcTextSize(text).x;
  const float w = x1 - x0;
  if (text_w + 8 > w) return;
  const float x = std::max(x0 + 4, std::min(x0 + (w - text_w) * 0.5f, x1 - 4 - text_w));
  const float y = (ctx.clip.Min.y + ctx.clip.Max.y - ImGui::GetTextLineHeight()) * 0.5f;
  ctx.draw->AddText(ImVec2(std::floor(x), std::floor(y)), theme::text_on(background), text);
}

void fitted_text(ImDrawList& dl, ImVec2 pos, ImU32 color, const char* text, float width) {
  const ImFont& font = *ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const char* end = text + std::strlen(text);
  if (font.CalcTextSizeA(size, FLT_MAX, 0, text, end).x <= width) {
    dl.AddText(pos, color, text, end);
    return;
  }
  static constexpr const char* kEllipsis = "\xE2\x80\xA6";
  const float room = width - font.CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x;
  const char* cut = text;
  while (cut < end) {
    const char* next = cut + 1;
    while (next < end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;  // whole UTF-8 characters
    if (font.CalcTextSizeA(size, FLT_MAX, 0, text, next).x > room) break;
    cut = next;
  }
  dl.AddText(pos, color, text, cut);
  dl.AddText(ImVec2(pos.x + font.CalcTextSizeA(size, FLT_MAX, 0, text, cut).x, pos.y), color, kEllipsis);
}

float text_y(const ImRect& row) { return std::floor((row.Min.y + row.Max.y - ImGui::GetTextLineHeight()) * 0.5f); }

void time_span_line(const FoldRect& rect) {
  const TimeText from = format_time(rect.start), to = format_time(rect.end), length = format_time(rect.end - rect.start);
  ImGui::TextDisabled("%s to %s (%s)", from.c_str(), to.c_str(), length.c_str());
}

}  // namespace draw
}  // namespace tl::app
