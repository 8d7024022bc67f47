// [SECTION] Items
// [SECTION] Axis, interaction, playhead
// [SECTION] The view: one loop over the items
#include "app/timeline/timeline_view.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/core_lane.h"
#include "app/timeline/process_header.h"
#include "app/timeline/task_lane.h"
#include "app/timeline/thread_lane.h"

#include <algorithm>
#include <cmath>

namespace tl::app {
namespace {

constexpr float kGutterW = 168.0f;  // names left of the lanes ("w1/worker" and its state)
constexpr float kAxisH = 22.0f;
constexpr float kTickMinPx = 90.0f;  // axis labels need about this much room
constexpr float kClickSlopPx = 3.0f;
constexpr float kOtherRowsShare = 0.45f;  // of the view, at most, before core lanes shrink  // a press moving less than this before release is a click

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Items
// ---------------------------------------------------------------------------------------------
void TimelineView::build_items(const ShownRun& run) {
  if (built_for_ == run.result.get()) return;
  built_for_ = run.result.get();
  selection_.reset();  // it pointed into the old run's rows
  items_.clear();
  const Trace& trace = run.result->trace;
  const Scenario& scenario = run.scenario;
  for (CoreId core = 0; core < CoreId(trace.cores.size()); ++core) items_.push_back(std::make_unique<CoreLane>(core));
  core_items_ = items_.size();
  // A thread lane needs the scenario's name for it; both come from the same run.
  const ThreadId threads = ThreadId(std::min(trace.threads.size(), scenario.threads.size()));
  if (threads == 0) return;
  std::vector<bool> placed(threads, false);
  // A thread lane, then the lanes of the asyncio tasks its event loops run.
  std::vector<std::vector<std::size_t>> tasks_of(threads);
  for (std::size_t k = 0; k < std::min(trace.tasks.size(), scenario.tasks.size()); ++k)
    if (scenario.tasks[k].thread < threads) tasks_of[scenario.tasks[k].thread].push_back(k);
  const auto place = [&](ThreadId t) {
    placed[t] = true;
    items_.push_back(std::make_unique<ThreadLane>(t));
    for (std::size_t k : tasks_of[t]) items_.push_back(std::make_unique<TaskLane>(k, t));
  };
  for (ProcessId p = 0; p < ProcessId(scenario.processes.size()); ++p) {
    items_.push_back(std::make_unique<ProcessHeader>(p));
    for (ThreadId t : scenario.processes[p].threads)
      if (t < threads && !placed[t]) place(t);
  }
  for (ThreadId t = 0; t < threads; ++t)  // a scenario built in code may leave one unlisted
    if (!placed[t]) place(t);
}

// Both keep 2 px to spare below the last row, so that rounding never grows the child a scrollbar
// (which would take the lanes' width) for one pixel.
float TimelineView::height_for(const ShownRun& run, float core_lane_h) {
  build_items(run);
  const RowHeights heights{core_lane_h};
  float h = kAxisH + 2 + 2;
  for (const auto& item : items_) h += item->height(heights) + item->gap_after();
  if (core_items_ == 0) h += core_lane_h + kCoreLaneGap;  // an empty run keeps one lane's room
  if (!items_.empty()) h -= items_.back()->gap_after();   // the content ends with the last row
  return h;
}

float TimelineView::preferred_height(const ShownRun& run) { return height_for(run, kMaxCoreLaneH); }
float TimelineView::min_height(const ShownRun& run) { return height_for(run, kMinCoreLaneH); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Axis, interaction, playhead
// ---------------------------------------------------------------------------------------------
namespace {

// The wheel zooms over the lanes, so the rows cannot scroll the usual way: over the names left
// of them it scrolls (when 16 cores and many threads do not fit).
void scroll_with_wheel_over_gutter(float lanes_x0) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseWheel == 0.0f || io.MousePos.x >= lanes_x0) return;
  if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) return;
  ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * 3 * (kThreadLaneH + kThreadLaneGap));
}

void draw_axis(const TimelineContext& ctx, const ImRect& axis, float lanes_bottom) {
  ImDrawList& dl = *ctx.draw;
  const TimeNs step = nice_step(double(kTickMinPx) / ctx.px_per_ns);
  dl.PushClipRect(ImVec2(axis.Min.x - 1, axis.Min.y), ImVec2(axis.Max.x + 1, lanes_bottom), true);
  for (TimeNs t = (ctx.t0 + step - 1) / step * step; t <= ctx.t1; t += step) {
    const float x = std::floor(ctx.x_of(t));
    dl.AddLine(ImVec2(x + 0.5f, axis.Max.y - 6), ImVec2(x + 0.5f, axis.Max.y), theme::kAxisText);
    dl.AddLine(ImVec2(x + 0.5f, axis.Max.y), ImVec2(x + 0.5f, lanes_bottom), theme::kGrid);
    const TimeText label = format_tick(t, step);
    const float label_w = ImGui::CalcTextSize(label.c_str()).x;
    if (x + 3 + label_w <= axis.Max.x)  // a label cut by the edge would crowd its neighbour
      dl.AddText(ImVec2(x + 3, axis.Min.y + 2), theme::kAxisText, label.c_str());
  }
  dl.PopClipRect();
  dl.AddLine(ImVec2(axis.Min.x, axis.Max.y - 0.5f), ImVec2(axis.Max.x, axis.Max.y - 0.5f), theme::kGrid);
}

// Left of the axis: while a newer run is being simulated the old one stays on screen, and this
// says so.
void draw_pending_marker(const ImRect& gutter, ImDrawList& dl) {
  dl.PushClipRect(gutter.Min, gutter.Max, true);
  dl.AddText(ImVec2(gutter.Min.x, gutter.Min.y + 2), theme::kAccent, "simulating\xE2\x80\xA6");
  dl.PopClipRect();
}

void draw_playhead(const TimelineContext& ctx, const ImRect& axis, float bottom) {
  if (ctx.playhead < ctx.t0 || ctx.playhead > ctx.t1) return;
  const float x = std::floor(ctx.x_of(ctx.playhead)) + 0.5f;
  ImDrawList& dl = *ctx.draw;
  dl.AddLine(ImVec2(x, axis.Min.y + 4), ImVec2(x, bottom), theme::kPlayhead, 2.0f);
  dl.AddTriangleFilled(ImVec2(x - 6, axis.Min.y), ImVec2(x + 6, axis.Min.y), ImVec2(x, axis.Min.y + 8),
                       theme::kPlayhead);
}

}  // namespace

// The mouse over the lanes. A press only remembers where it was and the range then: a drag pans
// by how far the mouse is from that press (never by a frame's mouse delta, which after a move
// elsewhere or a slow frame jumps), and a press released without moving kClickSlopPx is a
// click that selects the span under it. On the axis the press scrubs the playhead.
void TimelineView::handle_input(TimeRange& range, Playback& playback, TimeNs makespan, const TimelineContext& ctx,
                                float axis_bottom) {
  ImGuiIO& io = ImGui::GetIO();
  clicked_ = false;
  if (ImGui::IsItemHovered()) {
    if (io.MouseWheel != 0.0f)  // zoom about the time under the mouse (a pinch arrives as this too)
      zoom_range(range, double(ctx.t_of(io.MousePos.x)), std::pow(1.25, -double(io.MouseWheel)));
    if (io.MouseWheelH != 0.0f)  // a sideways swipe pans
      pan_range(range, -double(io.MouseWheelH) * 40.0 / ctx.px_per_ns);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) fit_range(range, range.extent);
  }
  if (ImGui::IsItemActivated()) {
    const ImVec2 press = io.MouseClickedPos[0];
    drag_ = Drag{press.y < axis_bottom, false, range.t0, range.t1, press.x};
  }
  if (ImGui::IsItemActive()) {
    const float dx = io.MousePos.x - drag_.press_x;
    if (drag_.on_axis) {
      playback.playhead = std::clamp<TimeNs>(ctx.t_of(io.MousePos.x), 0, makespan);
    } else {
      if (std::abs(dx) >= kClickSlopPx) drag_.moved = true;
      if (drag_.moved) {
        const double shift = -double(dx) / ctx.px_per_ns;
        set_range(range, double(drag_.t0) + shift, double(drag_.t1) + shift);
      }
    }
  }
  if (ImGui::IsItemDeactivated() && !drag_.on_axis && !drag_.moved) clicked_ = true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The view
// ---------------------------------------------------------------------------------------------
void TimelineView::draw(const ShownRun& run, TimeRange& range, Playback& playback, bool pending, ImVec2 size) {
  build_items(run);
  stats_ = {};
  const Trace& trace = run.result->trace;
  layout_.core_lanes.assign(trace.cores.size(), Rect{});
  layout_.thread_lanes.assign(std::min(trace.threads.size(), run.scenario.threads.size()), Rect{});
  layout_.task_lanes.assign(std::min(trace.tasks.size(), run.scenario.tasks.size()), Rect{});
  layout_.process_rows.assign(trace.threads.empty() ? 0 : run.scenario.processes.size(), Rect{});

  ImGui::BeginChild(id_.c_str(), size, false, ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 window_pos = ImGui::GetWindowPos(), window_size = ImGui::GetWindowSize();
  layout_.view = Rect{window_pos.x, window_pos.y, window_pos.x + window_size.x, window_pos.y + window_size.y};
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Core lanes share what the other rows leave, between kMinCoreLaneH and kMaxCoreLaneH each;
  // when the other rows (many threads) must scroll anyway, the cores keep most of the view.
  const float rows_h = avail.y - kAxisH - 2;
  const float cores = float(std::max<std::size_t>(core_items_, 1));
  const float all_others_h = height_for(run, 0) - kAxisH - 4 - float(core_items_) * kCoreLaneGap;
  const bool others_fit = all_others_h + cores * (kMinCoreLaneH + kCoreLaneGap) <= rows_h;
  const float others_h = others_fit ? all_others_h : std::min(all_others_h, rows_h * kOtherRowsShare);
  const RowHeights heights{
      std::clamp(std::floor((rows_h - others_h) / cores - kCoreLaneGap), kMinCoreLaneH, kMaxCoreLaneH)};
  const float lanes_x0 = origin.x + kGutterW;
  const float lanes_x1 = origin.x + std::max(avail.x - 6, kGutterW + 50);
  const float lanes_y0 = origin.y + kAxisH + 2;
  const float bottom = origin.y + height_for(run, heights.core_lane) - 2;
  const ImRect axis(lanes_x0, origin.y, lanes_x1, origin.y + kAxisH);

  scroll_with_wheel_over_gutter(lanes_x0);
  ImGui::SetCursorScreenPos(ImVec2(lanes_x0, origin.y));
  ImGui::InvisibleButton("##timeline", ImVec2(lanes_x1 - lanes_x0, std::max(bottom - origin.y, 1.0f)));

  TimelineContext ctx;
  ctx.draw = ImGui::GetWindowDrawList();
  ctx.run = &run;
  const auto update_context = [&] {
    ctx.t0 = range.t0;
    ctx.t1 = std::max(range.t1, range.t0 + 1);
    ctx.px_per_ns = double(lanes_x1 - lanes_x0) / double(ctx.t1 - ctx.t0);
    ctx.clip = ImRect(lanes_x0, lanes_y0, lanes_x1, bottom);
    ctx.playhead = playback.playhead;
  };
  update_context();
  handle_input(range, playback, trace.makespan, ctx, axis.Max.y);
  active_ = ImGui::IsItemActive();
  if (dragging()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  update_context();  // this frame already shows the new zoom, pan or playhead
  layout_.t0 = ctx.t0;
  layout_.t1 = ctx.t1;

  draw_axis(ctx, axis, bottom);
  if (pending) draw_pending_marker(ImRect(origin.x, origin.y, lanes_x0 - 8, origin.y + kAxisH), *ctx.draw);

  // The one loop over the rows: place, record, skip what is scrolled out of view, draw.
  FoldRect hovered{};  // a copy: the scratch is reused by the next item
  const TimelineItem* hovered_item = nullptr;
  std::size_t hovered_index = 0;
  ImRect selected_row(0, 0, 0, 0);
  float y = lanes_y0;
  for (std::size_t index = 0; index < items_.size(); ++index) {
    const auto& item = items_[index];
    const float h = item->height(heights);
    TimelineContext row = ctx;
    row.clip = ImRect(lanes_x0, y, lanes_x1, y + h);
    item->record(layout_, Rect{lanes_x0, y, lanes_x1, y + h});
    if (selection_ && selection_->item == index) selected_row = ImRect(lanes_x0, y, lanes_x1, y + h);
    // Rows scrolled out of the child cost nothing: per-frame work follows what is on screen,
    // not how many cores or threads the run has.
    if (ImGui::IsRectVisible(ImVec2(origin.x, y), ImVec2(lanes_x1, y + h))) {
      if (const FoldRect* under_mouse = item->draw(row, scratch_, stats_)) {
        hovered = *under_mouse;
        hovered_item = item.get();
        hovered_index = index;
      }
      item->draw_gutter(row, ImRect(origin.x, y, lanes_x0 - 8, y + h));
    }
    y += h + item->gap_after();
  }
  if (clicked_) {  // a click selects the span under it, or clears the selection off the spans
    if (hovered_item != nullptr) selection_ = Selection{hovered_index, hovered};
    else selection_.reset();
  }
  if (selection_ && selected_row.GetWidth() > 0) draw_selection_outline(ctx, selected_row);
  draw_playhead(ctx, axis, bottom);
  if (hovered_item != nullptr && !ImGui::IsItemActive() && !(selection_ && clicked_)) {
    ImGui::BeginTooltip();
    hovered_item->tooltip(ctx, hovered);
    ImGui::EndTooltip();
  }

  ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom));
  ImGui::Dummy(ImVec2(1, 0));  // the content ends at the last row: the child scrolls only when rows do not fit
  ImGui::EndChild();
  draw_details(ctx, ImVec2(lanes_x1, layout_.view.y1));
}

// The selected span keeps an outline (it may be a sliver: the outline stays visible).
void TimelineView::draw_selection_outline(const TimelineContext& ctx, const ImRect& row) const {
  const float x0 = std::max(std::floor(ctx.x_of(selection_->rect.start)), ctx.clip.Min.x);
  const float x1 = std::min(std::max(std::floor(ctx.x_of(selection_->rect.end)), x0 + 1), ctx.clip.Max.x);
  if (x1 <= ctx.clip.Min.x || x0 >= ctx.clip.Max.x) return;
  ctx.draw->AddRect(ImVec2(x0 - 1, row.Min.y - 1), ImVec2(x1 + 1, row.Max.y + 1), theme::kSelection, 0, 0, 2.0f);
}

// The clicked span, in a small window at the timeline's bottom right: what the tooltip says,
// kept while the mouse moves on; Esc or its close button clears it.
void TimelineView::draw_details(const TimelineContext& ctx, ImVec2 corner) {
  layout_.details = Rect{};
  if (!selection_ || selection_->item >= items_.size()) return;
  bool open = true;
  ImGui::SetNextWindowPos(ImVec2(corner.x - 8, corner.y - 8), ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowBgAlpha(0.96f);
  const std::string title = "Details##" + id_;
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  if (ImGui::Begin(title.c_str(), &open, kFlags)) {
    items_[selection_->item]->tooltip(ctx, selection_->rect);
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    layout_.details = Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  }
  ImGui::End();
  if (!open) selection_.reset();
}

}  // namespace tl::app
