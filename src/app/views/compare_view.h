// The Compare view: a workload picker and the playback row, the workload as threads above and as
// processes below on one shared time range, and under them the figures side by side with their
// ratio and the speedup chart over core counts (beside each other, or one at a time with a
// switch in a narrow window).
#pragma once
#include "app/views/compare_state.h"

namespace tl::app {

struct CompareAsk {                // what the learner asked for this frame
  const char* workload = nullptr;  // an embedded workload chosen in the picker
  int cores = 0;                   // a new core count (0: unchanged)
  bool fit = false;                // show both runs whole
};

// Draws into what is left of the current window. Playback, the shared range and the switch
// between chart and figures change in place (they are the view's own); the rest is returned.
CompareAsk draw_compare_view(CompareState& state);
// Carries out what draw_compare_view returned, between frames.
void apply_compare_ask(CompareState& state, const CompareAsk& ask);

}  // namespace tl::app
