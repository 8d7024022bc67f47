// One run of the lab's measurements (src/lab) on a thread of its own, so the frames keep
// coming while the machine is measured: the UI starts it, reads its progress every frame and,
// once it is done, its report. Desktop only (the page measures the browser in web/lab/).
#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace tl::app {

struct LabJobOptions {
  bool quick = true;        // a few seconds per part instead of one to two minutes in all
  bool python = true;       // run the CPython programs when python3 is on the PATH
  unsigned max_workers = 0; // speedup curves up to this many workers; 0 = the usable cpus
  std::string spawn_program;  // what posix_spawn runs (`measure --child`): "" = the CLI beside us
};

struct LabProgress {
  std::string stage;    // what is being measured now
  double fraction = 0;  // 0..1 of the whole run
  bool done = false;    // the report is ready (report() is non-null)
};

class LabJob;  // defined in lab_job.cpp: the thread, its progress and its report

// Starts measuring at once on a new thread. Destroying the last handle cancels the run after
// its current stage and waits for the thread (at most a few seconds).
std::shared_ptr<LabJob> start_lab_job(const LabJobOptions& options);
LabProgress lab_job_progress(const LabJob& job);
// Blocks until the progress moves on (or the run is done), at most `timeout`: for tests, which
// draw a frame per step; never called from a frame.
void wait_for_lab_progress(const LabJob& job, std::chrono::milliseconds timeout);
void cancel_lab_job(LabJob& job);
// The report (tl::lab::report_json: every figure, the predictions, "profile"), once done;
// nullptr before. Owned by the job and never changed after it is published.
const nlohmann::ordered_json* lab_job_report(const LabJob& job);

// The CLI next to this program (EXE_DIR/threadlab-cli), which spawned workers run.
std::string sibling_cli_path();

}  // namespace tl::app
