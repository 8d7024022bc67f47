// The run's numbers: makespan, context switches, and per thread turnaround, response, wait, CPU.
#pragma once
#include "app/state/run_slot.h"

namespace tl::app {

void draw_metrics_table(const ShownRun& run);

}  // namespace tl::app
