// [SECTION] Requests and snapshots
// [SECTION] Sliced mode
// [SECTION] Worker mode
#include "sim/run/session.h"

#include <exception>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Requests and snapshots
// ---------------------------------------------------------------------------------------------
Session::Session(Mode mode, [[maybe_unused]] std::size_t pool_size)
    : mode_(TL_HAS_THREADS ? mode : Mode::Sliced), snapshot_(std::make_shared<const SessionSnapshot>()) {
#if TL_HAS_THREADS
  if (mode_ == Mode::Worker) {
    pool_size_ = pool_size;
    worker_ = std::thread([this] { worker_loop(); });
  }
#endif
}

Session::~Session() {
  cancelled_upto_.store(~std::uint64_t{0});
#if TL_HAS_THREADS
  if (worker_.joinable()) {
    {
      std::lock_guard lock(job_mutex_);
      stop_ = true;
    }
    job_cv_.notify_all();
    worker_.join();
  }
#endif
}

std::shared_ptr<const SessionSnapshot> Session::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

void Session::publish(std::uint64_t request, const std::function<void(SessionSnapshot&)>& change) {
  std::lock_guard serial(publish_mutex_);
  std::shared_ptr<const SessionSnapshot> current = snapshot();
  if (current->request != request) return;                  // superseded: nobody may see it any more
  auto next = std::make_shared<SessionSnapshot>(*current);  // built aside, then swapped in
  change(*next);
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = std::move(next);
}

std::uint64_t Session::submit(Scenario scenario) {
  SweepGrid grid;
  grid.cores = {scenario.machine.cores};
  grid.variants.push_back(std::move(scenario));
  grid.names.emplace_back();
  return start(std::move(grid));
}

std::uint64_t Session::submit_sweep(SweepGrid grid) { return start(std::move(grid)); }

std::uint64_t Session::start(SweepGrid grid) {
  const std::uint64_t id = ++last_request_;
  cancelled_upto_.store(id - 1);  // the newest request wins
  {
    auto first = std::make_shared<SessionSnapshot>();
    first->request = id;
    first->cells_total = grid.cell_count();
    first->cells.resize(first->cells_total);
    std::lock_guard serial(publish_mutex_);
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(first);
  }
  const std::uint64_t cell_bytes = cell_trace_budget(trace_budget_, grid.cell_count());
  Job job{id, std::move(grid), 0, cell_bytes};
#if TL_HAS_THREADS
  if (mode_ == Mode::Worker) {
    {
      std::lock_guard lock(job_mutex_);
      pending_ = std::move(job);
    }
    job_cv_.notify_one();
    return id;
  }
#endif
  sliced_ = std::move(job);
  return id;
}

void Session::cancel() {
  const std::uint64_t id = last_request_;
  cancelled_upto_.store(id);
  publish(id, [](SessionSnapshot& s) {
    if (s.cells_done < s.cells_total && s.error.empty()) s.cancelled = true;
  });
  sliced_.reset();
}

void Session::run_cell(const Job& job, std::size_t cell) {
  if (!live(job.request)) return;
  std::shared_ptr<const RunResult> result;
  std::string error;
  // The engine polls this every few thousand steps: a cancel() or a newer request stops the
  // run there instead of letting it finish unseen.
  std::atomic<bool> stop{false};
  RunOptions options;
  options.cancel = &stop;
  options.progress = [&](const RunProgress&) {
    if (!live(job.request)) stop.store(true, std::memory_order_relaxed);
  };
  try {
    Scenario scenario = job.grid.cell(cell);
    if (job.cell_trace_bytes != 0 && job.cell_trace_bytes < scenario.limits.max_trace_bytes)
      scenario.limits.max_trace_bytes = job.cell_trace_bytes;
    cells_started_.fetch_add(1);
    result = std::make_shared<const RunResult>(run(scenario, options));
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  if (!error.empty()) {
    // Stop the request's other cells: a broken grid is reported, not half drawn.
    std::uint64_t seen = cancelled_upto_.load();
    while (seen < job.request && !cancelled_upto_.compare_exchange_weak(seen, job.request)) {}
    publish(job.request, [&](SessionSnapshot& s) {
      if (s.error.empty()) s.error = "cell " + std::to_string(cell) + ": " + error;
    });
    return;
  }
  publish(job.request, [&](SessionSnapshot& s) {
    if (!live(job.request)) return;  // cancelled while it ran
    s.cells[cell] = std::move(result);
    ++s.cells_done;
  });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Sliced mode
// ---------------------------------------------------------------------------------------------
bool Session::poll() {
  if (!sliced_) return false;
  if (!live(sliced_->request) || sliced_->next >= sliced_->grid.cell_count()) {
    sliced_.reset();
    return false;
  }
  run_cell(*sliced_, sliced_->next++);
  if (sliced_->next >= sliced_->grid.cell_count() || !live(sliced_->request)) sliced_.reset();
  return sliced_.has_value();
}

void Session::wait_idle() {
#if TL_HAS_THREADS
  if (mode_ == Mode::Worker) {
    std::unique_lock lock(job_mutex_);
    idle_cv_.wait(lock, [&] { return !busy_ && !pending_; });
    return;
  }
#endif
  while (poll()) {}
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Worker mode
// ---------------------------------------------------------------------------------------------
#if TL_HAS_THREADS
void Session::worker_loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(job_mutex_);
      job_cv_.wait(lock, [&] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
      busy_ = true;
    }
    const std::size_t cells = job.grid.cell_count();
    if (pool_size_ > 0 && cells > 1) {
      if (!pool_) pool_ = std::make_unique<ThreadPool>(pool_size_);
      pool_->parallel_for(cells, [&](std::size_t i) { run_cell(job, i); });
    } else {
      for (std::size_t i = 0; i < cells; ++i) run_cell(job, i);
    }
    {
      std::lock_guard lock(job_mutex_);
      busy_ = false;
    }
    idle_cv_.notify_all();
  }
}
#endif

}  // namespace tl
