// `threadlab-cli run FILE [--json] [--trace-out OUT.json]`
//
// [SECTION] JSON
// [SECTION] Table
// [SECTION] Command
#include "cli/commands.h"

#include "sim/engine/engine.h"
#include "sim/core/format.h"
#include "sim/export/chrome_trace.h"
#include "sim/trace/run_summary.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <vector>

namespace tl::cli {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON
// ---------------------------------------------------------------------------------------------
// Written by hand rather than through a JSON library so that every number is an exact decimal
// made from integers: native and wasm builds print the same bytes.
std::string to_json(const Scenario& s, const RunResult& r) {
  const Metrics& m = r.metrics;
  std::string o = "{\"outcome\":\"";
  o += to_string(r.outcome);
  o += "\",\"makespan_us\":";
  append_us(o, m.makespan);
  o += ",\"context_switches\":";
  o += std::to_string(m.context_switches);
  if (m.smt > 1) {  // only with SMT, so other outputs stay as they were
    o += ",\"smt\":" + std::to_string(m.smt) + ",\"physical_cores\":" + std::to_string(m.physical_cores);
    o += ",\"smt_shared_us\":";
    append_us(o, m.smt_shared);
  }
  o += ",\"threads\":[";
  for (std::size_t t = 0; t < m.threads.size(); ++t) {
    const ThreadMetrics& tm = m.threads[t];
    if (t) o += ",";
    o += "\n  {\"name\":";
    append_json_string(o, s.threads[t].name);
    o += ",\"process\":";
    append_json_string(o, s.processes[s.threads[t].process].name);
    o += ",\"finished\":";
    o += tm.finished ? "true" : "false";
    o += ",\"turnaround_us\":";
    append_us(o, tm.turnaround);
    o += ",\"response_us\":";
    append_us(o, tm.response);
    o += ",\"wait_us\":";
    append_us(o, tm.wait);
    o += ",\"cpu_us\":";
    append_us(o, tm.cpu);
    o += ",\"gil_wait_us\":";
    append_us(o, tm.gil_wait);
    o += ",\"wakeup_latency_us\":{\"mean\":";
    append_us(o, tm.wakeup_latency.mean);
    o += ",\"max\":";
    append_us(o, tm.wakeup_latency.max);
    o += ",\"count\":";
    o += std::to_string(tm.wakeup_latency.count);
    o += "}}";
  }
  o += "],\n\"cores\":[";
  for (std::size_t c = 0; c < m.cores.size(); ++c) {
    if (c) o += ",";
    o += "\n  {\"core\":";
    o += std::to_string(c);
    o += ",\"busy_us\":";
    append_us(o, m.cores[c].busy);
    o += ",\"overhead_us\":";
    append_us(o, m.cores[c].overhead);
    o += "}";
  }
  o += "],\n\"vars\":{";
  bool first = true;
  for (const VariableSummary& v : shared_variables(s, r)) {
    if (!first) o += ",";
    first = false;
    o += "\n  ";
    append_json_string(o, v.name);
    o += ":";
    o += std::to_string(v.value);
  }
  o += "},\n\"processes\":[";
  for (std::size_t p = 0; p < s.processes.size() && p < m.processes.size(); ++p) {
    if (p) o += ",";
    o += "\n  {\"name\":";
    append_json_string(o, s.processes[p].name);
    o += ",\"resident_kb\":" + std::to_string(m.processes[p].resident_kb);
    o += ",\"private_kb\":" + std::to_string(m.processes[p].private_kb);
    o += ",\"shared_kb\":" + std::to_string(m.processes[p].shared_kb) + "}";
  }
  o += "],\n\"ipc_bytes_copied\":" + std::to_string(m.ipc_bytes_copied);
  if (!m.tasks.empty()) {  // only with event loops, so other outputs stay as they were
    o += ",\n\"tasks\":[";
    for (std::size_t k = 0; k < m.tasks.size(); ++k) {
      const TaskMetrics& km = m.tasks[k];
      if (k) o += ",";
      o += "\n  {\"name\":";
      append_json_string(o, s.tasks[k].name);
      o += ",\"thread\":";
      append_json_string(o, s.threads[s.tasks[k].thread].name);
      o += ",\"finished\":";
      o += km.finished ? "true" : "false";
      o += ",\"turnaround_us\":";
      append_us(o, km.turnaround);
      o += ",\"running_us\":";
      append_us(o, km.running);
      o += ",\"ready_us\":";
      append_us(o, km.ready);
      o += ",\"awaiting_us\":";
      append_us(o, km.awaiting);
      o += ",\"wakeup_latency_us\":{\"mean\":";
      append_us(o, km.wakeup_latency.mean);
      o += ",\"max\":";
      append_us(o, km.wakeup_latency.max);
      o += ",\"count\":";
      o += std::to_string(km.wakeup_latency.count);
      o += "}}";
    }
    o += "]";
  }
  if (r.outcome == Outcome::Deadlock) {
    o += ",\n\"waits\":[";
    for (std::size_t i = 0; i < r.waits.size(); ++i) {
      const WaitEdge& w = r.waits[i];
      if (i) o += ",";
      o += "\n  {\"waiter\":";
      append_json_string(o, s.threads[w.waiter].name);
      o += ",\"process\":";
      append_json_string(o, s.processes[w.process].name);
      o += ",\"mutex\":";
      append_json_string(o, s.processes[w.process].mutexes[w.mutex]);
      o += ",\"holder\":";
      if (w.holder == kNoThread) o += "null";
      else append_json_string(o, s.threads[w.holder].name);
      o += "}";
    }
    o += "]";
  }
  o += "}\n";
  return o;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Table
// ---------------------------------------------------------------------------------------------
struct Table {
  std::vector<std::vector<std::string>> rows;  // rows[0] is the header
  std::string render() const {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
      if (width.size() < row.size()) width.resize(row.size(), 0);
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c) {
        // Names left-aligned, numbers right-aligned.
        const std::size_t pad = width[c] - row[c].size();
        if (c < 2) line += row[c] + std::string(pad, ' ');
        else line += std::string(pad, ' ') + row[c];
        if (c + 1 < row.size()) line += "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }
};

std::string to_table(const Scenario& s, const RunResult& r) {
  const Metrics& m = r.metrics;
  std::string o;
  o += std::string("outcome           ") + to_string(r.outcome) + "\n";
  o += "makespan          " + format_us(m.makespan) + " us\n";
  o += "context switches  ";
  o += std::to_string(m.context_switches);
  o += "\n";
  if (m.smt > 1) {  // the core rows below are hardware threads; h and h + cores share a core
    o += "hardware threads  " + std::to_string(m.cores.size()) + " (" + std::to_string(m.physical_cores) +
         " cores x " + std::to_string(m.smt) + " SMT)\n";
    o += "smt shared        " + format_us(m.smt_shared) + " us (run beside a busy sibling, at its share of the core)\n";
  }
  o += "\n";

  // The GIL column appears only where a GIL exists, so textbook tables stay as they were.
  const bool gil = s.gil.enabled;
  Table threads;
  threads.rows.push_back({"thread", "process", "turnaround_us", "response_us", "wait_us",
                          "cpu_us", "wakeup_mean_us", "wakeup_max_us", "wakeups"});
  if (gil) threads.rows.back().push_back("gil_wait_us");
  for (std::size_t t = 0; t < m.threads.size(); ++t) {
    const ThreadMetrics& tm = m.threads[t];
    threads.rows.push_back({s.threads[t].name + (tm.finished ? "" : " (unfinished)"),
                            s.processes[s.threads[t].process].name, format_us(tm.turnaround),
                            format_us(tm.response), format_us(tm.wait), format_us(tm.cpu),
                            format_us(tm.wakeup_latency.mean), format_us(tm.wakeup_latency.max),
                            std::to_string(tm.wakeup_latency.count)});
    if (gil) threads.rows.back().push_back(format_us(tm.gil_wait));
  }
  o += threads.render() + "\n";

  Table cores;
  cores.rows.push_back({"core", "", "busy_us", "overhead_us"});
  for (std::size_t c = 0; c < m.cores.size(); ++c)
    cores.rows.push_back({std::to_string(c), "", format_us(m.cores[c].busy),
                          format_us(m.cores[c].overhead)});
  o += cores.render();

  // A process that never started has no memory and no row. Each column is its own peak
  // (trace/memory_lanes.h), so private + shared need not add up to resident.
  Table memory;
  memory.rows.push_back({"process", "", "peak_resident_kb", "peak_private_kb", "peak_shared_kb"});
  for (std::size_t p = 0; p < s.processes.size() && p < m.processes.size(); ++p)
    if (m.processes[p].resident_kb > 0)
      memory.rows.push_back({s.processes[p].name, "", std::to_string(m.processes[p].resident_kb),
                             std::to_string(m.processes[p].private_kb),
                             std::to_string(m.processes[p].shared_kb)});
  if (memory.rows.size() > 1) {
    o += "\n";
    o += memory.render();
  }
  if (m.ipc_bytes_copied > 0)
    o += "\nipc bytes copied  " + std::to_string(m.ipc_bytes_copied) + "\n";

  // asyncio tasks: a row each when few, else their means and maxima.
  constexpr std::size_t kTaskRows = 32;
  if (!m.tasks.empty() && m.tasks.size() <= kTaskRows) {
    Table tasks;
    tasks.rows.push_back({"task", "thread", "turnaround_us", "running_us", "ready_us", "awaiting_us",
                          "wakeup_mean_us", "wakeup_max_us", "wakeups"});
    for (std::size_t k = 0; k < m.tasks.size(); ++k) {
      const TaskMetrics& km = m.tasks[k];
      tasks.rows.push_back({s.tasks[k].name + (km.finished ? "" : " (unfinished)"), s.threads[s.tasks[k].thread].name,
                            format_us(km.turnaround), format_us(km.running), format_us(km.ready),
                            format_us(km.awaiting), format_us(km.wakeup_latency.mean),
                            format_us(km.wakeup_latency.max), std::to_string(km.wakeup_latency.count)});
    }
    o += "\n" + tasks.render();
  } else if (!m.tasks.empty()) {
    TimeNs turnaround = 0, turnaround_max = 0, wake_max = 0, wake_sum = 0;
    std::uint64_t wakes = 0, finished = 0;
    for (const TaskMetrics& km : m.tasks) {
      turnaround += km.turnaround;
      turnaround_max = std::max(turnaround_max, km.turnaround);
      wake_sum += km.wakeup_latency.mean * static_cast<TimeNs>(km.wakeup_latency.count);
      wakes += km.wakeup_latency.count;
      wake_max = std::max(wake_max, km.wakeup_latency.max);
      finished += km.finished ? 1 : 0;
    }
    const auto n = static_cast<TimeNs>(m.tasks.size());
    o += "\ntasks             " + std::to_string(m.tasks.size()) + " (" + std::to_string(finished) + " finished)\n";
    o += "task turnaround   mean " + format_us(turnaround / n) + " us, max " + format_us(turnaround_max) + " us\n";
    o += "task wakeup       mean " + format_us(wakes ? wake_sum / static_cast<TimeNs>(wakes) : 0) + " us, max " +
         format_us(wake_max) + " us (" + std::to_string(wakes) + " awaits)\n";
  }

  // lost = initial + completed increments - final: what a race overwrote.
  Table vars;
  vars.rows.push_back({"variable", "", "final", "increments", "lost"});
  for (const VariableSummary& v : shared_variables(s, r))
    vars.rows.push_back({v.name, "", std::to_string(v.value), std::to_string(v.increments),
                         std::to_string(lost_updates(v))});
  if (vars.rows.size() > 1) {
    o += "\n";
    o += vars.render();
  }

  if (r.outcome == Outcome::Deadlock) {
    if (r.waits.empty()) {  // no lock in the cycle: receives, joins or waits nobody will answer
      o += "\ndeadlock: no lock is involved; every thread left waits for a message, a thread or a "
           "process that cannot come\n";
    } else {
      o += "\ndeadlock: wait-for edges\n";
      for (const WaitEdge& w : r.waits) o += "  " + wait_line(s, w) + "\n";
    }
  }
  return o;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Command
// ---------------------------------------------------------------------------------------------
int cmd_run(std::span<const std::string> args, Streams io) {
  RunArgs a;
  if (std::string bad = parse_run_args(args, a); !bad.empty()) {
    io.err << "error: " << bad << "\n";
    return kExitBadInput;
  }
  std::string reason;
  std::optional<std::string> text = read_text_file(a.file, reason);
  if (!text) {
    io.err << "error: " << a.file << ": " << reason << "\n";
    return kExitBadInput;
  }
  ParseResult parsed = parse_scenario(*text, scenario_parse_options(a.file));
  if (!parsed.scenario) {
    for (const ScenarioError& e : parsed.errors) io.err << format_error(e) << "\n";
    return kExitBadInput;
  }
  const Scenario& scenario = *parsed.scenario;
  // Open the trace file before running so a bad path fails fast.
  std::ofstream trace_file;
  if (!a.trace_out.empty()) {
    trace_file.open(a.trace_out, std::ios::binary | std::ios::trunc);
    if (!trace_file) {
      io.err << "error: --trace-out " << a.trace_out << ": cannot open for writing\n";
      return kExitBadInput;
    }
  }
  const RunResult result = tl::run(scenario);
  if (!a.trace_out.empty()) {
    if (!write_chrome_trace(trace_file, scenario, result) || !trace_file.flush()) {
      io.err << "error: --trace-out " << a.trace_out << ": write failed\n";
      return kExitBadInput;
    }
  }
  io.out << (a.json ? to_json(scenario, result) : to_table(scenario, result));
  return kExitOk;
}

}  // namespace tl::cli
