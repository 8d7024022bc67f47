// Helpers for the lab tests. The test machine is shared (other builds run beside the tests),
// so a sanity check gets a few attempts within a time bound: each attempt is itself a median
// of repeats, every attempt is printed (the log shows how noisy the machine was), and the
// bound the check asserts is never widened.
#pragma once
#include "lab/clock.h"
#include "lab/launch.h"

#include <cstdio>
#include <functional>
#include <string>

namespace tl::lab::test {

inline SpawnTarget cli_target() { return SpawnTarget{TL_CLI_PATH}; }

// What one attempt at a timing check saw.
enum class Attempt { Pass,
                     Fail,
                     Busy };

// How many cpus' worth other programs may use during a speedup attempt before it says nothing
// about this machine (2 workers on 2 cpus cannot speed up 1.3x if others hold one of them).
inline constexpr double kBusyCpus = 0.5;

// Runs `attempt` until it passes, at most `max_attempts` times and while `budget_ns` lasts
// (at least once). `attempt` fills `note` with what it saw. Pass if one attempt passed; Busy if
// none did and every attempt ran beside other load (the caller skips, saying so); else Fail.
inline Attempt within_attempts(const char* what, int max_attempts, Nanos budget_ns,
                               const std::function<Attempt(std::string& note)>& attempt) {
  const Nanos end = now_ns() + budget_ns;
  bool conclusive = false;
  for (int i = 1; i <= max_attempts; ++i) {
    std::string note;
    const Attempt a = attempt(note);
    std::printf("[lab] %s, attempt %d: %s -> %s\n", what, i, note.c_str(),
                a == Attempt::Pass ? "ok" : a == Attempt::Fail ? "out of bounds"
                                                               : "machine busy, inconclusive");
    std::fflush(stdout);
    if (a == Attempt::Pass) return a;
    conclusive |= a == Attempt::Fail;
    if (now_ns() >= end) break;
  }
  return conclusive ? Attempt::Fail : Attempt::Busy;
}

// Attempts that cannot be disturbed by load: pass or fail.
inline bool within_attempts(const char* what, int max_attempts, Nanos budget_ns,
                            const std::function<bool(std::string& note)>& attempt) {
  return within_attempts(what, max_attempts, budget_ns, std::function<Attempt(std::string&)>([&](std::string& note) {
                           return attempt(note) ? Attempt::Pass : Attempt::Fail;
                         })) == Attempt::Pass;
}

}  // namespace tl::lab::test
