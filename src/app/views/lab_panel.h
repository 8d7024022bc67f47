// The Lab view: measures this machine (threads, processes, wake-ups, pipes, copy-on-write,
// CPython) off the UI thread with a progress bar, shows each figure beside the simulator's
// prediction, and writes the measured machine profile a scenario can use. Desktop only: the
// web page has its own lab for the browser (web/lab/), and there lab_panel_available() is false.
#pragma once
#include "app/rect.h"
#include "app/state/lab_job.h"

#include <memory>
#include <string>

namespace tl::app {

struct LabPanelState {
  LabJobOptions options;         // what the next Measure runs
  std::shared_ptr<LabJob> job;   // the run in progress or the last one (its report)
  char profile_path[512] = "my-machine.json";  // where Write profile writes (the text field)
  std::string profile_message;   // what the last write did
  bool profile_failed = false;
};

struct LabPanelLayout {  // where the last frame put things (tests aim the mouse at them)
  Rect measure_button;
  Rect cancel_button;    // while measuring
  Rect progress_bar;     // while measuring
  Rect write_button;     // once a complete report is there
  int speedup_rows = 0;  // rows of the speedup table drawn (0: none yet)
};

bool lab_panel_available();
void draw_lab_panel(LabPanelState& lab, LabPanelLayout& layout);

// Starts a run with lab.options (unless one is running); what the Measure button does.
void start_lab_measurement(LabPanelState& lab);
// Writes the last report's profile to `path`; false with the reason in lab.profile_message.
bool write_lab_profile(LabPanelState& lab, const std::string& path);

}  // namespace tl::app
