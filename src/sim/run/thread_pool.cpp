#include "sim/run/thread_pool.h"

#include <algorithm>

namespace tl {

#if TL_HAS_THREADS

ThreadPool::ThreadPool(std::size_t size) {
  workers_.reserve(size);
  for (std::size_t i = 0; i < size; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& w : workers_) w.join();
}

std::size_t ThreadPool::size() const { return workers_.size(); }

std::size_t ThreadPool::hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void ThreadPool::worker_loop() {
  std::size_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || batch_ != seen; });
      if (stop_) return;
      seen = batch_;
    }
    run_jobs();
  }
}

void ThreadPool::run_jobs() {
  std::unique_lock lock(mutex_);
  while (job_ && next_ < count_) {
    const std::size_t i = next_++;
    const auto* job = job_;
    lock.unlock();
    std::exception_ptr error;
    try {
      (*job)(i);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error) errors_[i] = error;
    if (++finished_ == count_) done_.notify_all();
  }
}

void ThreadPool::parallel_for(std::size_t count, const std::function<void(std::size_t)>& job) {
  if (count == 0) return;
  {
    std::lock_guard lock(mutex_);
    job_ = &job;
    count_ = count;
    next_ = 0;
    finished_ = 0;
    errors_.assign(count, nullptr);
    ++batch_;
  }
  wake_.notify_all();
  // The caller only waits, so `size` is the concurrency a benchmark measures; with no workers
  // it runs the jobs itself.
  if (workers_.empty()) run_jobs();
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return finished_ == count_; });
  job_ = nullptr;
  for (const std::exception_ptr& e : errors_)
    if (e) std::rethrow_exception(e);
}

#else  // no threads: the caller runs every job, in index order

ThreadPool::ThreadPool(std::size_t) {}
ThreadPool::~ThreadPool() = default;
std::size_t ThreadPool::size() const { return 0; }
std::size_t ThreadPool::hardware_threads() { return 1; }

void ThreadPool::parallel_for(std::size_t count, const std::function<void(std::size_t)>& job) {
  std::exception_ptr first;
  for (std::size_t i = 0; i < count; ++i) {
    try {
      job(i);
    } catch (...) {
      if (!first) first = std::current_exception();
    }
  }
  if (first) std::rethrow_exception(first);
}

#endif

}  // namespace tl
