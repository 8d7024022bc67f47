#include "app/views/legend.h"

#include "app/format.h"
#include "app/theme.h"

#include <algorithm>
#include <cstdio>
#include <imgui.h>

namespace tl::app {
namespace {

constexpr float kEntryGap = 18.0f;         // between entries on a line
constexpr std::size_t kLegendThreads = 8;  // more threads than this get one entry
constexpr int kSwatches = 8;               // colours shown for them

// Lays entries out left to right, starting a new line when the next one would not fit. Run
// with draw = false it only counts lines, so the frame can size the timeline first.
struct Flow {
  bool draw;
  float width;
  float x = 0;
  int lines = 1;

  // A row of the first thread colours, standing for all of them.
  void swatches(std::size_t threads) {
    const float box = ImGui::GetTextLineHeight() - 2;
    const int n = int(std::min<std::size_t>(threads, kSwatches));
    const float w = float(n) * (box + 2);
    const bool wrap = x > 0 && x + kEntryGap + w > width;
    if (wrap) ++lines;
    if (draw && x > 0 && !wrap) ImGui::SameLine(0, kEntryGap);
    x = (wrap || x == 0 ? 0 : x + kEntryGap) + w;
    if (!draw) return;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    for (int i = 0; i < n; ++i)
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + float(i) * (box + 2), p.y + 1),
                                                ImVec2(p.x + float(i) * (box + 2) + box, p.y + 1 + box),
                                                theme::thread_color(ThreadId(i)));
    ImGui::Dummy(ImVec2(w, box));
  }

  // A colour square (hatched if hatch != 0; none if color == 0) and its text.
  void entry(ImU32 color, ImU32 hatch, const char* text, const char* tooltip = nullptr) {
    const float box = ImGui::GetTextLineHeight() - 2;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float w = (color != 0 ? box + spacing : 0) + ImGui::CalcTextSize(text).x;
    const bool wrap = x > 0 && x + kEntryGap + w > width;
    if (wrap) ++lines;
    if (draw && x > 0 && !wrap) ImGui::SameLine(0, kEntryGap);
    x = (wrap || x == 0 ? 0 : x + kEntryGap) + w;
    if (!draw) return;
    if (color != 0) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImDrawList& dl = *ImGui::GetWindowDrawList();
      dl.AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + box, p.y + 1 + box), color);
      if (hatch != 0)
        for (float d = 0; d < box; d += 4)
          dl.AddLine(ImVec2(p.x + d, p.y + 1 + box), ImVec2(p.x + box, p.y + 1 + d), hatch);
      ImGui::Dummy(ImVec2(box, box));
      ImGui::SameLine();
    }
    if (color == 0) ImGui::TextDisabled("%s", text);
    else ImGui::TextUnformatted(text);
    if (tooltip != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
  }
};

void entries(const ShownRun& run, Flow& flow) {
  const Scenario& scenario = run.scenario;
  flow.entry(0, 0, clamped_smt(scenario.machine) > 1 ? "CPUs:" : "Cores:");  // as the rows are named
  char text[96];
  if (scenario.threads.size() > kLegendThreads) {
    // Many threads: one entry, not a paragraph of names; each lane's name is beside it.
    flow.swatches(scenario.threads.size());
    std::snprintf(text, sizeof text, "%zu threads, one colour each (names beside their lanes)",
                  scenario.threads.size());
    flow.entry(0, 0, text);
  }
  for (ThreadId t = 0; t < scenario.threads.size() && scenario.threads.size() <= kLegendThreads; ++t) {
    const ThreadSpec& thread = scenario.threads[t];
    if (thread.process < scenario.processes.size() && scenario.processes.size() > 1)
      std::snprintf(text, sizeof text, "%s (process %s)", thread.name.c_str(),
                    scenario.processes[thread.process].name.c_str());
    else
      std::snprintf(text, sizeof text, "%s", thread.name.c_str());
    flow.entry(theme::thread_color(t), 0, text);
  }
  flow.entry(theme::kLaneIdle, 0, "idle");
  if (scenario.machine.switch_cost > 0)
    flow.entry(theme::kOverhead, theme::kOverheadHatch, "context switch cost");
  flow.entry(0, 0, "folded spans: bars of each one's share (zoom in for more)");

  // The thread rows: one entry per state that occurs in the run shown.
  if (run.states_seen == 0) return;
  flow.x = flow.width;  // on a line of their own
  flow.entry(0, 0, "Threads:");
  constexpr ThreadState kOrder[] = {ThreadState::Running, ThreadState::Ready, ThreadState::BlockedIo,
                                    ThreadState::Sleeping, ThreadState::BlockedLock, ThreadState::WaitingGil,
                                    ThreadState::BlockedJoin, ThreadState::BlockedReceive};
  for (ThreadState s : kOrder) {
    if ((run.states_seen & (1u << unsigned(s))) == 0) continue;
    // Running and Ready take each thread's colour; the first thread's stands for all.
    const char* label = s == ThreadState::Running ? "running: the thread's colour"
                        : s == ThreadState::Ready ? "ready: waiting for a core"
                                                  : state_name(s);
    flow.entry(theme::state_color(s, 0), s == ThreadState::Ready ? theme::ready_hatch(0) : 0, label,
               state_meaning(s));
  }
}

}  // namespace

void draw_legend(const ShownRun& run) {
  Flow flow{true, ImGui::GetContentRegionAvail().x};
  entries(run, flow);
}

float legend_height(const ShownRun& run, float width) {
  Flow flow{false, width};
  entries(run, flow);
  return float(flow.lines) * ImGui::GetTextLineHeightWithSpacing();
}

}  // namespace tl::app
