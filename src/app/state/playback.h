// The playhead sweeping simulated time at `speed`: simulated nanoseconds per second of wall
// time (1e9 is real time). A new scenario starts at a round speed that plays its whole run in
// about kBaseSeconds; the learner's own choice then stays across re-runs.
#pragma once
#include "sim/core/types.h"

namespace tl::app {

inline constexpr double kBaseSeconds = 10.0;
inline constexpr double kMinSpeed = 1e2;   // 100 ns of simulated time per second
inline constexpr double kMaxSpeed = 1e10;  // 10 s per second
inline constexpr double kRealTime = 1e9;

struct Playback {
  TimeNs playhead = 0;
  bool playing = true;
  double speed = 1e6;      // simulated ns per wall-clock second
  bool speed_auto = true;  // not chosen by the learner: the next scenario sets it
};

// A 1-2-5 speed near makespan / kBaseSeconds, within kMinSpeed..kMaxSpeed.
double default_speed(TimeNs makespan);
// Advances the playhead by `seconds` of wall time through a run of `makespan`; stops at its end.
void advance_playback(Playback& playback, TimeNs makespan, double seconds);
// The Play/Pause/Replay button: at the end, playing starts over.
void toggle_playback(Playback& playback, TimeNs makespan);
void restart_playback(Playback& playback);

}  // namespace tl::app
