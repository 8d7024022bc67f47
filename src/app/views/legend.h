// Which colour is which thread, and what the other marks on the timeline mean.
#pragma once
#include "app/app.h"

namespace tl::app {

void draw_legend(const AppState& state);

}  // namespace tl::app
