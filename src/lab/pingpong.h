// Ping-pong: two workers hand a turn back and forth N times; a round trip is two wake-ups.
// Pinned to ONE cpu, each hand-over is a context switch (the waker blocks, the other runs):
// round trip / 2 = one switch plus the wake-up system calls. Pinned to TWO cpus, nobody
// switches away from anything: round trip / 2 = the cross-core wake-up latency. Threads use a
// futex (what std::mutex and std::condition_variable block on) and a condition variable;
// processes use a futex in shared memory and a pipe; threads over a pipe give the like-for-like
// baseline that separates the address-space change from the pipe's own cost.
#pragma once
#include "lab/clock.h"
#include "lab/progress.h"

#include <string>
#include <vector>

namespace tl::lab {

enum class Peers : std::uint8_t { Threads,
                                  Processes };
enum class Channel : std::uint8_t { Futex,
                                    CondVar,
                                    Pipe };
enum class Placement : std::uint8_t { SameCpu,
                                      TwoCpus };

struct PingPongCase {
  Peers peers;
  Channel channel;
  Placement placement;
  std::string name() const;  // e.g. "threads futex same-cpu"
};

struct PingPongResult {
  PingPongCase which;
  Nanos round_trip_ns = 0;  // median over repeats of (batch time / round trips)
  std::vector<Nanos> samples;
  bool skipped = false;  // e.g. two cpus asked on a one-cpu machine
};

// One case: `round_trips` per repeat.
PingPongResult measure_pingpong(const PingPongCase& which, int round_trips, int min_repeats, int max_repeats,
                                Nanos budget_ns, std::string& error);

// The cases the lab reports, in order.
std::vector<PingPongCase> standard_pingpong_cases();

// A cpu this process may run on, and a second one (-1 if there is only one).
int first_allowed_cpu();
int second_allowed_cpu();

}  // namespace tl::lab
