#include "app/timeline/fold.h"

namespace tl::app {
namespace {

// The one folding loop. Traits say how a span starts a rectangle and how a further thin span
// joins one; everything about widths, gaps and counting is here, once.
template <class Span, class Traits>
void fold_lane(std::span<const Span> lane, const TimelineContext& ctx, std::vector<FoldRect>& out,
               TimelineStats& stats, const Traits& traits) {
  const std::span<const Span> spans = visible(lane, ctx.t0, ctx.t1);
  stats.spans_visible += spans.size();
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const auto thin = [min_ns](const Span& s) { return double(s.end - s.start) < min_ns; };

  std::size_t i = 0;
  while (i < spans.size()) {
    FoldRect rect = traits.first(spans[i]);
    std::size_t next = i + 1;
    if (thin(spans[i])) {
      while (next < spans.size() && thin(spans[next]) && double(spans[next].start - rect.end) < min_ns) {
        traits.join(rect, spans[next]);
        rect.end = spans[next].end;
        ++rect.count;
        ++next;
      }
    }
    if (rect.count == 1) {
      ++stats.spans_drawn;
    } else {
      ++stats.folds_drawn;
      stats.spans_folded += rect.count;
    }
    out.push_back(rect);
    i = next;
  }
}

struct CoreFold {
  FoldRect first(const CoreSpan& s) const {
    return {s.start, s.end, s.thread, 1, s.kind == CoreSpanKind::Overhead, ThreadState::Running, false};
  }
  void join(FoldRect& rect, const CoreSpan& s) const {
    if (s.thread != rect.thread) {
      rect.thread = kNoThread;
      rect.mixed = true;
    }
    rect.overhead = rect.overhead && s.kind == CoreSpanKind::Overhead;
  }
};

struct StateFold {
  ThreadId thread;
  FoldRect first(const StateSpan& s) const { return {s.start, s.end, thread, 1, false, s.state, false}; }
  void join(FoldRect& rect, const StateSpan& s) const { rect.mixed = rect.mixed || s.state != rect.state; }
};

}  // namespace

void fold_spans(std::span<const CoreSpan> lane, const TimelineContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats) {
  fold_lane(lane, ctx, out, stats, CoreFold{});
}

void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats) {
  fold_lane(lane, ctx, out, stats, StateFold{thread});
}

}  // namespace tl::app
