// [SECTION] Header: workload, description, playback row
// [SECTION] The two timelines
// [SECTION] Figures side by side
// [SECTION] The view
#include "app/views/compare_view.h"
#include "app/views/widgets.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/views/compare_chart.h"
#include "app/views/compare_json.h"
#include "app/views/scenario_info.h"
#include "sim/core/format.h"

#include <algorithm>
#include <cstdio>
#include <imgui.h>
#include <string>

namespace tl::app {
namespace {

constexpr float kComboWidth = 120.0f;
constexpr float kCoresWidth = 150.0f;
constexpr float kSideBySideMinWidth = 820.0f;  // narrower: chart or figures, with a switch
constexpr float kTitleMinWidth = 640.0f;       // narrower: the picker names the workload alone
constexpr float kDescriptionMinHeight = 560.0f;
constexpr float kMinTimelineH = 110.0f;
constexpr float kMinBottomH = 180.0f;

float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }

// Continues the row only if an item `width` wide still fits; otherwise it starts a new line.
void same_line_if_fits(float width, float spacing = 16.0f) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Header
// ---------------------------------------------------------------------------------------------
const char* draw_workload_combo(const CompareState& state, CompareLayout& layout) {
  layout.workload_items.clear();
  ImGui::SetNextItemWidth(kComboWidth);
  const bool open = ImGui::BeginCombo("Workload", state.workload.name.c_str(), ImGuiComboFlags_HeightLarge);
  const ImVec2 min = ImGui::GetItemRectMin();
  layout.workload_combo = Rect{min.x, min.y, min.x + kComboWidth, ImGui::GetItemRectMax().y};
  if (!open) return nullptr;
  const char* chosen = nullptr;
  for (const EmbeddedScenario& workload : compare_workloads()) {
    const bool selected = state.workload.name == workload.name;
    ImGui::PushID(workload.name);
    if (ImGui::Selectable(workload.name, selected)) chosen = workload.name;
    layout.workload_items.push_back(item_rect());
    if (selected) ImGui::SetItemDefaultFocus();
    ImGui::SameLine(kComboWidth);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDimText), "%s", workload.title);
    ImGui::PopID();
  }
  ImGui::EndCombo();
  return chosen;
}

void draw_header(CompareState& state, CompareAsk& ask, bool with_title, bool with_description) {
  ask.workload = draw_workload_combo(state, state.layout);
  if (with_title && !state.workload.title.empty()) {
    same_line_if_fits(std::min(text_width(state.workload.title.c_str()), 200.0f));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextWrapped("%s", state.workload.title.c_str());
    ImGui::PopStyleColor();
  }
  if (with_description && !state.workload.description.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
    ImGui::TextWrapped("%s", state.workload.description.c_str());
    ImGui::PopStyleColor();
  }

  // The playback row: one playhead and one range for both timelines.
  const TimeNs extent = compare_extent(state);
  Playback& playback = state.playback;
  const bool at_end = playback.playhead >= extent;
  if (ImGui::Button(playback.playing ? "Pause" : at_end ? "Replay"
                                                        : "Play",
                    ImVec2(64, 0)))
    toggle_playback(playback, extent);
  ImGui::SameLine();
  if (ImGui::Button("Restart")) restart_playback(playback);
  same_line_if_fits(kCoresWidth + ImGui::GetStyle().ItemInnerSpacing.x + text_width("Cores"));
  int cores = state.cores;
  ImGui::SetNextItemWidth(kCoresWidth);
  if (readable_slider_int("Cores", &cores, kMinCores, kMaxCores) && cores != state.cores)
    ask.cores = cores;
  const Rect slider = item_rect();
  state.layout.cores_slider = Rect{slider.x0, slider.y0, slider.x0 + kCoresWidth, slider.y1};
  same_line_if_fits(text_width("Fit") + 2 * ImGui::GetStyle().FramePadding.x);
  ask.fit = ImGui::Button("Fit");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show both runs whole. Wheel over either timeline zooms both, drag pans both.");
  const TimeText now = format_time(playback.playhead), total = format_time(extent);
  char text[96];
  std::snprintf(text, sizeof text, "t = %s / %s", now.c_str(), total.c_str());
  same_line_if_fits(text_width("t = 000.00 ms / 000.00 ms"));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);

  if (!state.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The two timelines
// ---------------------------------------------------------------------------------------------
// Above each timeline: the model in its chart colour, how its run ended and its shared values.
void draw_timeline_label(const CompareState& state, std::size_t model) {
  const ShownRun& run = compare_run(state, model);
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + h - 6, p.y + h - 3), model_color(model));
  ImGui::SetCursorScreenPos(ImVec2(p.x + h, p.y));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::Text("as %s", to_string(kCompareModels[model]));
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 12);
  const RunSlot& slot = state.runs[model];
  if (run.result->trace.makespan == 0 && slot.pending) {
    ImGui::TextDisabled("simulating\xE2\x80\xA6");
    return;
  }
  const TimeText makespan = format_time(run.result->metrics.makespan);
  if (run.result->outcome == Outcome::Completed) {
    ImGui::TextDisabled("done in %s on %u core%s", makespan.c_str(), run.scenario.machine.cores,
                        run.scenario.machine.cores == 1 ? "" : "s");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    ImGui::Text("run ended: %s", to_string(run.result->outcome));
    ImGui::PopStyleColor();
  }
  // The first process's variables (the only process of the threads, the parent of the
  // processes): whether the workers' updates reached it is the point.
  if (run.scenario.processes.empty() || run.variables.empty()) return;
  const std::string prefix = run.scenario.processes[0].name + ".";
  std::vector<VariableSummary> parent;
  for (const VariableSummary& v : run.variables)
    if (v.name.compare(0, prefix.size(), prefix) == 0) parent.push_back(v);
  std::string text = variables_text(parent);
  if (parent.size() < run.variables.size()) text += "; each worker process changed its own copy";
  same_line_if_fits(text_width(text.c_str()), 12);
  ImGui::TextDisabled("%s", text.c_str());
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Figures side by side
// ---------------------------------------------------------------------------------------------
void right_aligned(const std::string& text) {
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - text_width(text.c_str()));
  ImGui::TextUnformatted(text.c_str());
}

void draw_figures(const CompareState& state) {
  const std::size_t a = state.shown[0], b = state.shown[1];
  const char* name_a = to_string(kCompareModels[a]);
  const char* name_b = to_string(kCompareModels[b]);
  const std::vector<CompareFigure> figures = compare_figures(state);
  const std::int64_t makespan_ratio = ratio_milli(figures[0].values[a], figures[0].values[b]);
  if (makespan_ratio > 0 && !compare_pending(state)) {
    // The CLI's sentence, with its figure: threadlab-cli compare prints the same.
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::Text("%s are %sx as fast as %s", name_b, format_thousandths(makespan_ratio).c_str(), name_a);
    ImGui::PopStyleColor();
    const std::string caption = std::string("ratio: ") + name_a + " / " + name_b;
    same_line_if_fits(text_width(caption.c_str()));
    ImGui::TextDisabled("%s", caption.c_str());
  } else {
    ImGui::TextDisabled("simulating\xE2\x80\xA6");
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("compare_figures", int(kModelCount) + 2, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  for (WorkerModel model : kCompareModels) ImGui::TableSetupColumn(to_string(model), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("ratio", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < int(kModelCount) + 2; ++column) {
    ImGui::TableSetColumnIndex(column);
    const char* name = ImGui::TableGetColumnName(column);
    if (column > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - text_width(name));
    ImGui::TableHeader(name);
  }
  for (const CompareFigure& figure : figures) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(figure.label);
    for (std::size_t m = 0; m < kModelCount; ++m) {
      ImGui::TableNextColumn();
      right_aligned(figure_text(figure.unit, figure.values[m]));
    }
    ImGui::TableNextColumn();
    const std::int64_t ratio = ratio_milli(figure.values[a], figure.values[b]);
    right_aligned(figure.values[b] > 0 ? format_thousandths(ratio) + "x" : "\xE2\x80\x94");
  }
  ImGui::EndTable();
}

Rect draw_chart(const CompareState& state, ImVec2 size) {
  const SweepProgress progress = sweep_progress(state);
  std::vector<ChartSeries> series;
  for (std::size_t m = 0; m < progress.rows.size(); ++m)
    series.push_back(ChartSeries{progress.rows[m].name.c_str(), m, &progress.rows[m].speedup_milli});
  char status[96] = "";
  if (!progress.error.empty()) std::snprintf(status, sizeof status, "the sweep failed");
  else if (progress.done < progress.total)
    std::snprintf(status, sizeof status, "sweeping\xE2\x80\xA6 %zu / %zu runs", progress.done, progress.total);
  const std::string baseline = std::string(to_string(kCompareModels[0])) + " on 1 core";
  const std::vector<std::uint32_t>& cores = state.sweep.grid.cores;
  return draw_speedup_chart(SpeedupChartInput{cores, series, baseline.c_str(), state.cores, status}, size);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The view
// ---------------------------------------------------------------------------------------------
CompareAsk draw_compare_view(CompareState& state) {
  CompareAsk ask;
  CompareLayout& layout = state.layout;
  // The view scrolls when its parts at their least do not fit (480 x 360), but not while the
  // pointer is over a timeline: there the wheel zooms (the last frame's rectangles tell).
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  bool over_timeline = false;
  for (const TimelineView& view : state.timelines) {
    const Rect& r = view.layout().view;
    over_timeline |= mouse.x >= r.x0 && mouse.x < r.x1 && mouse.y >= r.y0 && mouse.y < r.y1;
  }
  ImGui::BeginChild("compare_view", ImVec2(0, 0), false, over_timeline ? ImGuiWindowFlags_NoScrollWithMouse : 0);
  const float view_h = ImGui::GetWindowHeight();
  const float width = ImGui::GetContentRegionAvail().x;
  draw_header(state, ask, width >= kTitleMinWidth, view_h >= kDescriptionMinHeight);
  ImGui::Spacing();

  // The timelines get what they want while the figures and chart keep a fair share; each keeps
  // at least kMinTimelineH (its rows scroll inside it), the bottom at least kMinBottomH.
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool side_by_side = width >= kSideBySideMinWidth;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float switch_h = side_by_side ? 0 : ImGui::GetFrameHeightWithSpacing();
  const float rest = view_h - ImGui::GetCursorPosY() - 2 * line_h - 3 * style.ItemSpacing.y - switch_h;
  const float bottom_share = std::clamp(rest * 0.36f, kMinBottomH, 320.0f);
  const float each = (rest - bottom_share) / 2;
  for (std::size_t i = 0; i < 2; ++i) {
    const std::size_t model = state.shown[i];
    const ShownRun& run = compare_run(state, model);
    TimelineView& view = state.timelines[i];
    const float h = std::max(kMinTimelineH, std::min(each, view.preferred_height(run)));
    draw_timeline_label(state, model);
    view.draw(run, state.range, state.playback, state.runs[model].pending, ImVec2(width, h));
  }
  ImGui::Spacing();

  layout.chart = Rect{};
  layout.figures = Rect{};
  bool show_chart = true, show_figures = true;
  if (!side_by_side) {
    if (ImGui::RadioButton("Speedup chart", state.narrow_shows_chart)) state.narrow_shows_chart = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("Figures", !state.narrow_shows_chart)) state.narrow_shows_chart = false;
    show_chart = state.narrow_shows_chart;
    show_figures = !show_chart;
  }
  const float bottom_h = std::max(kMinBottomH, view_h - ImGui::GetCursorPosY() - style.ItemSpacing.y);
  if (show_figures) {
    const float figures_w = side_by_side ? std::min(width * 0.45f, 560.0f) : width;
    ImGui::BeginChild("compare_figures_panel", ImVec2(figures_w, bottom_h), false);
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    layout.figures = Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
    draw_figures(state);
    ImGui::EndChild();
    if (show_chart) ImGui::SameLine(0, 16);
  }
  if (show_chart) layout.chart = draw_chart(state, ImVec2(ImGui::GetContentRegionAvail().x, bottom_h));
  layout.chart_shown = show_chart;
  layout.figures_shown = show_figures;
  ImGui::EndChild();
  return ask;
}

void apply_compare_ask(CompareState& state, const CompareAsk& ask) {
  if (ask.workload != nullptr) open_compare_workload(state, ask.workload);
  if (ask.cores != 0) set_compare_cores(state, ask.cores);
  if (ask.fit) fit_range(state.range, compare_extent(state));
}

}  // namespace tl::app
