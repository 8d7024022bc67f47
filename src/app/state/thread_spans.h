// A thread's lane as the timeline draws it: its states, with each Running span split where a
// core was still paying the context switch into it. The trace records the switch-in cost on
// the core (an Overhead span) and counts it as Running in the thread's states; the lanes show
// it the same way in both places: as switching, not as work.
#pragma once
#include "sim/trace/trace.h"

#include <vector>

namespace tl::app {

struct LaneStateSpan {
  TimeNs start;
  TimeNs end;
  ThreadState state;
  bool switching;  // Running, but the core is still switching into the thread
};

// [thread] its lane: derived once per run, in O(spans log spans).
std::vector<std::vector<LaneStateSpan>> thread_lane_spans(const Trace& trace);

}  // namespace tl::app
