#include "app/state/playback.h"

#include <algorithm>

namespace tl::app {

void advance_playback(Playback& playback, TimeNs makespan, double seconds) {
  if (!playback.playing || makespan <= 0 || seconds <= 0) return;
  const double rate = double(makespan) / kBaseSeconds * double(playback.speed);  // ns per second
  playback.playhead += std::max<TimeNs>(1, TimeNs(rate * seconds));
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
