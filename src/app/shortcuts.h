// The keyboard: what each key does, the list the help overlay shows, and the steps from event
// to event. Keys act while no text field has the keyboard.
#pragma once
#include "sim/trace/trace.h"

#include <span>

namespace tl::app {

struct AppState;

// Key positions outside ImGui's key map, as USB HID usage ids (what SDL's scancodes are, and
// what the tests press).
inline constexpr int kKeyF1 = 58;
inline constexpr int kKeyQ = 20;

struct Shortcut {
  const char* keys;
  const char* action;
};
std::span<const Shortcut> shortcuts();

// The nearest span boundary (any core or thread changing what it does) strictly after / before
// `t`; `t` itself when there is none.
TimeNs next_event(const Trace& trace, TimeNs t);
TimeNs previous_event(const Trace& trace, TimeNs t);

// Reads this frame's keys and acts on the state (playback, range, selection, help, quit).
void handle_shortcuts(AppState& state);

}  // namespace tl::app
