// The Lab view: measures this machine (threads, processes, wake-ups, pipes, copy-on-write,
// CPython) off the UI thread with a progress bar, shows each figure beside the simulator's
// prediction, and writes the measured machine profile a scenario can use. Desktop only: the
// web page has its own lab for the browser (web/lab/), and there lab_panel_available() is false.
#pragma once
#include "app/rect.h"

#include <memory>
#include <string>

namespace tl::lab {
class MeasureJob;  // lab/job.h: the measuring thread, its progress and its report
}

namespace tl::app {

struct LabJobOptions {        // what the panel's controls choose for the next run
  bool quick = true;          // a few seconds per part instead of one to two minutes in all
  bool python = true;         // run the CPython programs when python3 is on the PATH
  unsigned max_workers = 0;   // speedup curves up to this many workers; 0 = the usable cpus
  std::string spawn_program;  // what posix_spawn runs (`measure --child`): "" = the CLI beside us
};

struct LabPanelState {
  LabJobOptions options;                       // what the next Measure runs
  std::shared_ptr<lab::MeasureJob> job;        // the run in progress or the last one (its report)
  char profile_path[512] = "my-machine.json";  // where Write profile writes (the text field)
  std::string profile_message;                 // what the last write did
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
// A run is in progress (the frame loop keeps drawing while it is).
bool lab_measuring(const LabPanelState& lab);
void draw_lab_panel(LabPanelState& lab, LabPanelLayout& layout);

// Starts a run with lab.options (unless one is running); what the Measure button does.
void start_lab_measurement(LabPanelState& lab);
// Writes the last report's profile to `path`; false with the reason in lab.profile_message.
bool write_lab_profile(LabPanelState& lab, const std::string& path);

}  // namespace tl::app
