#include "app/timeline/fold.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tl::app {
namespace {

template <class Span>
std::span<const Span> visible_spans(std::span<const Span> lane, TimeNs t0, TimeNs t1) {
  if (t1 <= t0) return {};
  const auto first = std::partition_point(lane.begin(), lane.end(), [&](const Span& s) { return s.end <= t0; });
  const auto last = std::partition_point(first, lane.end(), [&](const Span& s) { return s.start < t1; });
  return {first, last};
}

// The parts of a fold, by time. A fold rarely holds more than a few threads or states; past
// kMaxParts the rest is left out of the summary (it shows the two largest only).
struct Tally {
  static constexpr int kMaxParts = 8;
  FoldPart parts[kMaxParts];
  double time[kMaxParts] = {};
  int size = 0;

  void add(const FoldPart& part, double ns) {
    for (int i = 0; i < size; ++i)
      if (parts[i].thread == part.thread && parts[i].state == part.state && parts[i].overhead == part.overhead) {
        time[i] += ns;
        return;
      }
    if (size == kMaxParts) return;
    parts[size] = part;
    time[size++] = ns;
  }
};

// The one folding loop. Traits turn a span into a rectangle and into a fold part; everything
// about widths, windows and counting is here, once.
template <class Span, class Traits>
void fold_lane(std::span<const Span> lane, const TimelineContext& ctx, std::vector<FoldRect>& out,
               TimelineStats& stats, const Traits& traits) {
  const std::span<const Span> spans = visible_spans(lane, ctx.t0, ctx.t1);
  stats.spans_visible += spans.size();
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const TimeNs window = std::max<TimeNs>(1, TimeNs(std::ceil(min_ns)));
  const auto thin = [min_ns](const Span& s) { return double(s.end - s.start) < min_ns; };
  const std::size_t first_out = out.size();

  std::size_t i = 0;
  while (i < spans.size()) {
    std::size_t next = i + 1;
    if (thin(spans[i])) {
      // The fold: the spans starting within one window of this one. Spans do not overlap, so a
      // wide span starting inside the window can only be its last: it stays itself.
      const TimeNs window_end = spans[i].start + window;
      next = std::size_t(std::partition_point(spans.begin() + std::ptrdiff_t(i) + 1, spans.end(),
                                              [&](const Span& s) { return s.start < window_end; }) -
                         spans.begin());
      if (next - 1 > i && !thin(spans[next - 1])) --next;
    }
    const std::size_t count = next - i;
    FoldRect rect = traits.rect(spans[i]);
    if (count > 1) {
      rect.count = std::uint32_t(count);
      rect.end = spans[next - 1].end;
      // The summary from at most kFoldSamples spans, evenly spread, weighted by their length.
      Tally tally;
      const std::size_t step = (count + kFoldSamples - 1) / kFoldSamples;
      for (std::size_t k = i; k < next; k += step) tally.add(traits.part(spans[k]), double(spans[k].end - spans[k].start));
      constexpr int kParts = int(std::size(FoldRect{}.parts));
      int top[kParts];
      std::fill(std::begin(top), std::end(top), -1);
      for (int k = 0; k < tally.size; ++k) {  // insertion into the few largest
        int at = kParts;
        while (at > 0 && (top[at - 1] < 0 || tally.time[k] > tally.time[top[at - 1]])) --at;
        if (at == kParts) continue;
        for (int m = kParts - 1; m > at; --m) top[m] = top[m - 1];
        top[at] = k;
      }
      const double length = double(rect.end - rect.start) / double(step);  // sampled time scale
      for (int k = 0; k < kParts; ++k)
        if (top[k] >= 0) {
          rect.parts[k] = tally.parts[top[k]];
          rect.parts[k].share = float(std::min(1.0, tally.time[top[k]] / length));
        }
      rect.mixed = tally.size > 1;
      traits.take(rect, rect.parts[0]);
      ++stats.folds_drawn;
      stats.spans_folded += count;
    } else {
      ++stats.spans_drawn;
    }
    // A fold (or a thin span) of one thread or state continues the previous fold of the same:
    // one rectangle.
    if ((count > 1 || thin(spans[i])) && !rect.mixed && out.size() > first_out) {
      FoldRect& last = out.back();
      if (last.count > 1 && !last.mixed && last.thread == rect.thread && last.state == rect.state &&
          last.overhead == rect.overhead && double(rect.start - last.end) < min_ns) {
        last.end = rect.end;
        last.count += rect.count;
        if (count > 1) {
          --stats.folds_drawn;
        } else {
          --stats.spans_drawn;
          ++stats.spans_folded;
        }
        i = next;
        continue;
      }
    }
    out.push_back(rect);
    i = next;
  }
}

FoldRect make_rect(TimeNs start, TimeNs end, ThreadId thread, bool overhead, ThreadState state) {
  FoldRect rect;
  rect.start = start;
  rect.end = end;
  rect.thread = thread;
  rect.count = 1;
  rect.overhead = overhead;
  rect.state = state;
  rect.mixed = false;
  return rect;
}

struct CoreFold {
  FoldRect rect(const CoreSpan& s) const {
    return make_rect(s.start, s.end, s.thread, s.kind == CoreSpanKind::Overhead, ThreadState::Running);
  }
  FoldPart part(const CoreSpan& s) const { return {s.thread, ThreadState::Running, s.kind == CoreSpanKind::Overhead, 0}; }
  void take(FoldRect& rect, const FoldPart& top) const {
    rect.thread = top.thread;
    rect.overhead = top.overhead;
  }
};

struct StateFold {
  ThreadId thread;
  FoldRect rect(const StateSpan& s) const { return make_rect(s.start, s.end, thread, false, s.state); }
  FoldRect rect(const LaneStateSpan& s) const { return make_rect(s.start, s.end, thread, s.switching, s.state); }
  FoldPart part(const StateSpan& s) const { return {thread, s.state, false, 0}; }
  FoldPart part(const LaneStateSpan& s) const { return {thread, s.state, s.switching, 0}; }
  void take(FoldRect& rect, const FoldPart& top) const {
    rect.state = top.state;
    rect.overhead = top.overhead;
  }
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

void fold_spans(std::span<const LaneStateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats) {
  fold_lane(lane, ctx, out, stats, StateFold{thread});
}

}  // namespace tl::app
