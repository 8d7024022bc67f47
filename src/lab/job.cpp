#include "lab/job.h"

namespace tl::lab {

MeasureJob::MeasureJob(MeasureOptions options) {
  options.cancel = &cancel_;
  thread_ = std::thread([this, options] {
    const Report report = run_measurements(
        options, [this](std::string_view stage, double fraction) { publish_progress(stage, fraction); });
    nlohmann::ordered_json json = report_json(report);
    json["cancelled"] = report.cancelled;
    publish_report(std::move(json));
  });
}

MeasureJob::~MeasureJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void MeasureJob::publish_progress(std::string_view stage, double fraction) {
  const std::lock_guard<std::mutex> lock(mutex_);
  progress_.stage = std::string(stage);
  progress_.fraction = fraction;
  ++updates_;
  changed_.notify_all();
}

void MeasureJob::publish_report(nlohmann::ordered_json json) {
  const std::lock_guard<std::mutex> lock(mutex_);
  report_ = std::move(json);
  progress_.fraction = 1.0;
  progress_.done = true;
  ++updates_;
  changed_.notify_all();
}

JobProgress MeasureJob::progress() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return progress_;
}

void MeasureJob::wait(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  const std::uint64_t seen = updates_;
  changed_.wait_for(lock, timeout, [&] { return updates_ != seen || progress_.done; });
}

const nlohmann::ordered_json* MeasureJob::report() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return progress_.done ? &report_ : nullptr;
}

}  // namespace tl::lab
