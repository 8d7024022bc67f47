// What the UI talks to: it submits a scenario (or a sweep) and reads immutable snapshots every
// frame. Runs happen on a worker thread (cells of a sweep on a pool), or, where threads do
// not exist (the web build without pthreads) or are not wanted, in slices from the caller's
// loop via poll(). Both modes publish the same snapshots with the same results.
//
// Snapshots are std::shared_ptr<const SessionSnapshot>: a new one is built aside and swapped
// in under a mutex held only for the pointer swap (atomic<shared_ptr> would do, but the web
// toolchain's libc++ 14 lacks it). A reader therefore never waits for a run and never sees a
// snapshot change under it: it keeps the one it read for as long as it likes.
//
// The newest request wins: submitting cancels what is still pending of the previous one, and
// cancel() or a newer submit stops a cell already running at the engine's next cancellation
// point (RunOptions: every few thousand steps); its partial result is never published.
#pragma once
#include "sim/run/sweep.h"
#include "sim/run/threads_config.h"
#include "sim/run/trace_budget.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#if TL_HAS_THREADS
#include <condition_variable>
#include <thread>
#endif

namespace tl {

struct SessionSnapshot {
  std::uint64_t request = 0;    // the submit() this belongs to; 0 before any
  std::size_t cells_total = 0;  // 1 for a single run
  std::size_t cells_done = 0;
  SweepResults cells;  // grid order; nullptr until that cell is done
  bool cancelled = false;
  std::string error;  // a cell failed (an engine bug): its message; the request stops

  bool complete() const { return !cancelled && error.empty() && cells_done == cells_total; }
  // A single run's result, once complete.
  const RunResult* result() const { return complete() && !cells.empty() ? cells.front().get() : nullptr; }
};

class Session {
 public:
  enum class Mode : std::uint8_t {
    Worker,  // a worker thread runs requests; poll() does nothing
    Sliced,  // poll() runs one cell per call on the caller
  };
  // Worker falls back to Sliced in builds without threads. pool_size: workers for sweep
  // cells (0 = the session's worker runs them one after another).
  explicit Session(Mode mode = Mode::Worker, std::size_t pool_size = 0);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  std::uint64_t submit(Scenario scenario);  // returns the request id
  std::uint64_t submit_sweep(SweepGrid grid);
  void cancel();  // stops the current request after its running cells

  // Sliced mode: runs the next cell; true while the current request has cells left.
  bool poll();
  // Worker mode: returns once the newest request is complete, cancelled or failed (CLI, tests).
  // Sliced mode: runs everything that is left.
  void wait_idle();

  // Bytes of trace one request may hold, shared among its cells (trace_budget.h); 0 = only
  // each scenario's own limits.max_trace_bytes. Applies to requests submitted after it.
  void set_trace_budget(std::uint64_t bytes) { trace_budget_ = bytes; }

  std::shared_ptr<const SessionSnapshot> snapshot() const;
  Mode mode() const { return mode_; }
  // Cells that have begun running, over the session's life ("busy" indicators; tests that
  // must know a run is in progress before cancelling it).
  std::uint64_t cells_started() const { return cells_started_.load(); }

 private:
  struct Job {
    std::uint64_t request = 0;
    SweepGrid grid;
    std::size_t next = 0;                // sliced mode: next cell
    std::uint64_t cell_trace_bytes = 0;  // each cell's cap (0 = none), fixed at submit
  };
  std::uint64_t start(SweepGrid grid);
  bool live(std::uint64_t request) const { return cancelled_upto_.load() < request; }
  void run_cell(const Job& job, std::size_t cell);
  void publish(std::uint64_t request, const std::function<void(SessionSnapshot&)>& change);

  Mode mode_;
  std::atomic<std::uint64_t> cancelled_upto_{0};  // requests <= this are cancelled
  std::atomic<std::uint64_t> cells_started_{0};
  std::uint64_t last_request_ = 0;
  std::uint64_t trace_budget_ = kSessionTraceBudget;  // caller's thread only (copied into each Job)
  mutable std::mutex snapshot_mutex_;                 // guards only the pointer swap
  std::shared_ptr<const SessionSnapshot> snapshot_;
  std::mutex publish_mutex_;   // serialises read-modify-publish
  std::optional<Job> sliced_;  // sliced mode: the current job

#if TL_HAS_THREADS
  void worker_loop();

  std::mutex job_mutex_;
  std::condition_variable job_cv_;   // worker: a job is pending or stopping
  std::condition_variable idle_cv_;  // wait_idle: the worker finished a job
  std::optional<Job> pending_;
  bool busy_ = false;
  bool stop_ = false;
  std::size_t pool_size_ = 0;
  std::unique_ptr<ThreadPool> pool_;  // created on the worker, used only there
  std::thread worker_;
#endif
};

}  // namespace tl
