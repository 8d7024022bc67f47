// One run of the lab's measurements on a thread of its own, so a program stays responsive while
// the machine is measured: the caller starts it, reads its progress whenever it likes (a UI, once
// per frame) and, once it is done, its report. Destroying the job cancels the run after the
// stage it is in and waits for the thread (at most a few seconds).
#pragma once
#include "lab/measure.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace tl::lab {

struct JobProgress {
  std::string stage;    // what is being measured now
  double fraction = 0;  // 0..1 of the whole run
  bool done = false;    // the report is ready (report() is non-null)
};

class MeasureJob {
 public:
  // Starts measuring at once. `options.cancel` is ignored: the job cancels through its own flag.
  explicit MeasureJob(MeasureOptions options);
  ~MeasureJob();
  MeasureJob(const MeasureJob&) = delete;
  MeasureJob& operator=(const MeasureJob&) = delete;

  JobProgress progress() const;
  // Stops the run after the stage it is in; the report then says "cancelled": true.
  void cancel() { cancel_ = true; }
  // Blocks until the progress moves on or the run is done, at most `timeout`: for tests and
  // command-line callers; a UI reads progress() instead.
  void wait(std::chrono::milliseconds timeout) const;
  // The report (report_json: every figure, the predictions, "profile", plus "cancelled"), once
  // done; nullptr before. Written once, before `done` is set, and never changed after.
  const nlohmann::ordered_json* report() const;

 private:
  void publish_progress(std::string_view stage, double fraction);
  void publish_report(nlohmann::ordered_json json);

  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::uint64_t updates_ = 0;  // progress reports so far (what wait() waits for)
  JobProgress progress_{"starting", 0.0, false};
  nlohmann::ordered_json report_;
  std::thread thread_;  // last: it starts once everything above exists
};

}  // namespace tl::lab
