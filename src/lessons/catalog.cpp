// The metric vocabulary of lesson checks. Adding a metric: a row here and a case in
// measure() (checks.cpp); docs/lessons.md lists them.
#include "lessons/catalog.h"

#include <array>
#include <span>

namespace tl::lessons {

namespace {

constexpr std::array kMetrics = {
    MetricInfo{"makespan", 't', MetricScope::Run, "", false, false, "end of the last thread"},
    MetricInfo{"context_switches", 0, MetricScope::Run, "", false, false, "switches between threads on the cores"},
    MetricInfo{"preemptions", 0, MetricScope::Run, "", false, false, "threads taken off a core while still runnable"},
    MetricInfo{"max_running", 0, MetricScope::Run, "", false, false, "most threads on cores at one instant"},
    MetricInfo{"parallelism", 0, MetricScope::Run, "", false, false, "core busy time / makespan"},
    MetricInfo{"ipc_copied", 'k', MetricScope::Run, "", false, false, "data copied through pipes"},
    MetricInfo{"finished_threads", 0, MetricScope::Run, "", false, false, "threads that finished"},
    MetricInfo{"outcome", 0, MetricScope::Run, "", false, true, "completed, deadlock, time-limit, event-limit"},
    MetricInfo{"turnaround", 't', MetricScope::Thread, "mean", false, false, "completion - arrival"},
    MetricInfo{"response", 't', MetricScope::Thread, "mean", false, false, "first time on a core - arrival"},
    MetricInfo{"wait", 't', MetricScope::Thread, "mean", false, false, "time ready but not on a core"},
    MetricInfo{"cpu", 't', MetricScope::Thread, "mean", false, false, "time running"},
    MetricInfo{"gil_wait", 't', MetricScope::Thread, "mean", false, false, "time waiting for the GIL"},
    MetricInfo{"wakeup_mean", 't', MetricScope::Thread, "mean", false, false, "mean wake-up latency"},
    MetricInfo{"wakeup_max", 't', MetricScope::Thread, "max", false, false, "longest wake-up latency"},
    MetricInfo{"wakeups", 0, MetricScope::Thread, "sum", false, false, "wake-ups counted"},
    MetricInfo{"state", 't', MetricScope::Thread, "sum", true, false, "time spent in \"state\""},
    MetricInfo{"state_count", 0, MetricScope::Thread, "sum", true, false, "times a thread entered \"state\""},
    MetricInfo{"busy", 't', MetricScope::Core, "", false, false, "core time running threads"},
    MetricInfo{"overhead", 't', MetricScope::Core, "", false, false, "core time paying switch costs"},
    MetricInfo{"resident", 'k', MetricScope::Process, "", false, false, "peak resident memory"},
    MetricInfo{"private", 'k', MetricScope::Process, "", false, false, "peak private memory"},
    MetricInfo{"shared", 'k', MetricScope::Process, "", false, false, "peak shared memory"},
    MetricInfo{"value", 0, MetricScope::Var, "", false, false, "a shared variable's final value"},
    MetricInfo{"increments", 0, MetricScope::Var, "", false, false, "increments that completed"},
    MetricInfo{"lost", 0, MetricScope::Var, "", false, false, "increments overwritten by a race"},
};

struct Unit {
  std::string_view suffix;
  std::int64_t ns;
};
constexpr std::array kTimeUnits = {Unit{"_ns", 1}, Unit{"_us", 1'000}, Unit{"_ms", 1'000'000}, Unit{"_s", 1'000'000'000}};
constexpr std::array kSizeUnits = {Unit{"_kb", 1}, Unit{"_mb", 1024}};

constexpr std::array kStates = {ThreadState::Ready, ThreadState::Running, ThreadState::BlockedIo,
                                ThreadState::Sleeping, ThreadState::BlockedLock, ThreadState::WaitingGil,
                                ThreadState::BlockedJoin, ThreadState::BlockedReceive};

}  // namespace

std::optional<MetricName> find_metric(std::string_view name) {
  for (const MetricInfo& m : kMetrics) {
    if (!m.unit) {
      if (name == m.base) return MetricName{&m, 1};
      continue;
    }
    const std::string_view base = m.base;
    if (name.substr(0, base.size()) != base) continue;
    for (const Unit& u : m.unit == 't' ? std::span<const Unit>(kTimeUnits) : std::span<const Unit>(kSizeUnits))
      if (name.substr(base.size()) == u.suffix) return MetricName{&m, u.ns};
  }
  return std::nullopt;
}

std::string metric_list() {
  std::string out;
  for (const MetricInfo& m : kMetrics) {
    if (!out.empty()) out += ", ";
    out += m.base;
    if (m.unit) out += m.unit == 't' ? "_ms" : "_kb";
  }
  return out + " (times take _ns, _us, _ms or _s; sizes _kb or _mb)";
}

std::optional<ThreadState> find_state(std::string_view name) {
  for (ThreadState s : kStates)
    if (name == to_string(s)) return s;
  return std::nullopt;
}

std::string state_list() {
  std::string out;
  for (ThreadState s : kStates) {
    if (!out.empty()) out += ", ";
    out += to_string(s);
  }
  return out;
}

}  // namespace tl::lessons
