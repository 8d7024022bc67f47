#include "lab/pingpong.h"

#include "lab/launch.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <linux/futex.h>
#include <mutex>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace tl::lab {

std::string PingPongCase::name() const {
  std::string s = peers == Peers::Threads ? "threads" : "processes";
  s += channel == Channel::Futex ? " futex" : channel == Channel::CondVar ? " condvar"
                                                                          : " pipe";
  s += placement == Placement::SameCpu ? " same-cpu" : " two-cpus";
  return s;
}

std::vector<PingPongCase> standard_pingpong_cases() {
  return {
      {Peers::Threads, Channel::Futex, Placement::SameCpu},
      {Peers::Processes, Channel::Futex, Placement::SameCpu},
      {Peers::Threads, Channel::Pipe, Placement::SameCpu},
      {Peers::Processes, Channel::Pipe, Placement::SameCpu},
      {Peers::Threads, Channel::CondVar, Placement::SameCpu},
      {Peers::Threads, Channel::Futex, Placement::TwoCpus},
      {Peers::Processes, Channel::Pipe, Placement::TwoCpus},
  };
}

namespace {

std::vector<int> allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  return cpus;
}

void pin_to(int cpu) {  // the calling thread only (Linux: pid 0 = this thread)
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

// The turn word: 0 = A's turn, 1 = B's. Private futex ops for threads, shared for processes.
struct FutexTurn {
  std::atomic<int> turn{0};
  bool shared = false;
  void wait_for(int mine) {
    int seen;
    while ((seen = turn.load(std::memory_order_acquire)) != mine)
      syscall(SYS_futex, reinterpret_cast<int*>(&turn), shared ? FUTEX_WAIT : FUTEX_WAIT_PRIVATE, seen, nullptr, nullptr, 0);
  }
  void give(int other) {
    turn.store(other, std::memory_order_release);
    syscall(SYS_futex, reinterpret_cast<int*>(&turn), shared ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
};

struct CondTurn {
  std::mutex m;
  std::condition_variable cv;
  int turn = 0;
  void wait_for(int mine) {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return turn == mine; });
  }
  void give(int other) {
    {
      std::lock_guard lock(m);
      turn = other;
    }
    cv.notify_one();
  }
};

struct PipePair {
  int a_to_b[2] = {-1, -1}, b_to_a[2] = {-1, -1};
  bool open() { return pipe(a_to_b) == 0 && pipe(b_to_a) == 0; }
  void close_all() {
    for (int fd : {a_to_b[0], a_to_b[1], b_to_a[0], b_to_a[1]})
      if (fd >= 0) close(fd);
  }
  static bool put(int fd) {
    char c = 1;
    return write(fd, &c, 1) == 1;
  }
  static bool get(int fd) {
    char c;
    ssize_t n;
    while ((n = read(fd, &c, 1)) < 0 && errno == EINTR) {}
    return n == 1;
  }
};

// Runs side A on a new thread (pinned to cpu_a) and side B on a new thread or forked child
// (pinned to cpu_b); returns A's time for the exchange, -1 on failure.
Nanos run_sides(bool as_process, int cpu_a, int cpu_b, const std::function<void()>& side_a,
                const std::function<void()>& side_b) {
  Nanos elapsed = -1;
  if (!as_process) {
    std::thread b([&] { pin_to(cpu_b); side_b(); });
    std::thread a([&] {
      pin_to(cpu_a);
      const Nanos t0 = now_ns();
      side_a();
      elapsed = now_ns() - t0;
    });
    a.join();
    b.join();
    return elapsed;
  }
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    pin_to(cpu_b);
    side_b();
    _exit(0);
  }
  std::thread a([&] {
    pin_to(cpu_a);
    const Nanos t0 = now_ns();
    side_a();
    elapsed = now_ns() - t0;
  });
  a.join();
  return wait_ok(pid) ? elapsed : -1;
}

}  // namespace

int first_allowed_cpu() {
  const std::vector<int> cpus = allowed_cpus();
  return cpus.empty() ? -1 : cpus[0];
}
int second_allowed_cpu() {
  const std::vector<int> cpus = allowed_cpus();
  return cpus.size() < 2 ? -1 : cpus[1];
}

PingPongResult measure_pingpong(const PingPongCase& which, int round_trips, int min_repeats, int max_repeats,
                                Nanos budget_ns, std::string& error) {
  PingPongResult r;
  r.which = which;
  const int cpu_a = first_allowed_cpu();
  const int cpu_b = which.placement == Placement::SameCpu ? cpu_a : second_allowed_cpu();
  if (cpu_a < 0 || cpu_b < 0) {
    r.skipped = true;
    return r;
  }
  const bool as_process = which.peers == Peers::Processes;
  Budget budget(budget_ns, min_repeats, max_repeats);
  for (int rep = 0; budget.another(rep); ++rep) {
    Nanos t = -1;
    if (which.channel == Channel::Pipe) {
      PipePair p;
      if (!p.open()) {
        error = std::string("pipe: ") + std::strerror(errno);
        p.close_all();
        return r;
      }
      t = run_sides(
          as_process, cpu_a, cpu_b,
          [&] { for (int i = 0; i < round_trips; ++i) if (!PipePair::put(p.a_to_b[1]) || !PipePair::get(p.b_to_a[0])) return; },
          [&] { for (int i = 0; i < round_trips; ++i) if (!PipePair::get(p.a_to_b[0]) || !PipePair::put(p.b_to_a[1])) return; });
      p.close_all();
    } else if (which.channel == Channel::Futex) {
      // Shared memory, so a forked peer sees the same word (threads just share it anyway).
      void* mem = mmap(nullptr, sizeof(FutexTurn), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
      if (mem == MAP_FAILED) {
        error = std::string("mmap: ") + std::strerror(errno);
        return r;
      }
      FutexTurn* f = new (mem) FutexTurn;
      f->shared = as_process;
      t = run_sides(
          as_process, cpu_a, cpu_b,
          [&] { for (int i = 0; i < round_trips; ++i) { f->give(1); f->wait_for(0); } },
          [&] { for (int i = 0; i < round_trips; ++i) { f->wait_for(1); f->give(0); } });
      f->~FutexTurn();
      munmap(mem, sizeof(FutexTurn));
    } else {
      if (as_process) {
        error = "a condition variable ping-pong is between threads only";
        return r;
      }
      CondTurn c;
      t = run_sides(
          false, cpu_a, cpu_b,
          [&] { for (int i = 0; i < round_trips; ++i) { c.give(1); c.wait_for(0); } },
          [&] { for (int i = 0; i < round_trips; ++i) { c.wait_for(1); c.give(0); } });
    }
    if (t < 0) {
      error = "ping-pong " + which.name() + ": a peer failed";
      return r;
    }
    r.samples.push_back(t / round_trips);
  }
  r.round_trip_ns = median(r.samples);
  return r;
}

}  // namespace tl::lab
