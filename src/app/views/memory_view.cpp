// [SECTION] Keeping the replay and layout at the playhead
// [SECTION] Drawing: legend, columns, threads, messages, hover
#include "app/views/memory_view.h"

#include "app/format.h"
#include "app/render/page_draw.h"
#include "app/views/playhead_bar.h"
#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>

namespace tl::app {

std::string format_kb(std::uint64_t kb) {
  char text[32];
  if (kb >= 1024 * 1024) std::snprintf(text, sizeof text, "%.1f GB", double(kb) / (1024.0 * 1024.0));
  else if (kb >= 1024) std::snprintf(text, sizeof text, "%.1f MB", double(kb) / 1024.0);
  else std::snprintf(text, sizeof text, "%llu KB", static_cast<unsigned long long>(kb));
  return text;
}

namespace {

bool inside(const Rect& r, ImVec2 p) { return p.x >= r.x0 && p.x < r.x1 && p.y >= r.y0 && p.y < r.y1; }

const char* origin_text(PageOrigin origin) {
  switch (origin) {
    case PageOrigin::Mapped: return "mapped fresh";
    case PageOrigin::Mapping: return "mapped from another process's region";
    case PageOrigin::Forked: return "inherited by fork";
    case PageOrigin::Copied: return "copied by a write (copy-on-write fault)";
  }
  return "?";
}

std::string segment_name(const ShownRun& run, const MemorySegment& s) {
  switch (s.kind) {
    case RegionKind::Stack:
      return s.tag < run.thread_labels.size() ? "stack of " + run.thread_labels[s.tag] : std::string("stack (no thread)");
    case RegionKind::Shared:
      return s.tag < run.scenario.shared_memory.size() ? "shm " + run.scenario.shared_memory[s.tag].name : std::string("shm");
    default: return to_string(s.kind);
  }
}

std::string process_name(const ShownRun& run, ProcessId p) {
  return p < run.scenario.processes.size() ? run.scenario.processes[p].name : "process " + std::to_string(p);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Keeping the replay and layout at the playhead
// ---------------------------------------------------------------------------------------------
void MemoryView::sync(const ShownRun& run, TimeNs playhead, const Rect& area, float line_h) {
  if (result_ != run.result || !scene_.ready()) {
    result_ = run.result;
    scene_.reset(result_->trace.pages);
  }
  MemoryLayoutInput in;
  in.area = area;
  in.label_h = line_h;
  in.header_h = 3 * line_h + 4;
  in.gutter_w = std::clamp(std::floor((area.x1 - area.x0) * 0.05f), 34.0f, 64.0f);
  in.column_gap = 10;
  // Pages that changed shine and fade over a fortieth of the run (a quarter second at 1x).
  const TimeNs fade = std::max<TimeNs>(1, result_->trace.makespan / 40);
  scene_.update(playhead, fade, std::uint32_t(run.scenario.processes.size()), in);
}

std::vector<std::array<std::size_t, kPageLooks>> MemoryView::look_counts() const {
  const MemoryLayout& layout = scene_.layout();
  const PageBatch& batch = scene_.batch();
  std::vector<std::array<std::size_t, kPageLooks>> out(layout.columns.size());
  std::size_t next = 0;
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    out[c].fill(0);
    if (!layout.columns[c].alive) continue;
    for (const MemorySegment& s : layout.columns[c].segments)
      for (std::uint32_t i = 0; i < s.pages && next < batch.instances.size(); ++i, ++next) {
        const std::uint32_t look = batch.instances[next].style & 0xFF;
        if (look < kPageLooks) ++out[c][look];
      }
  }
  return out;
}

void step_page_event(const ShownRun& run, Playback& playback, int direction) {
  const std::vector<PageEvent>& events = run.result->trace.pages.events;
  const TimeNs now = playback.playhead;
  TimeNs to = now;
  if (direction > 0) {
    const auto next = std::upper_bound(events.begin(), events.end(), now,
                                       [](TimeNs t, const PageEvent& e) { return t < e.time; });
    if (next != events.end()) to = next->time;
  } else {
    const auto first_at = std::lower_bound(events.begin(), events.end(), now,
                                           [](const PageEvent& e, TimeNs t) { return e.time < t; });
    if (first_at != events.begin()) to = std::prev(first_at)->time;
  }
  playback.playhead = to;
  playback.playing = false;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------------------------
namespace {

Rect draw_legend() {
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float box = ImGui::GetTextLineHeight() - 2;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (int i = 0; i < kPageLooks; ++i) {
    const char* text = to_string(PageLook(i));
    const float w = box + 4 + ImGui::CalcTextSize(text).x;
    if (i > 0) {
      ImGui::SameLine(0, 14);
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + box, p.y + 1 + box),
                                              theme::rgb(kPageLookRgb[std::size_t(i)]));
    ImGui::Dummy(ImVec2(box + 4, box));
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(text);
  }
  const ImVec2 end = ImGui::GetItemRectMax();
  return {start.x, start.y, right, end.y};
}

}  // namespace

void MemoryView::draw_columns(const ShownRun& run, ImDrawList& list) const {
  const float line_h = ImGui::GetTextLineHeight();
  const MemoryLayout& layout = scene_.layout();
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const MemoryColumn& column = layout.columns[c];
    const Rect& r = column.rect;
    list.AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), theme::kThreadLane, 3.0f);
    list.PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
    std::string name = process_name(run, column.process);
    const TimeNs exited = scene_.exit_time(column.space);
    if (!column.alive) name += exited >= 0 ? " (exited at " + std::string(format_time(exited).c_str()) + ")" : " (exited)";
    list.AddText(ImVec2(r.x0 + 4, r.y0 + 2), theme::kTitle, name.c_str());
    if (!column.alive) {  // an empty column says why, and how to see what it held
      list.AddText(ImVec2(r.x0 + 4, r.y0 + 2 + line_h), theme::kDimText, "its memory was freed when it exited:");
      list.AddText(ImVec2(r.x0 + 4, r.y0 + 2 + 2 * line_h), theme::kDimText, "drag the playhead back to see its pages");
    }
    if (column.alive) {
      const SmapsFigures& f = scene_.smaps()[c];
      const std::string rss = "Rss " + format_kb(f.rss_kb) + "  Pss " + format_kb(f.pss_kb);
      const std::string split = "Private " + format_kb(f.private_clean_kb + f.private_dirty_kb) + "  Shared " +
                                format_kb(f.shared_clean_kb + f.shared_dirty_kb);
      list.AddText(ImVec2(r.x0 + 4, r.y0 + 2 + line_h), theme::kText, rss.c_str());
      list.AddText(ImVec2(r.x0 + 4, r.y0 + 2 + 2 * line_h), theme::kDimText, split.c_str());
    }
    for (const MemorySegment& s : column.segments) {
      const std::string label = segment_name(run, s) + "  " + format_kb(std::uint64_t(s.pages) * kPageKb);
      list.AddText(ImVec2(s.label.x0, s.label.y0), theme::kDimText, label.c_str());
    }
    list.PopClipRect();
  }
}

void MemoryView::draw_threads(const ShownRun& run, ImDrawList& list) const {
  for (const MemoryColumn& column : scene_.layout().columns) {
    const MemorySegment* heap = nullptr;
    for (const MemorySegment& s : column.segments)
      if (s.kind == RegionKind::Heap && heap == nullptr) heap = &s;
    for (const MemorySegment& s : column.segments) {
      if (s.kind != RegionKind::Stack || s.tag >= run.thread_labels.size()) continue;
      const ImU32 color = theme::thread_color(ThreadId(s.tag));
      const ImVec2 a(column.gutter.x0 + 3, s.label.y0), b(column.gutter.x1 - 8, s.label.y1);
      list.AddRectFilled(a, b, color, 3.0f);
      list.PushClipRect(a, b, true);
      list.AddText(ImVec2(a.x + 3, a.y), theme::text_on(color), run.thread_labels[s.tag].c_str());
      list.PopClipRect();
      // The thread's own stack: an arrow to its caption.
      const float mid = (a.y + b.y) * 0.5f;
      list.AddLine(ImVec2(b.x, mid), ImVec2(s.label.x0 - 1, mid), color, 1.5f);
      list.AddTriangleFilled(ImVec2(s.label.x0, mid), ImVec2(s.label.x0 - 5, mid - 3), ImVec2(s.label.x0 - 5, mid + 3), color);
      // The heap every thread of the process shares: a curve from each thread to it.
      if (heap != nullptr) {
        const float heap_mid = (heap->label.y0 + heap->label.y1) * 0.5f;
        const ImVec2 from(a.x + 4, a.y), to(heap->label.x0 - 1, heap_mid);
        list.AddBezierCubic(from, ImVec2(from.x, heap_mid), ImVec2(to.x - 12, heap_mid), to, color, 1.2f);
        list.AddTriangleFilled(ImVec2(to.x + 1, to.y), ImVec2(to.x - 4, to.y - 3), ImVec2(to.x - 4, to.y + 3), color);
      }
    }
  }
}

void MemoryView::draw_messages(const ShownRun& run, TimeNs playhead, ImDrawList& list) {
  view_.messages.clear();
  const Scenario& sc = run.scenario;
  const MemoryLayout& layout = scene_.layout();
  const auto column_of = [&](ThreadId t) -> const MemoryColumn* {
    if (t >= sc.threads.size()) return nullptr;
    for (const MemoryColumn& c : layout.columns)
      if (c.process == sc.threads[t].process && c.alive) return &c;
    return nullptr;
  };
  const auto chip_of = [&](const MemoryColumn& c, ThreadId t) -> ImVec2 {
    for (const MemorySegment& s : c.segments)
      if (s.kind == RegionKind::Stack && s.tag == t) return ImVec2(c.gutter.x1 - 8, (s.label.y0 + s.label.y1) * 0.5f);
    return ImVec2(c.gutter.x1, c.header.y1);
  };
  const float line_h = ImGui::GetTextLineHeight();
  for (const MessageRecord& m : result_->trace.messages) {
    if (m.sent > playhead || m.taken <= playhead) continue;
    const MemoryColumn* from = column_of(m.sender);
    const MemoryColumn* to = column_of(m.receiver);
    if (from == nullptr || to == nullptr) continue;
    const float f = float(double(playhead - m.sent) / double(std::max<TimeNs>(1, m.taken - m.sent)));
    const bool copy = m.channel < sc.channels.size() && sc.channels[m.channel].kind != ChannelKind::Queue;
    const ImU32 color = theme::thread_color(m.sender);
    if (copy) {
      // A copy travels: a parcel of the sender's colour moves from its column to the other.
      const ImVec2 a((from->rect.x0 + from->rect.x1) * 0.5f, from->header.y1 + line_h);
      const ImVec2 b((to->rect.x0 + to->rect.x1) * 0.5f, to->header.y1 + line_h);
      list.AddLine(a, b, theme::kDimText, 1.0f);
      const ImVec2 p(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
      const std::string text = "copy " + format_kb((m.bytes + 1023) / 1024);
      const ImVec2 size = ImGui::CalcTextSize(text.c_str());
      const Rect box{p.x - size.x * 0.5f - 4, p.y - size.y * 0.5f - 2, p.x + size.x * 0.5f + 4, p.y + size.y * 0.5f + 2};
      list.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), color, 3.0f);
      list.AddText(ImVec2(box.x0 + 4, box.y0 + 2), theme::text_on(color), text.c_str());
      view_.messages.push_back({box, true});
    } else {
      // A reference: the receiver is pointed at the object the sender made; nothing moves.
      const ImVec2 a = chip_of(*from, m.sender), b = chip_of(*to, m.receiver);
      const ImVec2 c(std::max(a.x, b.x) + 24, (a.y + b.y) * 0.5f);
      list.AddBezierQuadratic(a, c, b, color, 1.5f);
      const ImVec2 label(c.x - 6, c.y - line_h * 0.5f);
      list.AddText(label, color, "ref");
      view_.messages.push_back({{label.x, label.y, label.x + 24, label.y + line_h}, false});
    }
  }
}

void MemoryView::draw_hover(const ShownRun& run) const {
  if (!ImGui::IsWindowHovered()) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const MemoryLayout& layout = scene_.layout();
  const MemoryReplay* replay = &scene_.replay();
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const MemoryColumn& column = layout.columns[c];
    if (!column.alive || !inside(column.header, mouse)) continue;
    const SmapsFigures& f = scene_.smaps()[c];
    ImGui::BeginTooltip();
    ImGui::Text("%s, as /proc/PID/smaps sums it:", process_name(run, column.process).c_str());
    ImGui::Text("Rss %llu kB   Pss %llu kB", static_cast<unsigned long long>(f.rss_kb),
                static_cast<unsigned long long>(f.pss_kb));
    ImGui::Text("Shared_Clean %llu kB   Shared_Dirty %llu kB", static_cast<unsigned long long>(f.shared_clean_kb),
                static_cast<unsigned long long>(f.shared_dirty_kb));
    ImGui::Text("Private_Clean %llu kB   Private_Dirty %llu kB", static_cast<unsigned long long>(f.private_clean_kb),
                static_cast<unsigned long long>(f.private_dirty_kb));
    ImGui::TextUnformatted("Pss counts a page shared by n processes as 1/n of it.");
    ImGui::EndTooltip();
    return;
  }
  PageHit hit;
  if (!hit_page(layout, mouse.x, mouse.y, hit)) return;
  const MemoryColumn& column = layout.columns[hit.column];
  const MemorySegment& seg = column.segments[hit.segment];
  const std::span<const PageMapRegion> regions = replay->map().regions(column.space);
  if (seg.region >= regions.size() || hit.page >= regions[seg.region].frames.size()) return;
  const std::uint32_t frame = regions[seg.region].frames[hit.page];
  const std::span<const PageNote> notes = replay->notes(column.space, seg.region);

  const float cell = layout.cell;
  const float x = seg.cells.x0 + float(hit.page % seg.per_row) * cell, y = seg.cells.y0 + float(hit.page / seg.per_row) * cell;
  ImGui::GetForegroundDrawList()->AddRect(ImVec2(x - 1, y - 1), ImVec2(x + cell + 1, y + cell + 1), theme::kPlayhead);

  ImGui::BeginTooltip();
  ImGui::Text("%s: %s, page %u", process_name(run, column.process).c_str(), segment_name(run, seg).c_str(), hit.page);
  ImGui::Text("%s (frame #%u)", to_string(replay->look(column.space, seg.region, hit.page)), frame);
  if (hit.page < notes.size())
    ImGui::Text("since %s: %s", format_time(notes[hit.page].since).c_str(), origin_text(notes[hit.page].origin));
  ImGui::TextUnformatted("mapped by:");
  const PageMap& map = replay->map();
  const std::vector<ProcessId>& owners = result_->trace.pages.space_process;
  for (AddressSpaceId s = 0; s < map.space_count(); ++s) {
    if (!map.alive(s)) continue;
    const std::span<const PageMapRegion> rs = map.regions(s);
    for (RegionId r = 0; r < rs.size(); ++r) {
      if (!rs[r].mapped) continue;
      const auto it = std::find(rs[r].frames.begin(), rs[r].frames.end(), frame);
      if (it == rs[r].frames.end()) continue;
      const std::string who = s < owners.size() ? process_name(run, owners[s]) : "space " + std::to_string(s);
      ImGui::BulletText("%s, %s page %u", who.c_str(), to_string(rs[r].kind), unsigned(it - rs[r].frames.begin()));
    }
  }
  ImGui::EndTooltip();
}

void MemoryView::draw(const ShownRun& run, Playback& playback, ImVec2 size) {
  ImGui::BeginChild("memory", size, false, ImGuiWindowFlags_NoScrollbar);
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_page_event(run, playback, +1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_page_event(run, playback, -1);
  }
  view_.scrub = draw_playhead_bar(playback, run.result->trace.makespan);
  view_.legend = draw_legend();
  if (!page_renderer_problem().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextWrapped("Pages cannot be drawn: %s", page_renderer_problem().c_str());
    ImGui::PopStyleColor();
  }
  // The columns scroll under the legend and the slider when even the smallest cells do not fit.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("columns", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  view_.area = {p.x, p.y, p.x + std::max(1.0f, avail.x), p.y + std::max(1.0f, avail.y)};
  sync(run, playback.playhead, view_.area, ImGui::GetTextLineHeight());

  ImDrawList& list = *ImGui::GetWindowDrawList();
  if (scene_.layout().columns.empty())
    list.AddText(p, theme::kDimText, "No process has started yet at the playhead.");
  draw_columns(run, list);
  add_page_batch(list, scene_.batch());
  draw_threads(run, list);
  draw_messages(run, playback.playhead, list);
  ImGui::Dummy(ImVec2(std::max(1.0f, avail.x), std::max({1.0f, avail.y, scene_.layout().height})));
  draw_hover(run);
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace tl::app
