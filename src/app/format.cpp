#include "app/format.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>

namespace tl::app {
namespace {

struct Unit {
  double ns;
  const char* name;
};

// "\xC2\xB5" is U+00B5 MICRO SIGN, which ImGui's built-in font covers (Latin-1).
constexpr Unit kUnits[] = {{1.0, "ns"}, {1e3, "\xC2\xB5s"}, {1e6, "ms"}, {1e9, "s"}};

const Unit& unit_for(double magnitude_ns) {
  const Unit* best = &kUnits[0];
  for (const Unit& unit : kUnits)
    if (magnitude_ns >= unit.ns) best = &unit;
  return *best;
}

// Drops trailing zeros (and a trailing point) from a printed decimal number in place.
void trim_zeros(char* number) {
  if (!std::strchr(number, '.')) return;
  char* end = number + std::strlen(number) - 1;
  while (*end == '0') *end-- = '\0';
  if (*end == '.') *end = '\0';
}

TimeText compose(double value, int decimals, const char* unit) {
  TimeText out;
  char number[24];
  std::snprintf(number, sizeof number, "%.*f", decimals, value);
  trim_zeros(number);
  if (std::strcmp(number, "-0") == 0) std::strcpy(number, "0");
  std::snprintf(out.text, sizeof out.text, *unit ? "%s %s" : "%s", number, unit);
  return out;
}

}  // namespace

TimeText format_time(TimeNs ns) {
  if (ns == 0) return compose(0, 0, "");  // zero needs no unit
  const Unit& unit = unit_for(std::fabs(double(ns)));
  const double value = double(ns) / unit.ns;
  const double magnitude = std::fabs(value);
  const int decimals = unit.ns == 1.0 ? 0 : magnitude >= 100 ? 1
                                        : magnitude >= 10    ? 2
                                                             : 3;
  return compose(value, decimals, unit.name);
}

TimeText format_tick(TimeNs t, TimeNs step) {
  if (t == 0) return compose(0, 0, "");
  // The tick's own unit ("500 µs", "1 ms", "1.5 ms"), the step's precision in that unit.
  const Unit& unit = unit_for(std::fabs(double(t)));
  const double step_in_unit = double(step) / unit.ns;
  int decimals = 0;
  while (decimals < 6 && std::fabs(step_in_unit * std::pow(10.0, decimals) -
                                   std::round(step_in_unit * std::pow(10.0, decimals))) > 1e-6)
    ++decimals;
  return compose(double(t) / unit.ns, decimals, unit.name);
}

TimeNs nice_step(double min_ns) {
  if (!(min_ns > 1)) return 1;
  TimeNs power = 1;
  while (double(power) * 10 <= min_ns) power *= 10;
  for (TimeNs factor : {1, 2, 5, 10})
    if (double(power * factor) >= min_ns) return power * factor;
  return power * 10;
}

const char* policy_name(PolicyKind policy) {
  switch (policy) {
    case PolicyKind::Fifo: return "FIFO";
    case PolicyKind::Sjf: return "SJF";
    case PolicyKind::Stcf: return "STCF";
    case PolicyKind::Rr: return "round robin";
    case PolicyKind::Priority: return "priority";
    case PolicyKind::Mlfq: return "MLFQ";
    case PolicyKind::Cyclic: return "cyclic";
  }
  return "?";
}

const char* state_name(ThreadState state) {
  switch (state) {
    case ThreadState::Running: return "running";
    case ThreadState::Ready: return "ready";
    case ThreadState::BlockedIo: return "blocked on I/O";
    case ThreadState::Sleeping: return "sleeping";
    case ThreadState::BlockedLock: return "blocked on a lock";
    case ThreadState::WaitingGil: return "waiting for the GIL";
    case ThreadState::BlockedJoin: return "blocked on join";
    case ThreadState::BlockedReceive: return "blocked on receive";
  }
  return "?";
}

const char* state_short(ThreadState state) {
  switch (state) {
    case ThreadState::Running: return "running";
    case ThreadState::Ready: return "ready";
    case ThreadState::BlockedIo: return "I/O";
    case ThreadState::Sleeping: return "sleep";
    case ThreadState::BlockedLock: return "lock";
    case ThreadState::WaitingGil: return "GIL";
    case ThreadState::BlockedJoin: return "join";
    case ThreadState::BlockedReceive: return "receive";
  }
  return "?";
}

const char* state_meaning(ThreadState state) {
  switch (state) {
    case ThreadState::Running: return "on a core, executing its program";
    case ThreadState::Ready: return "runnable, waiting for a free core";
    case ThreadState::BlockedIo: return "waiting for an I/O to complete; its core is free";
    case ThreadState::Sleeping: return "asleep for a set time; its core is free";
    case ThreadState::BlockedLock: return "waiting for a mutex another thread holds";
    case ThreadState::WaitingGil: return "runnable, but another thread of its process holds the GIL";
    case ThreadState::BlockedJoin: return "waiting for a thread or process to finish";
    case ThreadState::BlockedReceive: return "waiting for a message on a channel";
  }
  return "?";
}

}  // namespace tl::app
