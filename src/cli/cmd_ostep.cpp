// `threadlab-cli ostep scheduler|process-run|mlfq [FLAGS] [--json]`: the OSTEP homework
// simulators' flags and output, computed by the engine through src/sim/ostep.
#include "cli/commands.h"

#include "sim/core/format.h"
#include "sim/ostep/mlfq.h"
#include "sim/ostep/process_run.h"
#include "sim/ostep/scheduler.h"

#include <ostream>
#include <vector>

namespace tl::cli {

namespace {

using namespace tl::ostep;

std::string scheduler_json(const SchedulerOptions& o, const SchedulerReport& r) {
  std::string s = "{\"tool\":\"scheduler\",\"policy\":";
  append_json_string(s, o.policy_name);
  if (o.random) {
    s += ",\"note\":";
    append_json_string(s, kRandomNote);
  }
  s += ",\"per_job\":[";
  for (std::size_t j = 0; j < r.jobs.size(); ++j) {
    const SchedulerJob& job = r.jobs[j];
    if (j) s += ",";
    s += "\n  {\"job\":" + std::to_string(j) + ",\"length\":" + format_scaled(job.length, 6) +
         ",\"response\":" + format_scaled(job.response, 6) +
         ",\"turnaround\":" + format_scaled(job.turnaround, 6) +
         ",\"wait\":" + format_scaled(job.wait, 6) + "}";
  }
  s += "],\n\"averages\":{\"response\":" + fixed2(r.avg_response) +
       ",\"turnaround\":" + fixed2(r.avg_turnaround) + ",\"wait\":" + fixed2(r.avg_wait) + "}}\n";
  return s;
}

std::string process_run_json(const ProcessRunOptions& o, const ProcessRunReport& r) {
  std::string s = "{\"tool\":\"process-run\"";
  if (o.random) {
    s += ",\"note\":";
    append_json_string(s, kRandomNote);
  }
  const double total = static_cast<double>(r.total_time);
  s += ",\"total_time\":" + std::to_string(r.total_time) +
       ",\"cpu_busy\":" + std::to_string(r.cpu_busy) +
       ",\"io_busy\":" + std::to_string(r.io_busy) +
       ",\"cpu_busy_percent\":" + fixed2(100.0 * static_cast<double>(r.cpu_busy) / total) +
       ",\"io_busy_percent\":" + fixed2(100.0 * static_cast<double>(r.io_busy) / total) + "}\n";
  return s;
}

std::string mlfq_json(const MlfqOptions& o, const MlfqReport& r) {
  std::string s = "{\"tool\":\"mlfq\"";
  if (o.random) {
    s += ",\"note\":";
    append_json_string(s, kRandomNote);
  }
  s += ",\"per_job\":[";
  for (std::size_t j = 0; j < r.jobs.size(); ++j) {
    if (j) s += ",";
    s += "\n  {\"job\":" + std::to_string(j) + ",\"start\":" + std::to_string(o.jobs[j].start) +
         ",\"run\":" + std::to_string(o.jobs[j].run) +
         ",\"io_freq\":" + std::to_string(o.jobs[j].io_freq) +
         ",\"response\":" + std::to_string(r.jobs[j].response) +
         ",\"turnaround\":" + std::to_string(r.jobs[j].turnaround) + "}";
  }
  s += "],\n\"averages\":{\"response\":" + fixed2(r.avg_response) +
       ",\"turnaround\":" + fixed2(r.avg_turnaround) + "}}\n";
  return s;
}

// Parse, then either pose the problem (no -c) or solve it and print text or JSON.
template <class Options, class Report>
int run_tool(const char* tool, Parsed<Options> parsed, bool json, Streams io,
             Report (*solve)(const Options&),
             std::string (*text)(const Options&, const Report*),
             std::string (*to_json)(const Options&, const Report&)) {
  if (!parsed.options) {
    io.err << "error: ostep " << tool << ": " << parsed.error << "\n";
    return kExitBadInput;
  }
  const Options& o = *parsed.options;
  if (!json && !o.solve) {
    io.out << text(o, nullptr);
    return kExitOk;
  }
  const Report report = solve(o);
  io.out << (json ? to_json(o, report) : text(o, &report));
  return kExitOk;
}

}  // namespace

int cmd_ostep(std::span<const std::string> args, Streams io) {
  if (args.empty()) {
    io.err << "error: ostep: missing tool (scheduler, process-run or mlfq)\n";
    return kExitBadInput;
  }
  const std::string& tool = args[0];
  bool json = false;
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--json") json = true;
    else rest.push_back(args[i]);
  }
  if (tool == "scheduler")
    return run_tool("scheduler", parse_scheduler_args(rest), json, io, &solve_scheduler,
                    &format_scheduler, &scheduler_json);
  if (tool == "process-run")
    return run_tool("process-run", parse_process_run_args(rest), json, io, &solve_process_run,
                    &format_process_run, &process_run_json);
  if (tool == "mlfq")
    return run_tool("mlfq", parse_mlfq_args(rest), json, io, &solve_mlfq, &format_mlfq,
                    &mlfq_json);
  io.err << "error: ostep: unknown tool " << tl::quote_name(tool) << " (scheduler, process-run or mlfq)\n";
  return kExitBadInput;
}

}  // namespace tl::cli
