#include "app/state/playback.h"

#include <algorithm>
#include <cmath>

namespace tl::app {

double default_speed(TimeNs makespan) {
  const double wanted = std::clamp(double(std::max<TimeNs>(makespan, 1)) / kBaseSeconds, kMinSpeed, kMaxSpeed);
  const double decade = std::pow(10.0, std::floor(std::log10(wanted)));
  double best = decade;
  for (double step : {1.0, 2.0, 5.0, 10.0})
    if (std::abs(std::log(step * decade / wanted)) < std::abs(std::log(best / wanted))) best = step * decade;
  return std::clamp(best, kMinSpeed, kMaxSpeed);
}

void advance_playback(Playback& playback, TimeNs makespan, double seconds) {
  if (!playback.playing || makespan <= 0 || seconds <= 0) return;
  playback.playhead += std::max<TimeNs>(1, TimeNs(playback.speed * seconds));
  if (playback.playhead >= makespan) {
    playback.playhead = makespan;
    playback.playing = false;
  }
}

void toggle_playback(Playback& playback, TimeNs makespan) {
  if (!playback.playing && playback.playhead >= makespan) playback.playhead = 0;
  playback.playing = !playback.playing;
}

void restart_playback(Playback& playback) {
  playback.playhead = 0;
  playback.playing = true;
}

}  // namespace tl::app
