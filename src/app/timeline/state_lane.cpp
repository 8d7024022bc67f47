#include "app/timeline/state_lane.h"

#include "app/format.h"
#include "app/theme.h"
#include "app/timeline/fold.h"

#include <algorithm>
#include <cmath>

namespace tl::app {
namespace {

const char* word_of(const StateSpan& s) { return state_short(s.state); }
const char* word_of(const LaneStateSpan& s) { return s.switching ? "switch" : state_short(s.state); }

template <class Span>
const char* text_at(std::span<const Span> lane, TimeNs t) {
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const Span& s) { return s.end <= t; });
  if (it != lane.end() && it->start <= t) return word_of(*it);
  // Outside its spans a lane has either not started yet (a forked or created thread, a task
  // whose loop has not begun) or finished.
  return !lane.empty() && t >= lane.back().end ? "done" : "";
}

}  // namespace

const char* state_text_at(std::span<const LaneStateSpan> lane, TimeNs t) { return text_at(lane, t); }
const char* state_text_at(std::span<const StateSpan> lane, TimeNs t) { return text_at(lane, t); }

const FoldRect* draw_state_rects(const TimelineContext& ctx, const std::vector<FoldRect>& rects, ThreadId thread) {
  const auto colour = [thread](ThreadState state, bool overhead) {
    return overhead ? theme::kOverhead : theme::state_color(state, thread);
  };
  // Waiting is drawn shorter than running, so the eye finds where the thread made progress.
  const float inset = std::floor((ctx.clip.Max.y - ctx.clip.Min.y) * 0.15f);
  const FoldRect* hovered = draw::rects(
      ctx, rects, theme::kThreadLane, [&](const FoldRect& r) { return colour(r.state, r.overhead); },
      [&](const FoldPart& part) { return colour(part.state, part.overhead); },
      [inset](const FoldRect& r) { return r.state == ThreadState::Running ? 0.0f : inset; });

  ImDrawList& dl = *ctx.draw;
  dl.PushClipRect(ctx.clip.Min, ctx.clip.Max, true);
  for (const FoldRect& rect : rects) {
    if (rect.mixed) continue;
    const draw::PixelSpan px = draw::to_pixels(rect, ctx);
    if (rect.overhead) {  // switching into the thread: hatched like the core's switch cost
      if (px.x1 - px.x0 >= 4) draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y, ctx.clip.Max.y, theme::kOverheadHatch);
      continue;
    }
    if (rect.state == ThreadState::Ready && px.x1 - px.x0 >= 4)
      draw::hatch(dl, px.x0, px.x1, ctx.clip.Min.y + inset, ctx.clip.Max.y - inset, theme::ready_hatch(thread));
    if (rect.state != ThreadState::Running)  // running needs no word: it is the colour
      draw::label(ctx, px.x0, px.x1, state_short(rect.state), colour(rect.state, false));
  }
  dl.PopClipRect();
  return hovered;
}

void state_tooltip(const FoldRect& rect, const char* who, const char* (*meaning)(ThreadState)) {
  if (rect.mixed) {
    ImGui::Text("%s: %u state changes folded (each under %.0f px): zoom in to see them", who, rect.count, kFoldPx);
    for (const FoldPart& part : rect.parts)
      if (part.share > 0)
        ImGui::Text("%3.0f%% %s", double(part.share) * 100.0, part.overhead ? "switching in" : state_name(part.state));
  } else if (rect.overhead) {
    const TimeText length = format_time(rect.end - rect.start);
    ImGui::Text("%s: a core switching to it for %s", who, length.c_str());
    ImGui::TextUnformatted("The context switch's cost: the core saves one thread and loads this one; no work yet.");
  } else {
    const TimeText length = format_time(rect.end - rect.start);
    ImGui::Text("%s %s for %s", who, state_name(rect.state), length.c_str());
    ImGui::TextUnformatted(meaning(rect.state));
    if (rect.count > 1) ImGui::TextDisabled("%u spans in a row, folded", rect.count);
  }
  draw::time_span_line(rect);
}

}  // namespace tl::app
