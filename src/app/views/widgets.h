// Small widgets the views share: where the last item was drawn, and an integer slider whose
// number stays readable.
#pragma once
#include "app/rect.h"

namespace tl::app {

// The last ImGui item's rectangle (tests aim the mouse at it).
Rect item_rect();

// ImGui::SliderInt (clamped, Ctrl+click to type), with its number kept readable: ImGui centres the
// number in the frame, and an integer slider's grab is 1/(values) of the frame wide, so on a
// slider of few values (1..2: half the frame) the grab, light so that it shows on the dark frame,
// covers the number in a colour the light text cannot be read on. The number is drawn again over
// the grab on a plate of the frame's colour. True when the value changed.
bool readable_slider_int(const char* label, int* value, int min, int max);

}  // namespace tl::app
