#include "sim/trace/run_summary.h"

#include <limits>

namespace tl {
namespace {

std::string thread_name(const Scenario& scenario, ThreadId thread) {
  return thread < scenario.threads.size() ? scenario.threads[thread].name : "nobody";
}

// Increments past this cannot be compared with an int64 value; such a variable reports no
// loss rather than a wrapped number.
constexpr std::uint64_t kComparable = std::uint64_t(std::numeric_limits<std::int64_t>::max());

}  // namespace

std::string wait_line(const Scenario& scenario, const WaitEdge& edge) {
  const ProcessSpec* process = edge.process < scenario.processes.size() ? &scenario.processes[edge.process] : nullptr;
  const std::string mutex = process != nullptr && edge.mutex < process->mutexes.size()
                                ? process->name + "." + process->mutexes[edge.mutex]
                                : "a mutex";
  return thread_name(scenario, edge.waiter) + " waits for " + mutex + " held by " + thread_name(scenario, edge.holder);
}

std::string outcome_line(const Scenario& scenario, const RunResult& result) {
  switch (result.outcome) {
    case Outcome::Completed: return {};
    case Outcome::Deadlock: {
      std::string line = "deadlock:";
      const char* separator = " ";
      for (const WaitEdge& edge : result.waits) {
        line += separator + wait_line(scenario, edge);
        separator = ", ";
      }
      return line + " (no thread can go on, so the run stops)";
    }
    case Outcome::TimeLimit: return "stopped at the time limit (limits.max_sim_time_us) before every thread finished";
    case Outcome::EventLimit: return "stopped at the event limit (limits.max_events) before every thread finished";
    case Outcome::MemoryLimit: return "stopped at the memory limit: its trace grew past what a run may record";
    case Outcome::Cancelled: return "cancelled before every thread finished";
  }
  return {};
}

std::vector<VariableSummary> shared_variables(const Scenario& scenario, const RunResult& result) {
  std::vector<VariableSummary> out;
  for (std::size_t p = 0; p < scenario.processes.size(); ++p) {
    const ProcessSpec& process = scenario.processes[p];
    for (std::size_t v = 0; v < process.vars.size(); ++v) {
      VariableSummary summary;
      summary.name = process.name + "." + process.vars[v];
      summary.initial = v < process.initial.size() ? process.initial[v] : 0;
      summary.value = p < result.final_vars.size() && v < result.final_vars[p].size() ? result.final_vars[p][v]
                                                                                      : summary.initial;
      if (p < result.increments.size() && v < result.increments[p].size())
        summary.increments = result.increments[p][v];
      out.push_back(std::move(summary));
    }
  }
  return out;
}

std::int64_t lost_updates(const VariableSummary& variable) {
  return variable.initial + static_cast<std::int64_t>(variable.increments) - variable.value;
}

bool lost_any(const VariableSummary& variable) {
  return variable.increments > 0 && variable.increments < kComparable && lost_updates(variable) > 0;
}

std::string variable_line(const VariableSummary& variable) {
  std::string line = variable.name + " = " + std::to_string(variable.value);
  if (variable.increments == 0) return line;
  line += " (" + std::to_string(variable.increments) + (variable.increments == 1 ? " increment" : " increments");
  if (variable.initial != 0) line += " from " + std::to_string(variable.initial);
  if (variable.increments < kComparable) {
    const std::int64_t lost = lost_updates(variable);
    if (lost > 0) line += ", " + std::to_string(lost) + " lost";
    else if (lost == 0) line += ", none lost";
  }
  return line + ")";
}

}  // namespace tl
