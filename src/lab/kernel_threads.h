// The CPU kernel on k threads that the caller does not wait for: start() returns at once and
// poll() says how far along they are. This is how a page measures pthreads (the browser's main
// thread must not block: it hands out the workers' start-up), and it works natively the same.
// Each worker waits at a start gate until all k are running, then times its own share on its
// own clock; the run's time is the slowest worker's, so thread start-up is left out (a
// browser starts a pthread's Web Worker in milliseconds, which would swamp the kernel).
#pragma once
#include "lab/clock.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::lab {

struct KernelThreadsStatus {
  enum class State : std::uint8_t { Idle,
                                    Running,
                                    Done };
  State state = State::Idle;
  unsigned workers = 0;
  unsigned ready = 0;                 // workers through the gate's door so far
  Nanos elapsed_ns = 0;               // once done: the slowest worker's time from the gate
  std::vector<Nanos> per_worker_ns;   // once done
};

class KernelThreads {
 public:
  KernelThreads();
  ~KernelThreads();  // waits for running workers
  KernelThreads(const KernelThreads&) = delete;
  KernelThreads& operator=(const KernelThreads&) = delete;

  // Splits `total_iterations` evenly over `workers` threads. False (with the reason) while a run
  // is still going or when a thread cannot be started.
  bool start(std::uint64_t total_iterations, unsigned workers, std::string& error);
  KernelThreadsStatus poll() const;
  // Blocks until the run is done or `timeout` passes (tests; never a browser's main thread).
  bool wait(std::chrono::milliseconds timeout) const;

 private:
  struct Run;
  static bool start_worker(const std::shared_ptr<Run>& run, std::uint64_t share, unsigned index);
  std::shared_ptr<Run> run_;
};

}  // namespace tl::lab
