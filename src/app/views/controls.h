// The row of controls above the timeline: scenario, playback, speed, cores, fit. Playback is
// changed in place (it is the controls' own); the rest is returned as what the learner asked
// for, which the caller carries out between frames.
#pragma once
#include "app/state/playback.h"
#include "app/state/run_slot.h"  // kMinCores, kMaxCores
#include "app/rect.h"

#include <string>
#include <vector>

namespace tl::app {

struct ControlsInput {
  const std::string& scenario;  // the picker's current name
  TimeNs makespan;              // of the run on screen
  int cores;                    // the slider's value
  bool lesson = false;          // a lesson shows its own controls: no picker, no Cores slider
};

struct ControlsAsk {               // what the learner asked for this frame
  const char* scenario = nullptr;  // an embedded scenario chosen in the picker
  int cores = 0;                   // a new core count (0: unchanged)
  bool fit = false;                // show the whole run
};

struct ControlsLayout {              // where the last frame put them (tl_state_json, tests)
  Rect cores_slider;                 // the slider's frame, without its label
  Rect speed_slider;                 // the speed slider's frame
  Rect scenario_combo;               // the combo's frame, without its label
  std::vector<Rect> scenario_items;  // [embedded scenario] its row in the open combo (else empty)
};

// "speed 500 us/s", "speed: real time": what the speed slider's value reads as.
std::string speed_text(double speed);

ControlsAsk draw_controls(const ControlsInput& in, Playback& playback, ControlsLayout& layout);

}  // namespace tl::app
