#include "app/state/lane_lod.h"

#include <algorithm>
#include <unordered_map>

namespace tl::app {

KindTally::KindTally(const std::vector<LodPart>& kinds) : kinds_(kinds) {
  std::fill(std::begin(ns_), std::end(ns_), 0.0f);
  std::fill(std::begin(listed_), std::end(listed_), false);
}

int KindTally::top3(LodPart (&out)[3]) const {
  // Kind indices and times only while selecting: copying whole parts at every step was a
  // measurable share of a zoomed-out frame.
  float best[3] = {0, 0, 0};
  std::uint8_t kind_of[3] = {0, 0, 0};
  int with_time = 0;
  for (int k = 0; k < size_; ++k) {
    const std::uint8_t kind = used_[k];
    const float ns = ns_[kind];
    if (ns <= 0) continue;
    ++with_time;
    if (ns <= best[2]) continue;  // best[2] is 0 while a place is free
    if (ns > best[1]) {
      best[2] = best[1];
      kind_of[2] = kind_of[1];
      if (ns > best[0]) {
        best[1] = best[0];
        kind_of[1] = kind_of[0];
        best[0] = ns;
        kind_of[0] = kind;
      } else {
        best[1] = ns;
        kind_of[1] = kind;
      }
    } else {
      best[2] = ns;
      kind_of[2] = kind;
    }
  }
  for (int i = 0; i < 3; ++i) {
    if (best[i] > 0) {
      out[i] = kinds_[kind_of[i]];
      out[i].ns = best[i];
    } else {
      out[i] = LodPart{};
    }
  }
  return with_time;
}

std::uint8_t LaneLod::kind_of(ThreadId thread, ThreadState state, bool overhead) const {
  for (std::size_t k = 0; k < kinds.size(); ++k)
    if (kinds[k].thread == thread && kinds[k].state == state && kinds[k].overhead == overhead) return std::uint8_t(k);
  return LodPart::kNoKind;
}

const LodLevel* LaneLod::level_for(double fold_ns) const {
  const LodLevel* chosen = nullptr;
  for (const LodLevel& level : levels) {
    if (double(level.width) * 2.0 > fold_ns) break;
    chosen = &level;
  }
  return chosen;
}

namespace {

// Level 0 from the spans, in one pass: spans do not overlap and come in time order, so buckets
// are finished in order and one tally is enough.
template <class Span, class PartOf>
LaneLod build(std::span<const Span> lane, const PartOf& part_of) {
  LaneLod lod;
  if (lane.size() < kLodMinSpans) return lod;
  const TimeNs end = lane.back().end;
  const std::size_t wanted = std::max<std::size_t>(1, lane.size() / kSpansPerBucket);
  const TimeNs width = std::max<TimeNs>(1, (end + TimeNs(wanted) - 1) / TimeNs(wanted));
  LodLevel level0;
  level0.width = width;
  level0.buckets.resize(std::size_t((end + width - 1) / width));

  KindTally tally(lod.kinds);
  // (thread, state, overhead) as one key, to give each kind its index once.
  const auto key_of = [](const LodPart& p) {
    return (std::uint64_t(p.thread) << 16) | (std::uint64_t(p.state) << 1) | std::uint64_t(p.overhead);
  };
  std::unordered_map<std::uint64_t, std::uint8_t> kind_by_key;
  std::size_t open = 0;  // the bucket the tally belongs to
  const auto finish = [&](std::size_t bucket) {
    tally.top3(level0.buckets[bucket].parts);
    tally.clear();
  };
  for (std::size_t j = 0; j < lane.size(); ++j) {
    const Span& span = lane[j];
    const std::size_t first = std::size_t(span.start / width);
    const std::size_t last = std::size_t((span.end - 1) / width);
    for (std::size_t b = first; b <= last; ++b) {
      if (b != open) {
        finish(open);
        open = b;
      }
      LodBucket& bucket = level0.buckets[b];
      const TimeNs from = std::max(span.start, TimeNs(b) * width);
      const TimeNs to = std::min(span.end, TimeNs(b + 1) * width);
      bucket.busy_start = std::min(bucket.busy_start, from);
      bucket.busy_end = std::max(bucket.busy_end, to);
      if (b == first) ++bucket.starts;
      if (to - from == width) bucket.whole = std::uint32_t(j);
      LodPart part = part_of(span);
      part.ns = float(to - from);
      const auto [at, added] =
          kind_by_key.try_emplace(key_of(part), LodPart::kNoKind);
      if (added && lod.kinds.size() < LodPart::kNoKind) {
        at->second = std::uint8_t(lod.kinds.size());
        lod.kinds.push_back(LodPart{part.thread, 0, part.state, part.overhead, at->second});
      }
      part.kind = at->second;
      tally.add(part.kind, part.ns);
    }
  }
  finish(open);
  lod.levels.push_back(std::move(level0));

  // Each next level: two buckets of the one below, so a fold reads two to four buckets.
  while (lod.levels.back().buckets.size() > 64) {
    const LodLevel& below = lod.levels.back();
    LodLevel next;
    next.width = below.width * 2;
    next.buckets.resize((below.buckets.size() + 1) / 2);
    for (std::size_t b = 0; b < next.buckets.size(); ++b) {
      LodBucket& bucket = next.buckets[b];
      tally.clear();
      bool whole = true;
      for (std::size_t k = b * 2; k < std::min(below.buckets.size(), b * 2 + 2); ++k) {
        const LodBucket& part = below.buckets[k];
        whole = whole && part.whole != LodBucket::kNoSpan && part.whole == below.buckets[b * 2].whole;
        if (part.empty()) continue;
        bucket.busy_start = std::min(bucket.busy_start, part.busy_start);
        bucket.busy_end = std::max(bucket.busy_end, part.busy_end);
        bucket.starts += part.starts;
        for (const LodPart& p : part.parts)
          if (p.ns > 0) tally.add(p.kind, p.ns);
      }
      if (whole && b * 2 + 2 <= below.buckets.size()) bucket.whole = below.buckets[b * 2].whole;
      tally.top3(bucket.parts);
    }
    lod.levels.push_back(std::move(next));
  }
  return lod;
}

}  // namespace

LaneLod build_lane_lod(std::span<const CoreSpan> lane) {
  return build(lane, [](const CoreSpan& s) {
    return LodPart{s.thread, 0, ThreadState::Running, s.kind == CoreSpanKind::Overhead};
  });
}

LaneLod build_lane_lod(std::span<const LaneStateSpan> lane, ThreadId thread) {
  return build(lane, [thread](const LaneStateSpan& s) { return LodPart{thread, 0, s.state, s.switching}; });
}

RunLod build_run_lod(const Trace& trace, const std::vector<std::vector<LaneStateSpan>>& thread_lanes) {
  RunLod lod;
  lod.cores.reserve(trace.cores.size());
  for (const auto& lane : trace.cores) lod.cores.push_back(build_lane_lod(lane));
  lod.threads.reserve(thread_lanes.size());
  for (std::size_t t = 0; t < thread_lanes.size(); ++t) lod.threads.push_back(build_lane_lod(thread_lanes[t], ThreadId(t)));
  return lod;
}

}  // namespace tl::app
