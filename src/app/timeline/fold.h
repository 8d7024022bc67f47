// Folding: what keeps a lane with millions of spans interactive. Each lane binary-searches the
// visible window and then walks it in steps of kFoldPx: a span at least kFoldPx wide stays
// itself; thinner spans starting within kFoldPx of each other become one fold, found by one
// more binary search (not by visiting them), and summarised by its three largest parts from at
// most kFoldSamples of its spans. A frame therefore costs about (width / kFoldPx) x log(spans)
// per lane, whatever the zoom. With a lane's summary (lane_lod.h) and a view zoomed out past it,
// folds are made of summary buckets instead, so the spans are not read at all.
#pragma once
#include "app/state/lane_lod.h"
#include "app/state/thread_spans.h"
#include "app/timeline/context.h"
#include "sim/trace/trace.h"

#include <span>
#include <vector>

namespace tl::app {

inline constexpr float kFoldPx = 3.0f;           // spans thinner than this are folded with neighbours
inline constexpr std::size_t kFoldSamples = 64;  // spans a fold's summary looks at, at most

// Appends the rectangles for the spans of `lane` visible in ctx to `out`. Neighbouring folds of
// one thread (or one state) join into one rectangle; a fold of several is `mixed` and carries
// its three largest parts. One loop serves every lane kind.
void fold_spans(std::span<const CoreSpan> lane, const TimelineContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats, const LaneLod* lod = nullptr);
void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats);
void fold_spans(std::span<const LaneStateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats, const LaneLod* lod = nullptr);

}  // namespace tl::app
