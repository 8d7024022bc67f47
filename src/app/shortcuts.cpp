#include "app/shortcuts.h"

#include "app/app.h"

#include <algorithm>
#include <imgui.h>

namespace tl::app {
namespace {

constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause"},
    {"Left / Right", "step to the previous / next event"},
    {"+ / -", "zoom in / out (about the playhead)"},
    {"Wheel, pinch", "zoom at the pointer"},
    {"Drag the lanes", "pan"},
    {"Drag the time axis", "move the playhead"},
    {"Click a span", "its details"},
    {"F, double-click", "fit the whole run"},
    {"Home / End", "the start / the end of the run"},
    {"Esc", "close the details or this help"},
    {"? or F1", "this help"},
    {"Ctrl+Q", "quit (desktop)"},
};

template <class Span>
void boundaries_after(std::span<const Span> lane, TimeNs t, TimeNs& best) {
  // The first span ending after t: its start if that is after t, else its end.
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const Span& s) { return s.end <= t; });
  if (it != lane.end()) best = std::min(best, it->start > t ? it->start : it->end);
}

template <class Span>
void boundaries_before(std::span<const Span> lane, TimeNs t, TimeNs& best) {
  // The last span starting before t: its end if that is before t, else its start.
  const auto it = std::partition_point(lane.begin(), lane.end(), [t](const Span& s) { return s.start < t; });
  if (it == lane.begin()) return;
  const Span& s = *(it - 1);
  best = std::max(best, s.end < t ? s.end : s.start);
}

bool key_pressed(ImGuiKey key, bool repeat = false) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

bool typed(ImWchar c) {
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
    if (io.InputQueueCharacters[i] == c) return true;
  return false;
}

// Zooms about the playhead when it is in view, else about the middle.
void zoom_by(AppState& state, double factor) {
  const TimeRange& r = state.range;
  const TimeNs at = state.playback.playhead >= r.t0 && state.playback.playhead <= r.t1 ? state.playback.playhead
                                                                                       : (r.t0 + r.t1) / 2;
  zoom_range(state.range, double(at), factor);
}

}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }

TimeNs next_event(const Trace& trace, TimeNs t) {
  TimeNs best = kForever;
  for (const auto& lane : trace.cores) boundaries_after(std::span<const CoreSpan>(lane), t, best);
  for (const auto& lane : trace.threads) boundaries_after(std::span<const StateSpan>(lane), t, best);
  return best == kForever ? t : best;
}

TimeNs previous_event(const Trace& trace, TimeNs t) {
  TimeNs best = -1;
  for (const auto& lane : trace.cores) boundaries_before(std::span<const CoreSpan>(lane), t, best);
  for (const auto& lane : trace.threads) boundaries_before(std::span<const StateSpan>(lane), t, best);
  return best < 0 ? (t > 0 ? 0 : t) : best;
}

void handle_shortcuts(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // a text field has the keyboard
  const TimeNs makespan = state.result().trace.makespan;
  Playback& playback = state.playback;
  if (key_pressed(ImGuiKey_Escape)) {
    if (state.help_open) state.help_open = false;
    else state.timeline.clear_selection();
  }
  if (ImGui::IsKeyPressed(kKeyF1, false) || typed('?')) state.help_open = !state.help_open;
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed(kKeyQ, false)) state.quit_requested = true;
    return;  // Ctrl+letter is the browser's or the window manager's
  }
  if (key_pressed(ImGuiKey_Space)) toggle_playback(playback, makespan);
  // The arrows step from event to event on the timeline; other views (the race's operations)
  // step their own way.
  const bool timeline = state.view == ViewKind::Timeline;
  if (timeline && key_pressed(ImGuiKey_RightArrow, true)) {
    playback.playing = false;
    playback.playhead = std::min(next_event(state.result().trace, playback.playhead), makespan);
  }
  if (timeline && key_pressed(ImGuiKey_LeftArrow, true)) {
    playback.playing = false;
    playback.playhead = std::max<TimeNs>(previous_event(state.result().trace, playback.playhead), 0);
  }
  if (key_pressed(ImGuiKey_Home)) playback.playhead = 0;
  if (key_pressed(ImGuiKey_End)) {
    playback.playhead = makespan;
    playback.playing = false;
  }
  if (typed('+') || typed('=')) zoom_by(state, 1 / 1.5);
  if (typed('-') || typed('_')) zoom_by(state, 1.5);
  if (typed('f') || typed('F')) zoom_to_fit(state);
}

}  // namespace tl::app
