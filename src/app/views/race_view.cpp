// [SECTION] Following the playhead and stepping
// [SECTION] Drawing: the variable at the playhead, the step buttons, the list
#include "app/views/race_view.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/views/playhead_bar.h"

#include <algorithm>
#include <imgui.h>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Following the playhead and stepping
// ---------------------------------------------------------------------------------------------
const RaceHistory& RaceView::history(const ShownRun& run) {
  if (built_for_ != run.result) {
    built_for_ = run.result;
    history_ = build_race_history(run.scenario, run.result->trace);
    // The first variable anyone touches (the race's counter), else the first declared.
    variable_ = history_.vars.empty() ? -1 : 0;
    for (std::size_t v = 0; v < history_.vars.size(); ++v)
      if (!history_.vars[v].steps.empty()) {
        variable_ = std::int64_t(v);
        break;
      }
    selected_ = -1;
    selected_at_ = -1;
  }
  return history_;
}

void RaceView::follow_playhead(TimeNs playhead) {
  if (playhead == selected_at_ || variable_ < 0) return;
  selected_ = step_at(history_.vars[std::size_t(variable_)], playhead);
  selected_at_ = playhead;
  scroll_ = true;
}

void RaceView::select(Playback& playback, std::int64_t step) {
  if (variable_ < 0) return;
  const std::vector<RaceStep>& steps = history_.vars[std::size_t(variable_)].steps;
  if (step < 0 || step >= std::int64_t(steps.size())) return;
  selected_ = step;
  playback.playhead = steps[std::size_t(step)].time;
  playback.playing = false;
  selected_at_ = playback.playhead;
  scroll_ = true;
}

void RaceView::step(Playback& playback, int direction) {
  follow_playhead(playback.playhead);
  select(playback, selected_ + direction);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------------------------
namespace {

constexpr ImU32 kLostText = theme::rgb(0x181B21);  // dark text on the warning colour

// What a thread did in one step, as its cell says it.
std::string step_text(const RaceStep& s) {
  const std::string v = std::to_string(s.value);
  switch (s.kind) {
    case VarAccessKind::Load: return "load -> " + v;
    case VarAccessKind::Add: return "add 1 -> " + v;
    case VarAccessKind::Store:
      if (s.lost) return "store " + v + "  LOST";
      if (s.clobbers > 0) return "store " + v + " (overwrites " + std::to_string(s.clobbers) + ")";
      return "store " + v;
    case VarAccessKind::Atomic: return s.lost ? "atomic -> " + v + "  LOST" : "atomic -> " + v;
    case VarAccessKind::ForkCopy: return "fork copies " + v;
  }
  return "?";
}

}  // namespace

void RaceView::draw(const ShownRun& run, Playback& playback, ImVec2 size) {
  history(run);
  layout_ = RaceViewLayout{};
  ImGui::BeginChild("race", size, false, ImGuiWindowFlags_NoScrollbar);
  layout_.scrub = draw_playhead_bar(playback, run.result->trace.makespan);
  if (variable_ < 0 || history_.vars[std::size_t(variable_)].steps.empty()) {
    ImGui::TextWrapped(
        "No shared variable is incremented in this scenario. The race, atomic and gil_python39_race "
        "examples show one.");
    ImGui::EndChild();
    return;
  }

  // Keys step while this view is shown; the buttons below do the same.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step(playback, +1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step(playback, -1);
  }
  follow_playhead(playback.playhead);

  // The variable (when there are several), its value at the playhead and what was lost by then.
  if (history_.vars.size() > 1 && run.variables.size() == history_.vars.size()) {
    ImGui::SetNextItemWidth(std::min(260.0f, ImGui::GetContentRegionAvail().x * 0.5f));
    if (ImGui::BeginCombo("variable", run.variables[std::size_t(variable_)].name.c_str())) {
      for (std::size_t v = 0; v < history_.vars.size(); ++v)
        if (ImGui::Selectable(run.variables[v].name.c_str(), std::int64_t(v) == variable_)) {
          variable_ = std::int64_t(v);
          selected_at_ = -1;
        }
      ImGui::EndCombo();
    }
    follow_playhead(playback.playhead);
  }
  const VariableHistory& var = history_.vars[std::size_t(variable_)];
  const std::string& name = std::size_t(variable_) < run.variables.size() ? run.variables[std::size_t(variable_)].name : "?";

  // The step buttons first, so that what follows shows this frame's step.
  const auto item_rect = [] {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return Rect{a.x, a.y, b.x, b.y};
  };
  if (ImGui::Button("< Previous op")) step(playback, -1);
  layout_.previous = item_rect();
  ImGui::SameLine();
  if (ImGui::Button("Next op >")) step(playback, +1);
  layout_.next = item_rect();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::Text("op %lld of %zu (Left/Right keys)", static_cast<long long>(selected_ + 1), var.steps.size());
  ImGui::PopStyleColor();

  const std::int64_t value = value_at(var, playback.playhead);
  const std::uint64_t lost = lost_by(var, playback.playhead);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::Text("%s = %lld at %s", name.c_str(), static_cast<long long>(value), format_time(playback.playhead).c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 18);
  ImGui::PushStyleColor(ImGuiCol_Text, lost > 0 ? theme::kWarning : theme::kDimText);
  ImGui::Text("%llu update%s lost so far", static_cast<unsigned long long>(lost), lost == 1 ? "" : "s");
  ImGui::PopStyleColor();

  // One row per operation, one column per thread, and the variable in memory after it.
  const int columns = int(var.threads.size()) + 2;
  constexpr ImGuiTableFlags kTable = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingStretchProp;
  const ImVec2 list_min = ImGui::GetCursorScreenPos();
  if (ImGui::BeginTable("steps", columns, kTable, ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("000.000 ms").x);
    for (ThreadId t : var.threads)
      ImGui::TableSetupColumn(t < run.thread_labels.size() ? run.thread_labels[t].c_str() : "?",
                              ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("in memory", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("in memory ").x);
    ImGui::TableHeadersRow();

    const float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    if (scroll_ && selected_ >= 0) {
      const float visible = ImGui::GetWindowHeight() - row_h;
      ImGui::SetScrollY(std::max(0.0f, float(selected_) * row_h - visible * 0.5f));
    }
    scroll_ = false;
    ImGuiListClipper clipper;
    clipper.Begin(int(var.steps.size()), row_h);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const RaceStep& s = var.steps[std::size_t(i)];
        ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
        const bool selected = i == selected_;
        const bool future = s.time > playback.playhead;
        if (selected) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::mix(theme::kLaneIdle, theme::kAccent, 0.35f));
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(i);
        if (ImGui::Selectable(format_time(s.time).c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) select(playback, i);
        ImGui::PopID();
        const Rect row = item_rect();
        const int column = int(std::lower_bound(var.threads.begin(), var.threads.end(), s.thread) - var.threads.begin()) + 1;
        ImGui::TableSetColumnIndex(column);
        ImU32 text = future ? theme::kDimText : theme::kText;
        if (s.lost) {
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, theme::kWarning);
          text = kLostText;
        } else if (s.clobbers > 0) {
          text = theme::kWarning;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, text);
        ImGui::TextUnformatted(step_text(s).c_str());
        ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(columns - 1);
        ImGui::Text("%lld", static_cast<long long>(s.memory));
        layout_.rows.push_back({i, row, s.lost});
      }
    }
    ImGui::EndTable();
  }
  const ImVec2 list_max = ImGui::GetItemRectMax();
  layout_.list = {list_min.x, list_min.y, list_max.x, list_max.y};
  // What the frame ended with (a click on a row may have moved the playhead).
  layout_.variable = variable_;
  layout_.selected = selected_;
  layout_.steps = var.steps.size();
  layout_.value = value_at(var, playback.playhead);
  layout_.lost = lost_by(var, playback.playhead);
  ImGui::EndChild();
}

}  // namespace tl::app
