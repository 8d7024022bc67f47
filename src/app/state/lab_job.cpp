#include "app/state/lab_job.h"

#include "lab/measure.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace tl::app {

class LabJob {
 public:
  explicit LabJob(const LabJobOptions& options) {
    lab::MeasureOptions m;
    m.quick = options.quick;
    m.python = options.python;
    m.max_workers = options.max_workers;
    m.target.program = options.spawn_program.empty() ? sibling_cli_path() : options.spawn_program;
    m.cancel = &cancel_;
    thread_ = std::thread([this, m] {
      const lab::Report report = lab::run_measurements(m, [this](std::string_view stage, double fraction) {
        const std::lock_guard<std::mutex> lock(mutex_);
        progress_.stage = std::string(stage);
        progress_.fraction = fraction;
        ++updates_;
        changed_.notify_all();
      });
      nlohmann::ordered_json json = lab::report_json(report);
      json["cancelled"] = report.cancelled;
      const std::lock_guard<std::mutex> lock(mutex_);
      report_ = std::move(json);
      progress_.fraction = 1.0;
      progress_.done = true;
      ++updates_;
      changed_.notify_all();
    });
  }
  ~LabJob() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
  }
  LabJob(const LabJob&) = delete;
  LabJob& operator=(const LabJob&) = delete;

  LabProgress progress() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return progress_;
  }
  void cancel() { cancel_ = true; }
  void wait(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t seen = updates_;
    changed_.wait_for(lock, timeout, [&] { return updates_ != seen || progress_.done; });
  }
  const nlohmann::ordered_json* report() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return progress_.done ? &report_ : nullptr;  // written once, before done is set
  }

 private:
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::uint64_t updates_ = 0;  // progress reports so far (what wait() waits for)
  LabProgress progress_{"starting", 0.0, false};
  nlohmann::ordered_json report_;
  std::thread thread_;  // last: it starts once everything above exists
};

std::shared_ptr<LabJob> start_lab_job(const LabJobOptions& options) { return std::make_shared<LabJob>(options); }
LabProgress lab_job_progress(const LabJob& job) { return job.progress(); }
void wait_for_lab_progress(const LabJob& job, std::chrono::milliseconds timeout) { job.wait(timeout); }
void cancel_lab_job(LabJob& job) { job.cancel(); }
const nlohmann::ordered_json* lab_job_report(const LabJob& job) { return job.report(); }

std::string sibling_cli_path() {
  // Never this program itself (the lab's default): it would open a window per worker. When the
  // CLI is missing, spawning it fails and the report says where it was looked for.
  const std::string self = lab::SpawnTarget{}.resolved();
  return (std::filesystem::path(self.empty() ? "." : self).parent_path() / "threadlab-cli").string();
}

}  // namespace tl::app
