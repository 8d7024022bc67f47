#include "app/views/compare_json.h"

#include "app/format.h"
#include "app/state_json.h"
#include "app/theme.h"
#include "app/views/compare_chart.h"
#include "sim/core/format.h"

#include <cstdio>

namespace tl::app {

std::string figure_text(FigureUnit unit, std::int64_t value) {
  char text[48];
  switch (unit) {
    case FigureUnit::Time: return format_time(value).c_str();
    case FigureUnit::Count: std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value)); return text;
    case FigureUnit::Kilobytes:
      if (value >= 10 * 1024) std::snprintf(text, sizeof text, "%.1f MB", double(value) / 1024.0);
      else std::snprintf(text, sizeof text, "%lld KB", static_cast<long long>(value));
      return text;
  }
  return {};
}

nlohmann::json compare_text_json(const CompareState& state) {
  nlohmann::json models = nlohmann::json::array();
  for (std::size_t i = 0; i < state.timelines.size(); ++i) models.push_back(to_string(kCompareModels[state.shown[i]]));
  nlohmann::json figures = nlohmann::json::array();
  const std::size_t a = state.shown[0], b = state.shown[1];
  for (const CompareFigure& figure : compare_figures(state))
    figures.push_back({{"label", figure.label},
                       {"values", {figure_text(figure.unit, figure.values[a]), figure_text(figure.unit, figure.values[b])}},
                       {"ratio", format_thousandths(ratio_milli(figure.values[a], figure.values[b]))}});
  return {{"title", state.workload.title},
          {"cores", state.cores},
          {"pending", compare_pending(state)},
          {"error", state.error},
          {"models", std::move(models)},
          {"figures", std::move(figures)}};
}

nlohmann::json compare_state_json(const CompareState& state) {
  nlohmann::json workloads = nlohmann::json::array();
  for (const EmbeddedScenario& w : compare_workloads()) workloads.push_back(w.name);

  nlohmann::json timelines = nlohmann::json::array();
  for (std::size_t i = 0; i < state.timelines.size(); ++i) {
    const std::size_t model = state.shown[i];
    const ShownRun& run = compare_run(state, model);
    const TimelineLayout& layout = state.timelines[i].layout();
    nlohmann::json colors = nlohmann::json::array();  // each thread's spans, as the page draws them
    for (ThreadId t = 0; t < run.scenario.threads.size(); ++t) colors.push_back(hex_color(theme::thread_rgb(t)));
    timelines.push_back({{"model", to_string(kCompareModels[model])},
                         {"thread_colors", std::move(colors)},
                         {"cores", run.scenario.machine.cores},
                         {"outcome", to_string(run.result->outcome)},
                         {"makespan_us", format_us(run.result->metrics.makespan)},
                         {"pending", state.runs[model].pending},
                         {"t0_us", double(layout.t0) / 1000.0},
                         {"t1_us", double(layout.t1) / 1000.0},
                         {"view", rect_json(layout.view)},
                         {"lanes", rects_json(layout.core_lanes)},
                         {"thread_lanes", rects_json(layout.thread_lanes)},
                         {"processes", rects_json(layout.process_rows)}});
  }

  nlohmann::json figures = nlohmann::json::array();
  const std::size_t a = state.shown[0], b = state.shown[1];
  for (const CompareFigure& figure : compare_figures(state)) {
    nlohmann::json values = nlohmann::json::array();
    for (std::int64_t v : figure.values) values.push_back(v);
    figures.push_back({{"label", figure.label},
                       {"values", std::move(values)},
                       {"ratio", format_thousandths(ratio_milli(figure.values[a], figure.values[b]))}});
  }

  const SweepProgress progress = sweep_progress(state);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t m = 0; m < progress.rows.size(); ++m) {
    nlohmann::json speedups = nlohmann::json::array();
    for (std::int64_t s : progress.rows[m].speedup_milli)  // null: that cell has not run yet
      speedups.push_back(s > 0 ? nlohmann::json(format_thousandths(s)) : nlohmann::json(nullptr));
    rows.push_back({{"name", progress.rows[m].name}, {"color", hex_color(model_rgb(m))}, {"speedup", std::move(speedups)}});
  }

  const CompareLayout& layout = state.layout;
  return {{"workload", state.workload.name},
          {"workloads", std::move(workloads)},
          {"title", state.workload.title},
          {"error", state.error},
          {"cores", state.cores},
          {"pending", compare_pending(state)},
          {"playhead_us", double(state.playback.playhead) / 1000.0},
          {"playing", state.playback.playing},
          {"range", {{"t0_us", double(state.range.t0) / 1000.0}, {"t1_us", double(state.range.t1) / 1000.0}}},
          {"timelines", std::move(timelines)},
          {"figures", std::move(figures)},
          {"sweep",
           {{"cores", state.sweep.grid.cores},
            {"done", progress.done},
            {"total", progress.total},
            {"request", state.sweep.request},
            {"cancelled", progress.cancelled},
            {"error", progress.error},
            {"rows", std::move(rows)}}},
          {"controls",
           {{"workload", rect_json(layout.workload_combo)},
            {"workload_items", rects_json(layout.workload_items)},
            {"cores", rect_json(layout.cores_slider)}}},
          {"chart", layout.chart_shown ? rect_json(layout.chart) : nlohmann::json(nullptr)},
          {"figures_panel", layout.figures_shown ? rect_json(layout.figures) : nlohmann::json(nullptr)}};
}

}  // namespace tl::app
