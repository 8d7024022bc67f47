#include "app/views/race_steps.h"

#include <algorithm>

namespace tl::app {
namespace {

bool writes(VarAccessKind kind) {
  return kind == VarAccessKind::Store || kind == VarAccessKind::Atomic || kind == VarAccessKind::ForkCopy;
}

// A store writes what its thread loaded plus one. When memory has moved on since that load, the
// store undoes the updates made in between: memory + 1 - written of them (the increments it
// overwrote). Those are marked lost: the latest writes of other threads since its load.
void mark_lost(VariableHistory& var) {
  std::vector<std::int64_t> last_load;  // [thread] step index of its last load, -1 none
  std::int64_t memory = var.initial;
  for (std::size_t i = 0; i < var.steps.size(); ++i) {
    RaceStep& step = var.steps[i];
    if (step.thread >= last_load.size()) last_load.resize(step.thread + 1, -1);
    if (step.kind == VarAccessKind::Load) last_load[step.thread] = std::int64_t(i);
    if (step.kind == VarAccessKind::Store && memory + 1 > step.value) {
      step.clobbers = std::uint32_t(memory + 1 - step.value);
      std::uint32_t marked = 0;
      for (std::int64_t j = std::int64_t(i) - 1; j > last_load[step.thread] && marked < step.clobbers; --j) {
        RaceStep& other = var.steps[std::size_t(j)];
        if (other.thread == step.thread || other.lost) continue;
        if (other.kind != VarAccessKind::Store && other.kind != VarAccessKind::Atomic) continue;
        other.lost = true;
        ++marked;
      }
    }
    if (writes(step.kind)) memory = step.value;
  }
}

}  // namespace

RaceHistory build_race_history(const Scenario& scenario, const Trace& trace) {
  RaceHistory history;
  for (const ProcessSpec& process : scenario.processes)
    for (std::size_t v = 0; v < process.vars.size(); ++v)
      history.vars.push_back({{}, v < process.initial.size() ? process.initial[v] : 0});
  for (std::size_t i = 0; i < trace.var_accesses.size(); ++i) {
    const VarAccess& a = trace.var_accesses[i];
    if (a.var >= history.vars.size()) continue;
    history.vars[a.var].steps.push_back({std::uint32_t(i), a.time, a.thread, a.kind, a.value, false, 0, 0, 0});
  }
  for (VariableHistory& var : history.vars) {
    mark_lost(var);
    // Lost by now = increments completed - what memory gained: exact whatever the interleaving
    // (a stale store can also bring back an update an earlier one undid). A fork's copy is the
    // child's starting point.
    std::int64_t memory = var.initial, base = var.initial, increments = 0;
    std::vector<bool> seen;
    for (RaceStep& step : var.steps) {
      if (step.kind == VarAccessKind::ForkCopy) {
        base = step.value;
        increments = 0;
      }
      if (step.kind == VarAccessKind::Store || step.kind == VarAccessKind::Atomic) ++increments;
      if (writes(step.kind)) memory = step.value;
      step.memory = memory;
      step.lost_so_far = std::uint64_t(std::max<std::int64_t>(0, increments - (memory - base)));
      if (step.thread >= seen.size()) seen.resize(step.thread + 1, false);
      if (!seen[step.thread]) var.threads.push_back(step.thread);
      seen[step.thread] = true;
    }
    std::sort(var.threads.begin(), var.threads.end());
  }
  return history;
}

std::int64_t step_at(const VariableHistory& var, TimeNs t) {
  const auto after = std::upper_bound(var.steps.begin(), var.steps.end(), t,
                                      [](TimeNs time, const RaceStep& s) { return time < s.time; });
  return std::int64_t(after - var.steps.begin()) - 1;
}

std::int64_t value_at(const VariableHistory& var, TimeNs t) {
  const std::int64_t i = step_at(var, t);
  return i < 0 ? var.initial : var.steps[std::size_t(i)].memory;
}

std::uint64_t lost_by(const VariableHistory& var, TimeNs t) {
  const std::int64_t i = step_at(var, t);
  return i < 0 ? 0 : var.steps[std::size_t(i)].lost_so_far;
}

}  // namespace tl::app
