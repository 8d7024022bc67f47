#include "app/timeline/fold.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace tl::app {
namespace {

template <class Span>
std::span<const Span> visible_spans(std::span<const Span> lane, TimeNs t0, TimeNs t1) {
  if (t1 <= t0) return {};
  const auto first = std::partition_point(lane.begin(), lane.end(), [&](const Span& s) { return s.end <= t0; });
  const auto last = std::partition_point(first, lane.end(), [&](const Span& s) { return s.start < t1; });
  return {first, last};
}

// The first span from `from` on that starts at or after t. Galloping (1, 2, 4, ... spans ahead,
// then a binary search within the last step) touches memory near `from` only: folds proceed left
// to right, so at full zoom-out this reads each lane nearly in order, where a binary search over
// the rest of the lane would miss the cache at every step.
template <class Span>
std::size_t first_starting_at_or_after(std::span<const Span> spans, std::size_t from, TimeNs t) {
  std::size_t low = from;  // every span before low starts before t
  std::size_t step = 1;
  while (low + step <= spans.size() && spans[low + step - 1].start < t) {
    low += step;
    step *= 2;
  }
  const std::size_t high = std::min(spans.size(), low + step);
  return std::size_t(std::partition_point(spans.begin() + std::ptrdiff_t(low), spans.begin() + std::ptrdiff_t(high),
                                          [&](const Span& s) { return s.start < t; }) -
                     spans.begin());
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

// A fold (or a thin span) of one thread or state continues the previous fold of the same, when
// no more than a fold's width apart: one rectangle. Returns whether `rect` was absorbed.
bool join_previous(std::vector<FoldRect>& out, std::size_t first_out, const FoldRect& rect, double min_ns) {
  if (rect.mixed || out.size() <= first_out) return false;
  FoldRect& last = out.back();
  if (last.count > 1 && !last.mixed && last.thread == rect.thread && last.state == rect.state &&
      last.overhead == rect.overhead && double(rect.start - last.end) < min_ns) {
    last.end = rect.end;
    last.count += rect.count;
    return true;
  }
  return false;
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

// Folding from a lane's summary (see lane_lod.h): buckets in order, each at most half a fold
// wide. A bucket covered whole by one span a fold would not hide draws that span itself (its
// exact ends from the lane); runs of other buckets become folds of about kFoldPx, summarised
// by the three largest parts of their buckets.
template <class Span, class Traits>
void fold_buckets(std::span<const Span> lane, const LaneLod& lod, const LodLevel& level, const TimelineContext& ctx,
                  std::vector<FoldRect>& out, TimelineStats& stats, const Traits& traits) {
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const TimeNs window = std::max<TimeNs>(1, TimeNs(std::ceil(min_ns)));
  const TimeNs width = level.width;
  const std::size_t first_out = out.size();
  const std::size_t end_bucket = std::min(level.buckets.size(), std::size_t(std::max<TimeNs>(0, ctx.t1 + width - 1) / width));

  bool open = false;
  TimeNs start = 0, end = 0, floor = std::numeric_limits<TimeNs>::min();
  std::uint32_t count = 0;
  KindTally tally(lod.kinds);
  const Span* wide = nullptr;  // the last span drawn as itself, until the bucket holding its end
  // Removes from the fold the time [from, to) of a span drawn as itself.
  const auto take_away = [&](const FoldPart& part, TimeNs from, TimeNs to) {
    if (to > from) tally.take_away(lod.kind_of(part.thread, part.state, part.overhead), float(to - from));
  };
  const auto close = [&](TimeNs limit) {
    if (!open) return;
    open = false;
    end = std::min(end, limit);
    if (end <= start) return;
    LodPart top[3];
    const int parts = tally.top3(top);
    FoldRect rect = make_rect(start, end, top[0].thread, top[0].overhead, top[0].state);
    rect.count = std::max<std::uint32_t>(1, count);
    const bool fold = rect.count > 1 || parts > 1;
    if (fold) {
      const float per_ns = 1.0f / float(end - start);
      for (int k = 0; k < 3; ++k)
        if (top[k].ns > 0) rect.parts[k] = {top[k].thread, top[k].state, top[k].overhead, std::min(1.0f, top[k].ns * per_ns)};
      rect.mixed = parts > 1;
    }
    if (join_previous(out, first_out, rect, min_ns)) {
      stats.spans_folded += rect.count;
      return;
    }
    out.push_back(rect);
    if (fold) {
      ++stats.folds_drawn;
      stats.spans_folded += rect.count;
    } else {
      ++stats.spans_drawn;
    }
  };

  for (std::size_t b = std::size_t(std::max<TimeNs>(0, ctx.t0) / width); b < end_bucket; ++b) {
    const LodBucket& bucket = level.buckets[b];
    if (bucket.empty()) {
      close(std::numeric_limits<TimeNs>::max());
      continue;
    }
    if (bucket.whole != LodBucket::kNoSpan && bucket.whole < lane.size()) {
      const Span& span = lane[bucket.whole];
      if (double(span.end - span.start) >= min_ns) {  // wide enough to be drawn as itself
        // The bucket before held its head: that time is not the fold's.
        if (open && b > 0) take_away(traits.part(span), span.start, TimeNs(b) * width);
        close(span.start);
        out.push_back(traits.rect(span));
        ++stats.spans_drawn;
        floor = span.end;
        wide = &span;
        b = std::max(b + 1, std::size_t(span.end / width)) - 1;  // on at the bucket holding its end
        continue;
      }
    }
    if (!open) {
      open = true;
      start = std::max(bucket.busy_start, floor);
      count = 0;
      tally.clear();
    }
    for (const LodPart& part : bucket.parts)
      if (part.ns > 0) tally.add(part.kind, part.ns);
    if (wide != nullptr && wide->end > TimeNs(b) * width) {  // this bucket holds the tail of the last wide span
      take_away(traits.part(*wide), TimeNs(b) * width, wide->end);
      wide = nullptr;
    }
    count += bucket.starts;
    end = bucket.busy_end;
    if (TimeNs(b + 1) * width - start >= window) close(std::numeric_limits<TimeNs>::max());
  }
  close(std::numeric_limits<TimeNs>::max());
}

// The one folding loop. Traits turn a span into a rectangle and into a fold part; everything
// about widths, windows and counting is here, once.
template <class Span, class Traits>
void fold_lane(std::span<const Span> lane, const LaneLod* lod, const TimelineContext& ctx, std::vector<FoldRect>& out,
               TimelineStats& stats, const Traits& traits) {
  const std::span<const Span> spans = visible_spans(lane, ctx.t0, ctx.t1);
  stats.spans_visible += spans.size();
  const double min_ns = double(kFoldPx) / ctx.px_per_ns;
  const TimeNs window = std::max<TimeNs>(1, TimeNs(std::ceil(min_ns)));
  if (lod != nullptr)
    if (const LodLevel* level = lod->level_for(min_ns)) {
      fold_buckets(lane, *lod, *level, ctx, out, stats, traits);
      return;
    }
  const auto thin = [min_ns](const Span& s) { return double(s.end - s.start) < min_ns; };
  const std::size_t first_out = out.size();

  std::size_t i = 0;
  while (i < spans.size()) {
    std::size_t next = i + 1;
    if (thin(spans[i])) {
      // The fold: the spans starting within one window of this one. Spans do not overlap, so a
      // wide span starting inside the window can only be its last: it stays itself.
      const TimeNs window_end = spans[i].start + window;
      next = first_starting_at_or_after(spans, i + 1, window_end);
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
    if ((count > 1 || thin(spans[i])) && join_previous(out, first_out, rect, min_ns)) {
      if (count > 1) {
        --stats.folds_drawn;
      } else {
        --stats.spans_drawn;
        ++stats.spans_folded;
      }
      i = next;
      continue;
    }
    out.push_back(rect);
    i = next;
  }
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
                TimelineStats& stats, const LaneLod* lod) {
  fold_lane(lane, lod, ctx, out, stats, CoreFold{});
}

void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats) {
  fold_lane(lane, nullptr, ctx, out, stats, StateFold{thread});
}

void fold_spans(std::span<const LaneStateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats, const LaneLod* lod) {
  fold_lane(lane, lod, ctx, out, stats, StateFold{thread});
}

}  // namespace tl::app
