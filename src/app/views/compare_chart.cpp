// [SECTION] Scale
// [SECTION] The chart
#include "app/views/compare_chart.h"

#include "app/theme.h"
#include "sim/core/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui_internal.h>  // ImRect
#include <string>

namespace tl::app {

std::uint32_t model_rgb(std::size_t model) { return kModelRgb[model % std::size(kModelRgb)]; }
ImU32 model_color(std::size_t model) { return theme::rgb(model_rgb(model)); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Scale
// ---------------------------------------------------------------------------------------------
double chart_y_max(std::int64_t max_milli, double& step) {
  const double top = std::max(1.0, double(max_milli) / 1000.0) * 1.12;
  // About four to six labelled lines, on a step of 1, 2 or 5 times a power of ten.
  const double raw = top / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  step = raw <= power ? power : raw <= 2 * power ? 2 * power
                            : raw <= 5 * power   ? 5 * power
                                                 : 10 * power;
  return std::ceil(top / step - 1e-9) * step;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The chart
// ---------------------------------------------------------------------------------------------
namespace {

constexpr float kMarkerRadius = 4.0f;
constexpr float kLineWidth = 2.0f;
constexpr float kPad = 10.0f;  // inside the plot, left and right of the first and last core count

struct Scale {
  ImRect plot;
  std::uint32_t first = 1, last = 1;
  double y_max = 1;

  float x(double cores) const {
    const double span = std::max<double>(1, double(last) - double(first));
    return plot.Min.x + kPad + float((cores - double(first)) / span) * (plot.GetWidth() - 2 * kPad);
  }
  float y(double speedup) const { return plot.Max.y - float(speedup / y_max) * plot.GetHeight(); }
};

std::string speedup_text(std::int64_t milli) { return format_thousandths(milli) + "x"; }

// The title and the legend flow left to right, wrapping where the width runs out.
float draw_header(const SpeedupChartInput& in, ImDrawList& dl, ImVec2 at, float width) {
  const float line_h = ImGui::GetTextLineHeight();
  const float right = at.x + width;
  float x = at.x, y = at.y;
  auto place = [&](float w) {
    if (x > at.x && x + w > right) {
      x = at.x;
      y += line_h + 4;
    }
    const ImVec2 p(x, y);
    x += w + 14;
    return p;
  };
  const std::string title = std::string("Speedup over ") + in.baseline;
  dl.AddText(place(ImGui::CalcTextSize(title.c_str()).x), theme::kTitle, title.c_str());
  const float swatch = line_h - 4;
  for (const ChartSeries& s : in.series) {
    const ImVec2 p = place(swatch + 4 + ImGui::CalcTextSize(s.name).x);
    dl.AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + swatch, p.y + 2 + swatch), model_color(s.model));
    dl.AddText(ImVec2(p.x + swatch + 4, p.y), theme::kText, s.name);
  }
  {
    const ImVec2 p = place(18 + 4 + ImGui::CalcTextSize("ideal").x);
    for (float d = 0; d < 18; d += 6)
      dl.AddLine(ImVec2(p.x + d, p.y + line_h / 2), ImVec2(p.x + d + 3, p.y + line_h / 2), theme::kDimText, 1.5f);
    dl.AddText(ImVec2(p.x + 22, p.y), theme::kDimText, "ideal");
  }
  if (in.status != nullptr && in.status[0] != '\0')
    dl.AddText(place(ImGui::CalcTextSize(in.status).x), theme::kAccent, in.status);
  return y + line_h + 6 - at.y;
}

void draw_axes(const SpeedupChartInput& in, const Scale& scale, double step, ImDrawList& dl) {
  const ImRect& plot = scale.plot;
  dl.AddRectFilled(plot.Min, plot.Max, theme::kLaneIdle);
  char text[32];
  for (double v = 0; v <= scale.y_max + 1e-9; v += step) {
    const float y = std::floor(scale.y(v)) + 0.5f;
    dl.AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), theme::kGrid);
    std::snprintf(text, sizeof text, step < 1 ? "%.1fx" : "%.0fx", v);
    const ImVec2 size = ImGui::CalcTextSize(text);
    dl.AddText(ImVec2(plot.Min.x - 6 - size.x, y - size.y / 2), theme::kAxisText, text);
  }
  // A label per core count where there is room, else every 2nd, 4th, ...; always the first.
  const float per = (plot.GetWidth() - 2 * kPad) / float(std::max<std::size_t>(1, in.cores.size() - 1));
  std::uint32_t every = 1;
  while (per * float(every) < ImGui::CalcTextSize("16").x + 10 && every < 64) every *= 2;
  for (std::uint32_t c : in.cores) {
    const float x = std::floor(scale.x(c)) + 0.5f;
    const bool marked = int(c) == in.marked_cores;
    if (marked) dl.AddLine(ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), theme::mix(theme::kGrid, theme::kAccent, 0.5f));
    dl.AddLine(ImVec2(x, plot.Max.y), ImVec2(x, plot.Max.y + 4), theme::kAxisText);
    if (c != in.cores.front() && c % every != 0) continue;
    std::snprintf(text, sizeof text, "%u", c);
    const float w = ImGui::CalcTextSize(text).x;
    dl.AddText(ImVec2(x - w / 2, plot.Max.y + 5), marked ? theme::kAccent : theme::kAxisText, text);
  }
  const char* axis = "cores";
  const ImVec2 size = ImGui::CalcTextSize(axis);
  dl.AddText(ImVec2(plot.Max.x - size.x, plot.Max.y + 5 + size.y), theme::kAxisText, axis);
}

// Ideal: n times the baseline on n cores, dashed, until it leaves the plot at the top.
void draw_ideal(const Scale& scale, ImDrawList& dl) {
  const double top = std::min<double>(scale.last, scale.y_max);
  const ImVec2 a(scale.x(scale.first), scale.y(scale.first)), b(scale.x(top), scale.y(top));
  const float length = std::hypot(b.x - a.x, b.y - a.y);
  for (float d = 0; d < length; d += 9) {
    const float t0 = d / length, t1 = std::min(1.0f, (d + 5) / length);
    dl.AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
               ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), theme::kDimText, 1.5f);
  }
  const char* label = "ideal";
  const ImVec2 size = ImGui::CalcTextSize(label);
  dl.AddText(ImVec2(std::min(b.x + 6, scale.plot.Max.x - size.x - 2), std::max(b.y, scale.plot.Min.y + 2)), theme::kDimText,
             label);
}

// Lines join neighbouring known points; every known point gets a marker of the exact colour.
void draw_series(const SpeedupChartInput& in, const ChartSeries& s, const Scale& scale, ImDrawList& dl) {
  const ImU32 color = model_color(s.model);
  const std::vector<std::int64_t>& v = *s.speedup_milli;
  const std::size_t n = std::min(v.size(), in.cores.size());
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (v[i] > 0 && v[i + 1] > 0)
      dl.AddLine(ImVec2(scale.x(in.cores[i]), scale.y(double(v[i]) / 1000.0)),
                 ImVec2(scale.x(in.cores[i + 1]), scale.y(double(v[i + 1]) / 1000.0)), color, kLineWidth);
  for (std::size_t i = 0; i < n; ++i)
    if (v[i] > 0) dl.AddCircleFilled(ImVec2(scale.x(in.cores[i]), scale.y(double(v[i]) / 1000.0)), kMarkerRadius, color, 12);
}

void draw_tooltip(const SpeedupChartInput& in, const Scale& scale) {
  const float mouse_x = ImGui::GetIO().MousePos.x;
  std::size_t nearest = 0;
  for (std::size_t i = 1; i < in.cores.size(); ++i)
    if (std::fabs(scale.x(in.cores[i]) - mouse_x) < std::fabs(scale.x(in.cores[nearest]) - mouse_x)) nearest = i;
  ImGui::BeginTooltip();
  ImGui::Text("%u core%s", in.cores[nearest], in.cores[nearest] == 1 ? "" : "s");
  for (const ChartSeries& s : in.series) {
    const std::int64_t v = nearest < s.speedup_milli->size() ? (*s.speedup_milli)[nearest] : 0;
    ImGui::Text("%-10s %s", s.name, v > 0 ? speedup_text(v).c_str() : "not yet run");
  }
  ImGui::EndTooltip();
}

}  // namespace

Rect draw_speedup_chart(const SpeedupChartInput& in, ImVec2 size) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("speedup_chart", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  if (in.cores.empty()) return Rect{};

  const float header_h = draw_header(in, dl, origin, size.x);
  std::int64_t max_milli = 1000;
  for (const ChartSeries& s : in.series)
    for (std::int64_t v : *s.speedup_milli) max_milli = std::max(max_milli, v);
  double step = 1;
  Scale scale;
  scale.first = in.cores.front();
  scale.last = in.cores.back();
  scale.y_max = chart_y_max(max_milli, step);
  const float label_w = ImGui::CalcTextSize("00.0x").x + 10;
  const float line_h = ImGui::GetTextLineHeight();
  scale.plot = ImRect(origin.x + label_w, origin.y + header_h + line_h / 2, origin.x + size.x - 4,
                      origin.y + size.y - 2 * line_h - 8);
  if (scale.plot.GetHeight() < 20 || scale.plot.GetWidth() < 40) return Rect{};

  dl.PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  draw_axes(in, scale, step, dl);
  dl.PushClipRect(scale.plot.Min, scale.plot.Max, true);
  draw_ideal(scale, dl);
  for (const ChartSeries& s : in.series) draw_series(in, s, scale, dl);
  dl.PopClipRect();
  dl.PopClipRect();
  if (hovered) draw_tooltip(in, scale);
  return Rect{scale.plot.Min.x, scale.plot.Min.y, scale.plot.Max.x, scale.plot.Max.y};
}

}  // namespace tl::app
