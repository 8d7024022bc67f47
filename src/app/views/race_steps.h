// A shared variable's history from the trace, UI-free: each thread's load, add and store (or
// atomic increment) in time order with the value read or written, which stores were lost
// (overwritten by another thread's store computed from a value read before them), and the
// variable's value at any time. The race view draws it; the info line asks it for the value at
// the playhead.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/trace.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tl::app {

struct RaceStep {
  std::uint32_t access = 0;  // index into Trace::var_accesses
  TimeNs time = 0;
  ThreadId thread = 0;
  VarAccessKind kind = VarAccessKind::Load;
  std::int64_t value = 0;         // read (load), computed (add) or written (store, atomic, fork copy)
  bool lost = false;              // a store or atomic increment a later stale store overwrote
  std::uint32_t clobbers = 0;     // a store: how many updates it undid (memory + 1 - written)
  std::uint64_t lost_so_far = 0;  // increments completed by now minus what memory gained
  std::int64_t memory = 0;        // the variable in memory after this step
};

struct VariableHistory {
  std::vector<RaceStep> steps;  // time order
  std::int64_t initial = 0;
  std::vector<ThreadId> threads;  // that touch it, by id
};

struct RaceHistory {
  std::vector<VariableHistory> vars;  // [variable] in shared_variables order
};

// Splits the trace's accesses by variable and marks lost updates. `initial` per variable is
// its declared value (shared_variables order).
RaceHistory build_race_history(const Scenario& scenario, const Trace& trace);

// The variable's value at the end of instant `t`: the last write at or before it, else the
// initial value.
std::int64_t value_at(const VariableHistory& var, TimeNs t);
// Updates lost by `t`: increments completed by then minus what the variable gained.
std::uint64_t lost_by(const VariableHistory& var, TimeNs t);
// The step shown at `t`: the last one at or before it, or -1 before the first.
std::int64_t step_at(const VariableHistory& var, TimeNs t);

}  // namespace tl::app
