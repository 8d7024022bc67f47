// Levels of detail for long lanes: what lets a timeline frame cost the same with a million
// spans as with a thousand. Each lane with many spans is summarised once per run in time
// buckets (level 0 about kSpansPerBucket spans each, every next level two buckets of the one
// below). When the view is zoomed out so far that a fold (kFoldPx) is at least two buckets wide,
// the fold loop reads buckets in order instead of spans: a frame then touches about
// (width / kFoldPx) buckets per lane, whatever the number of spans.
#pragma once
#include "app/state/thread_spans.h"
#include "sim/trace/trace.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace tl::app {

// One contributor to a bucket: a thread (core lanes; `overhead` = switching into it) or a
// state (thread lanes; `overhead` = the switch into the thread), with its time in the bucket.
struct LodPart {
  static constexpr std::uint8_t kNoKind = 255;  // past the lane's first 255 kinds
  ThreadId thread = kNoThread;
  float ns = 0;  // 0: no such part
  ThreadState state = ThreadState::Running;
  bool overhead = false;
  std::uint8_t kind = kNoKind;  // index of (thread, state, overhead) in the lane's LaneLod::kinds
};

struct LodBucket {
  static constexpr std::uint32_t kNoSpan = std::numeric_limits<std::uint32_t>::max();
  TimeNs busy_start = std::numeric_limits<TimeNs>::max();  // first instant a span covers (max: empty)
  TimeNs busy_end = 0;                                     // last instant a span covers
  std::uint32_t starts = 0;                                // spans starting in the bucket
  std::uint32_t whole = kNoSpan;                           // the one span covering all of it
  LodPart parts[3];                                        // the largest by time, largest first

  bool empty() const { return busy_end <= busy_start; }
};

struct LodLevel {
  TimeNs width = 0;  // bucket b covers [b * width, (b + 1) * width)
  std::vector<LodBucket> buckets;
};

struct LaneLod {
  std::vector<LodLevel> levels;  // finest first; empty for a lane short enough to fold span by span
  // The lane's distinct parts (thread, state, overhead; ns unused), in order of first
  // appearance, at most LodPart::kNoKind of them: a fold of buckets adds its parts into one
  // slot per kind instead of searching a list for each.
  std::vector<LodPart> kinds;

  // The kind of (thread, state, overhead), or LodPart::kNoKind.
  std::uint8_t kind_of(ThreadId thread, ThreadState state, bool overhead) const;

  // The coarsest level whose buckets are at most half of `fold_ns` (so a span a fold would not
  // hide covers at least one whole bucket), or nullptr when spans are as cheap to read.
  const LodLevel* level_for(double fold_ns) const;
};

struct RunLod {
  std::vector<LaneLod> cores;    // [core]
  std::vector<LaneLod> threads;  // [thread], over the lanes as drawn (thread_lane_spans)
};

inline constexpr std::size_t kLodMinSpans = 4096;  // shorter lanes get no summary
inline constexpr std::size_t kSpansPerBucket = 8;  // level 0's bucket width, in spans on average

LaneLod build_lane_lod(std::span<const CoreSpan> lane);
LaneLod build_lane_lod(std::span<const LaneStateSpan> lane, ThreadId thread);
RunLod build_run_lod(const Trace& trace, const std::vector<std::vector<LaneStateSpan>>& thread_lanes);

// Time per kind of a lane (LaneLod::kinds), one slot each, so a part is added by its index with
// no search: how a bucket sums its spans when levels are built and how a fold made of buckets
// sums them in a zoomed-out frame (its inner loop). Parts past the lane's first 255 kinds are
// left out of the summary.
class KindTally {
 public:
  explicit KindTally(const std::vector<LodPart>& kinds);
  void add(std::uint8_t kind, float ns) {
    if (kind == LodPart::kNoKind) return;
    if (!listed_[kind]) {
      listed_[kind] = true;
      used_[size_++] = kind;
    }
    ns_[kind] += ns;
  }
  // Takes `ns` away from a kind the tally has (never below zero).
  void take_away(std::uint8_t kind, float ns) {
    if (kind != LodPart::kNoKind && listed_[kind]) ns_[kind] = ns_[kind] > ns ? ns_[kind] - ns : 0.0f;
  }
  void clear() {
    for (int k = 0; k < size_; ++k) {
      ns_[used_[k]] = 0;
      listed_[used_[k]] = false;
    }
    size_ = 0;
  }
  // The three largest parts into `out` (empty parts where there are fewer); returns how many
  // parts have any time.
  int top3(LodPart (&out)[3]) const;

 private:
  const std::vector<LodPart>& kinds_;
  float ns_[LodPart::kNoKind];
  bool listed_[LodPart::kNoKind];
  std::uint8_t used_[LodPart::kNoKind];
  int size_ = 0;
};

}  // namespace tl::app
