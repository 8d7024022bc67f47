// The speedup chart: one line per worker model over the core counts of a sweep, each point the
// model's speedup against the baseline (the first model on one core), beside the ideal linear
// line. Drawn with ImGui's draw list; points appear as the sweep's cells finish.
#pragma once
#include "app/rect.h"

#include <cstdint>
#include <imgui.h>
#include <span>
#include <vector>

namespace tl::app {

// The models' colours, in the order of kCompareModels (threads, processes, then what the model
// adds): Okabe and Ito's colour-blind-safe hues, none of them a thread's or another UI colour,
// so a browser test can find each series' points by exact pixel value.
inline constexpr std::uint32_t kModelRgb[] = {0x56B4E9, 0xE69F00, 0x009E73, 0xCC79A7};
std::uint32_t model_rgb(std::size_t model);
ImU32 model_color(std::size_t model);

struct ChartSeries {
  const char* name;
  std::size_t model;                               // its colour
  const std::vector<std::int64_t>* speedup_milli;  // [core count] 0 = not known yet
};

struct SpeedupChartInput {
  std::span<const std::uint32_t> cores;  // the x axis, ascending
  std::span<const ChartSeries> series;
  const char* baseline;  // "threads on 1 core"
  int marked_cores;      // the core count the timelines run on, marked on the axis
  const char* status;    // "sweeping… 12 / 32 runs", or "" once complete
};

// Draws the chart into `size` at the cursor (an item the size of the region, hovered for a
// tooltip with each model's figure at the nearest core count); returns the plot area.
Rect draw_speedup_chart(const SpeedupChartInput& in, ImVec2 size);

// The top of the y axis for speedups up to `max_milli`: a little headroom, on a tick; the
// ticks' step through `step`.
double chart_y_max(std::int64_t max_milli, double& step);

}  // namespace tl::app
