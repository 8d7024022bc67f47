// A fixed-size pool for independent, deterministic jobs (sweep cells). Results never depend on
// the pool size: each job writes only its own slot, so completion order is irrelevant.
// Without threads (TL_HAS_THREADS == 0) the pool has no workers and runs jobs on the caller.
#pragma once
#include "sim/run/threads_config.h"

#include <cstddef>
#include <exception>
#include <functional>

#if TL_HAS_THREADS
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace tl {

class ThreadPool {
 public:
  // size 0: no workers, parallel_for runs on the caller (also forced without threads).
  explicit ThreadPool(std::size_t size);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  std::size_t size() const;
  // Runs job(0) .. job(count-1), each exactly once, on the workers (on the caller if there
  // are none), and returns when all have finished. If jobs throw, the first exception (by
  // index) is rethrown after every job has run, so one bad cell cannot leave others half
  // done. One call at a time.
  void parallel_for(std::size_t count, const std::function<void(std::size_t)>& job);

  // The machine's hardware threads, at least 1 (the default pool size for sweeps).
  static std::size_t hardware_threads();

 private:
#if TL_HAS_THREADS
  void worker_loop();
  void run_jobs();  // claims indices until none is left

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;  // workers: a batch started or stopping
  std::condition_variable done_;  // caller: the batch finished
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t count_ = 0, next_ = 0, finished_ = 0;
  std::size_t batch_ = 0;  // batch number, so a worker joins each once
  std::vector<std::exception_ptr> errors_;
  bool stop_ = false;
#endif
};

}  // namespace tl
