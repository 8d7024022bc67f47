// Which colour is which thread, and what the other marks on the timeline mean: one flowing
// paragraph of entries under the timeline, wrapped to the width it gets.
#pragma once
#include "app/state/run_slot.h"

namespace tl::app {

void draw_legend(const ShownRun& run);
// The height draw_legend will take at `width` (the frame lays out the timeline above it).
float legend_height(const ShownRun& run, float width);

}  // namespace tl::app
