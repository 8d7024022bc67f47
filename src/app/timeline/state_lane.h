// What a lane of one thread's states draws, shared by the thread lanes and by the asyncio task
// lanes under them (a task's states are its loop thread's, in that thread's colours): the
// folded states, waiting drawn shorter than running, ready hatched, a switch into the thread
// hatched like a core's switch cost, the state's word where it fits; the gutter's word for the
// state at an instant; the tooltip of a span or fold.
#pragma once
#include "app/state/thread_spans.h"
#include "app/timeline/item.h"
#include "sim/trace/trace.h"

#include <span>
#include <vector>

namespace tl::app {

inline constexpr float kStateTextX = 108.0f;  // a gutter's state word, right of the name (room for "receive")

// Draws the folded `rects` of `thread`'s states into ctx.clip; returns the one under the mouse.
const FoldRect* draw_state_rects(const TimelineContext& ctx, const std::vector<FoldRect>& rects, ThreadId thread);

// What a gutter says a lane is doing at `t`: "running", "I/O", "switch", ...; "done" after its
// last span; "" before it starts.
const char* state_text_at(std::span<const LaneStateSpan> lane, TimeNs t);
const char* state_text_at(std::span<const StateSpan> lane, TimeNs t);

// The tooltip of a span or fold of states: `who` names the lane ("worker1", "task fetch"),
// `meaning` says what a state means for it.
void state_tooltip(const FoldRect& rect, const char* who, const char* (*meaning)(ThreadState));

}  // namespace tl::app
