// Folding: what keeps a lane with millions of spans interactive. Each lane binary-searches the
// visible window (tl::visible) and turns runs of spans thinner than kFoldPx into one rectangle,
// so a lane draws at most about width / kFoldPx rectangles, whatever its span count.
#pragma once
#include "app/timeline/context.h"
#include "sim/trace/trace.h"

#include <span>
#include <vector>

namespace tl::app {

inline constexpr float kFoldPx = 3.0f;  // spans thinner than this are folded with neighbours

// Appends the rectangles for the spans of `lane` visible in ctx to `out`: spans at least kFoldPx
// wide stay themselves; a run of thinner spans, each starting less than kFoldPx after the
// previous one ends, becomes one fold (coloured by its thread, or state, when it holds only
// one). One loop serves both lane kinds.
void fold_spans(std::span<const CoreSpan> lane, const TimelineContext& ctx, std::vector<FoldRect>& out,
                TimelineStats& stats);
void fold_spans(std::span<const StateSpan> lane, ThreadId thread, const TimelineContext& ctx,
                std::vector<FoldRect>& out, TimelineStats& stats);

}  // namespace tl::app
