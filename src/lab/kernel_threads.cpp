#include "lab/kernel_threads.h"

#include "lab/kernel.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

namespace tl::lab {

// Shared by the workers (detached: nobody joins them on a browser's main thread) and the owner.
struct KernelThreads::Run {
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  unsigned workers = 0, ready = 0, finished = 0;
  bool go = false;
  std::vector<Nanos> per_worker;
  volatile std::uint64_t sink = 0;
};

KernelThreads::KernelThreads() = default;

KernelThreads::~KernelThreads() {
  if (run_) wait(std::chrono::hours(1));
}

bool KernelThreads::start(std::uint64_t total_iterations, unsigned workers, std::string& error) {
  if (workers < 1 || workers > 64) {
    error = "workers must be 1 to 64";
    return false;
  }
  if (run_ && poll().state == KernelThreadsStatus::State::Running) {
    error = "a run is still going";
    return false;
  }
  auto run = std::make_shared<Run>();
  run->workers = workers;
  run->per_worker.assign(workers, 0);
  const std::uint64_t share = total_iterations / workers;
  for (unsigned i = 0; i < workers; ++i) {
    if (!start_worker(run, share, i)) {
      // The ones already started must not wait at the gate for the rest forever.
      const std::lock_guard<std::mutex> lock(run->mutex);
      run->workers = i;
      run->per_worker.resize(i);
      run->go = true;
      run->changed.notify_all();
      error = "could not start thread " + std::to_string(i + 1) + " of " + std::to_string(workers);
      run_ = std::move(run);
      return false;
    }
  }
  run_ = std::move(run);
  return true;
}

bool KernelThreads::start_worker(const std::shared_ptr<Run>& run, std::uint64_t share, unsigned i) {
#if defined(__cpp_exceptions)
  try {
#endif
    std::thread worker([run, share, i] {
      {
        std::unique_lock<std::mutex> lock(run->mutex);
        if (++run->ready == run->workers) {
          run->go = true;
          run->changed.notify_all();
        }
        run->changed.wait(lock, [&] { return run->go; });
      }
      const Nanos begin = now_ns();
      const std::uint64_t x = cpu_kernel(share, 0x9e3779b97f4a7c15ULL + i);
      const Nanos took = now_ns() - begin;
      const std::lock_guard<std::mutex> lock(run->mutex);
      run->sink = run->sink ^ x;
      run->per_worker[i] = took;
      ++run->finished;
      run->changed.notify_all();
    });
    worker.detach();
    return true;
#if defined(__cpp_exceptions)
  } catch (const std::system_error&) {
    return false;
  }
#endif
}

KernelThreadsStatus KernelThreads::poll() const {
  KernelThreadsStatus s;
  if (!run_) return s;
  const std::lock_guard<std::mutex> lock(run_->mutex);
  s.workers = run_->workers;
  s.ready = run_->ready;
  if (run_->finished < run_->workers) {
    s.state = KernelThreadsStatus::State::Running;
    return s;
  }
  s.state = KernelThreadsStatus::State::Done;
  s.per_worker_ns = run_->per_worker;
  for (Nanos t : s.per_worker_ns) s.elapsed_ns = std::max(s.elapsed_ns, t);
  return s;
}

bool KernelThreads::wait(std::chrono::milliseconds timeout) const {
  if (!run_) return true;
  std::unique_lock<std::mutex> lock(run_->mutex);
  return run_->changed.wait_for(lock, timeout, [&] { return run_->finished == run_->workers; });
}

}  // namespace tl::lab
