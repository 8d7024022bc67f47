#include "app/timeline/core_lane.h"

#include "app/theme.h"
#include "app/timeline/fold.h"

#include <algorithm>

namespace tl::app {
namespace {

constexpr float kChipOffset = 62.0f;  // after "core 15"; SMT's longer names push the chip right

ImU32 rect_color(const FoldRect& rect) { return rect.overhead ? theme::kOverhead : theme::thread_color(rect.thread); }

ImU32 part_color(const FoldPart& part) { return part.overhead ? theme::kOverhead : theme::thread_color(part.thread); }

}  // namespace

const FoldRect* CoreLane::draw(const TimelineContext& ctx, std::vector<FoldRect>& scratch,
                               TimelineStats& stats) const {
  scratch.clear();
  const auto& lods = ctx.run->lod.cores;
  fold_spans(ctx.run->result->trace.cores[core_], ctx, scratch, stats, core_ < lods.size() ? &lods[core_] : nullptr);
  const FoldRect* hovered = draw::rects(ctx, scratch, theme::kLaneIdle, rect_color, part_color, [](const FoldRect&) { return 0.0f; });

  // Decorations only where there is room: names inside wide spans, hatching on switch costs.
  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : scratch) {
    const draw::PixelSpan px = draw::to_pixels(rect, ctx);
    if (rect.mixed) continue;
    if (rect.overhead) {
      if (px.x1 - px.x0 >= 4) draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y, ctx.clip.Max.y, theme::kOverheadHatch);
    } else if (!rect.mixed && rect.thread < ctx.run->thread_labels.size()) {  // one thread's
      draw::label(ctx, px.x0, px.x1, ctx.thread_label(rect.thread), rect_color(rect));
    }
  }
  dl.PopClipRect();
  return hovered;
}

// The core's name and, at the playhead, the thread it is running: the animated part.
void CoreLane::draw_gutter(const TimelineContext& ctx, const ImRect& row) const {
  ImDrawList& dl = *ctx.draw;
  const float y = draw::text_y(row);
  dl.PushClipRect(row.Min, row.Max, true);
  dl.AddText(ImVec2(row.Min.x, y), theme::kDimText, ctx.core_label(core_));

  // Every lane's chip in one column, right of the longest label (the last lane's numbers are the widest).
  const char* widest = ctx.run->core_labels.empty() ? "" : ctx.run->core_labels.back().c_str();

  const auto at = visible(std::span<const CoreSpan>(ctx.run->result->trace.cores[core_]), ctx.playhead, ctx.playhead + 1);
  const float chip_x = row.Min.x + std::max(kChipOffset, ImGui::CalcTextSize(widest).x + 10.0f);
  if (at.empty()) {
    dl.AddText(ImVec2(chip_x, y), theme::kDimText, "idle");
  } else {
    const CoreSpan& span = at.front();
    const bool overhead = span.kind == CoreSpanKind::Overhead;
    dl.AddRectFilled(ImVec2(chip_x, y + 2), ImVec2(chip_x + 9, y + 11),
                     overhead ? theme::kOverheadHatch : theme::thread_color(span.thread));
    draw::fitted_text(dl, ImVec2(chip_x + 14, y), theme::kTitle, overhead ? "switch" : ctx.thread_label(span.thread),
                      row.Max.x - chip_x - 14);
  }
  dl.PopClipRect();
}

void CoreLane::tooltip(const TimelineContext& ctx, const FoldRect& rect) const {
  if (rect.mixed) {
    ImGui::Text("%u spans folded (each under %.0f px): zoom in to see them", rect.count, kFoldPx);
    for (const FoldPart& part : rect.parts)
      if (part.share > 0)
        ImGui::Text(part.overhead ? "%3.0f%% switching to %s" : "%3.0f%% %s", double(part.share) * 100.0,
                    ctx.thread_label(part.thread));
  } else if (rect.count > 1) {
    ImGui::Text(rect.overhead ? "%u context switches to %s" : "%u spans of %s running", rect.count,
                ctx.thread_label(rect.thread));
  } else {
    ImGui::Text(rect.overhead ? "context switch to %s" : "%s running", ctx.thread_label(rect.thread));
  }
  draw::time_span_line(rect);
}

void CoreLane::record(TimelineLayout& layout, const Rect& lane) const {
  if (core_ < layout.core_lanes.size()) layout.core_lanes[core_] = lane;
}

}  // namespace tl::app
