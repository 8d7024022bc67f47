// The shortcuts, listed over the view (? or F1 opens it, Esc or its close button closes it).
#pragma once

namespace tl::app {

// Draws the overlay while `open`; clears it when the learner closes it.
void draw_help_overlay(bool& open);

}  // namespace tl::app
