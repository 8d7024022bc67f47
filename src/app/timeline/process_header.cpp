#include "app/timeline/process_header.h"

#include "app/theme.h"

#include <algorithm>
#include <cmath>

namespace tl::app {
namespace {

std::string kb_text(std::uint64_t kb) {  // thousands separated: "2,048 KB"
  const std::string digits = std::to_string(kb);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text += " KB";
}

}  // namespace

const char* origin_words(ProcessOrigin origin) {
  switch (origin) {
    case ProcessOrigin::Initial: return "initial process";
    case ProcessOrigin::Forked: return "forked process";
    case ProcessOrigin::Spawned: return "spawned process";
    case ProcessOrigin::ForkServer: return "process from the fork server";
  }
  return "process";
}

std::string process_summary(const Scenario& scenario, const RunResult& result, ProcessId process, TimeNs t) {
  std::string text = process < scenario.processes.size() ? origin_words(scenario.processes[process].origin) : "process";
  if (process >= result.trace.memory.size() || result.trace.memory[process].empty()) return text;
  const MemoryLane& lane = result.trace.memory[process];
  // The sample in force at t: the last one at or before it.
  const auto after = std::upper_bound(lane.begin(), lane.end(), t,
                                      [](TimeNs time, const MemorySample& s) { return time < s.time; });
  if (after == lane.begin()) return text += ", not started yet";
  const MemorySample& at = *(after - 1);
  // A process's memory drops to nothing when it ends, and never comes back.
  if (after == lane.end() && lane.size() > 1 && at.resident_kb == 0) return text += ", exited";
  ((text += ", resident ") += kb_text(at.resident_kb)) += ", private ";
  return text += kb_text(at.private_kb);
}

namespace {

float baseline(const ImRect& row) { return std::floor(row.Max.y - ImGui::GetTextLineHeight() - 3); }
float rule_y(const ImRect& row) { return std::floor(row.Min.y + 2) + 0.5f; }

}  // namespace

const FoldRect* ProcessHeader::draw(const TimelineContext& ctx, std::vector<FoldRect>&, TimelineStats&) const {
  ImDrawList& dl = *ctx.draw;
  // The axis grid stops here: the header's words stay clear of its lines.
  dl.AddRectFilled(ImVec2(ctx.clip.Min.x - 1, ctx.clip.Min.y), ImVec2(ctx.clip.Max.x + 1, ctx.clip.Max.y - 1),
                   ImGui::GetColorU32(ImGuiCol_ChildBg));
  dl.AddLine(ImVec2(ctx.clip.Min.x, rule_y(ctx.clip)), ImVec2(ctx.clip.Max.x, rule_y(ctx.clip)), theme::kGrid);
  const std::string summary = process_summary(ctx.run->scenario, *ctx.run->result, process_, ctx.playhead);
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  dl.AddText(ImVec2(ctx.clip.Min.x, baseline(ctx.clip)), theme::kDimText, summary.c_str());
  dl.PopClipRect();
  return nullptr;
}

void ProcessHeader::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  const Scenario& scenario = ctx.run->scenario;
  const char* name = process_ < scenario.processes.size() ? scenario.processes[process_].name.c_str() : "?";
  ImDrawList& dl = *ctx.draw;
  dl.AddLine(ImVec2(row.Min.x, rule_y(row)), ImVec2(row.Max.x + 8, rule_y(row)), theme::kGrid);
  draw::fitted_text(dl, ImVec2(row.Min.x, baseline(row)), theme::kAccent, name, row.GetWidth());
}

void ProcessHeader::record(TimelineLayout& layout, const Rect& lane) const {
  if (process_ < layout.process_rows.size()) layout.process_rows[process_] = lane;
}

}  // namespace tl::app
