// Shared by the fuzz targets: turning bytes into argv words, bounding a run so every input
// takes milliseconds, and the properties every run must keep (checked after each input, so
// the fuzzer finds wrong answers as well as crashes).
#pragma once
#include "sim/engine/engine.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace tl::fuzz {

// Stops the input with a message; libFuzzer (and the replay driver) report it as a crash.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
}
inline void require(bool ok, const char* what) {
  if (!ok) fail(what);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// One argv word per line: the seeds stay readable ("scheduler\n-p\nSJF\n-c"). Capped at 64
// words, more than any real command line here needs.
inline std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size() && words.size() < 64) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (!words.empty() && words.back().empty() && !text.empty() && text.back() == '\n') words.pop_back();
  return words;
}

// The engine's own limits, lowered: a parsed scenario may ask for 10^11 events; a fuzz input
// gets enough of them to reach every kind of step, and the run ends in event-limit beyond.
inline constexpr std::uint64_t kMaxEvents = 20'000;
inline void bound_for_fuzzing(Scenario& s, std::uint64_t max_events = kMaxEvents) {
  s.limits.max_events = std::min<std::uint64_t>(s.limits.max_events, max_events);
}

// Properties of every run (tests/sim/invariants_test.cpp checks a stronger set on textbook
// scenarios): lanes sorted, positive and inside the makespan; no core or thread double-booked;
// a thread's states contiguous; a completed run finished every thread.
inline void check_run(const Scenario& sc, const RunResult& r) {
  const Trace& tr = r.trace;
  require(tr.cores.size() == std::clamp<std::uint32_t>(sc.machine.cores, 1, 256) * std::max<std::uint32_t>(sc.machine.smt, 1),
          "one core lane per hardware thread (cores x smt)");
  require(tr.threads.size() == sc.threads.size(), "one state lane per thread");
  require(r.metrics.threads.size() == sc.threads.size(), "one metrics row per thread");
  std::vector<std::vector<std::pair<TimeNs, TimeNs>>> on_core(sc.threads.size());
  for (const auto& lane : tr.cores) {
    TimeNs prev_end = 0;
    for (const CoreSpan& s : lane) {
      require(s.start < s.end, "core span has positive length");
      require(s.start >= prev_end, "core spans sorted and disjoint");
      require(s.end <= tr.makespan, "core span inside the makespan");
      require(s.thread < sc.threads.size(), "core span names a thread");
      prev_end = s.end;
      on_core[s.thread].push_back({s.start, s.end});
    }
  }
  for (auto& spans : on_core) {
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) require(spans[i].first >= spans[i - 1].second, "thread on two cores at once");
  }
  for (std::size_t t = 0; t < tr.threads.size(); ++t) {
    const auto& lane = tr.threads[t];
    for (std::size_t i = 0; i < lane.size(); ++i) {
      require(lane[i].start < lane[i].end, "state span has positive length");
      require(lane[i].end <= tr.makespan, "state span inside the makespan");
      if (i) require(lane[i].start == lane[i - 1].end, "state lane contiguous");
    }
    if (r.outcome == Outcome::Completed) require(r.metrics.threads[t].finished, "completed run finished every thread");
  }
  // Lock wait-for edges only in a deadlock; a deadlock of receives, joins or waits has none.
  require(r.waits.empty() || r.outcome == Outcome::Deadlock, "wait-for edges only in a deadlock");
}

// Same scenario, same result: the parts a front end shows.
inline void check_same(const RunResult& a, const RunResult& b) {
  require(a.outcome == b.outcome && a.events == b.events, "deterministic outcome and step count");
  require(a.trace.makespan == b.trace.makespan && a.trace.completion == b.trace.completion, "deterministic makespan");
  require(a.final_vars == b.final_vars, "deterministic final variables");
  require(a.trace.cores.size() == b.trace.cores.size(), "deterministic core lanes");
  for (std::size_t c = 0; c < a.trace.cores.size(); ++c) {
    const auto& x = a.trace.cores[c];
    const auto& y = b.trace.cores[c];
    require(x.size() == y.size(), "deterministic core spans");
    for (std::size_t i = 0; i < x.size(); ++i)
      require(x[i].start == y[i].start && x[i].end == y[i].end && x[i].thread == y[i].thread, "deterministic core spans");
  }
}

}  // namespace tl::fuzz
