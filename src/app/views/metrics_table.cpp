#include "app/views/metrics_table.h"

#include "app/format.h"
#include "app/theme.h"

#include <imgui.h>

namespace tl::app {
namespace {

void time_cell(TimeNs ns) {
  ImGui::TableNextColumn();
  const TimeText text = format_time(ns);
  // Right-aligned so the digits line up down the column.
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - w);
  ImGui::TextUnformatted(text.c_str());
}

}  // namespace

void draw_metrics_table(const ShownRun& run) {
  const Metrics& metrics = run.result->metrics;
  const TimeText makespan = format_time(metrics.makespan);
  ImGui::Text("Makespan %s", makespan.c_str());
  ImGui::SameLine(0, 24);
  ImGui::Text("Context switches %llu", static_cast<unsigned long long>(metrics.context_switches));
  if (metrics.smt > 1) {  // core lanes are hardware threads: say how many cores they share
    ImGui::SameLine(0, 24);
    ImGui::Text("Hardware threads %zu (%u cores x %u SMT)", metrics.cores.size(), metrics.physical_cores, metrics.smt);
  }
  if (run.result->outcome != Outcome::Completed) {
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::Text("Run ended: %s", to_string(run.result->outcome));
    ImGui::PopStyleColor();
  }

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("per_thread", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("thread", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("turnaround", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("response", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("wait", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("cpu", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  // Headers right-aligned over their right-aligned numbers (ImGui 1.86 has no flag for it).
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < 5; ++column) {
    ImGui::TableSetColumnIndex(column);
    const char* name = ImGui::TableGetColumnName(column);
    if (column > 0)
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(name).x);
    ImGui::TableHeader(name);
  }
  const std::size_t rows = std::min(metrics.threads.size(), run.thread_labels.size());
  for (std::size_t t = 0; t < rows; ++t) {
    const ThreadMetrics& m = metrics.threads[t];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const float size = ImGui::GetTextLineHeight() - 4;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + size, p.y + 2 + size),
                                              theme::thread_color(ThreadId(t)));
    ImGui::SetCursorScreenPos(ImVec2(p.x + size + 6, p.y));
    ImGui::TextUnformatted(run.thread_labels[t].c_str());
    if (!m.finished) {
      ImGui::SameLine();
      ImGui::TextDisabled("(unfinished)");
    }
    time_cell(m.turnaround);
    time_cell(m.response);
    time_cell(m.wait);
    time_cell(m.cpu);
  }
  ImGui::EndTable();
}

}  // namespace tl::app
