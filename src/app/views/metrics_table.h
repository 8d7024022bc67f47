// The run's numbers: makespan, context switches, and per thread turnaround, response, wait, CPU.
#pragma once
#include "app/app.h"

namespace tl::app {

void draw_metrics_table(const AppState& state);

}  // namespace tl::app
