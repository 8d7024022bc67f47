// scheduler.py adapter.
//
// [SECTION] Flags
// [SECTION] Scenario
// [SECTION] Reading the run back
// [SECTION] Text
#include "sim/ostep/scheduler.h"

#include "sim/core/format.h"

#include "sim/engine/engine.h"

#include <cstdio>
#include <stdexcept>

namespace tl::ostep {

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags
// ---------------------------------------------------------------------------------------------
namespace {

enum Flag { kSeed,
            kJobs,
            kJlist,
            kMaxlen,
            kPolicy,
            kQuantum,
            kSolve };

constexpr FlagSpec kFlags[] = {
    {'s', "seed", true, kSeed},
    {'j', "jobs", true, kJobs},
    {'l', "jlist", true, kJlist},
    {'m', "maxlen", true, kMaxlen},
    {'p', "policy", true, kPolicy},
    {'q', "quantum", true, kQuantum},
    {'c', "solve", false, kSolve},
};

}  // namespace

Parsed<SchedulerOptions> parse_scheduler_args(std::span<const std::string> args) {
  Parsed<SchedulerOptions> out;
  FlagParse flags = parse_flags(kFlags, args);
  if (!flags.error.empty()) {
    out.error = flags.error;
    return out;
  }
  SchedulerOptions o;
  for (const FlagValue& f : flags.values) {
    std::optional<std::string> bad;
    switch (f.id) {
      case kSeed: bad = parse_int(f.value, 0, 4'294'967'295LL, o.seed); break;
      case kJobs: bad = parse_int(f.value, 1, kMaxJobs, o.jobs); break;
      case kMaxlen: bad = parse_int(f.value, 1, kMaxUnits, o.maxlen); break;
      case kQuantum: bad = parse_int(f.value, 1, kMaxUnits, o.quantum); break;
      case kJlist: o.jlist = f.value; break;
      case kSolve: o.solve = true; break;
      case kPolicy:
        o.policy_name = f.value;
        if (f.value == "FIFO") o.policy = SchedPolicy::Fifo;
        else if (f.value == "SJF") o.policy = SchedPolicy::Sjf;
        else if (f.value == "RR") o.policy = SchedPolicy::Rr;
        else bad = "unknown policy " + quote_name(f.value) + " (FIFO, SJF or RR; names are case sensitive)";
        break;
    }
    if (bad) {
      out.error = f.spelled + ": " + *bad;
      return out;
    }
  }
  if (o.jlist.empty()) {
    o.random = true;
    SplitMix64 rng{static_cast<std::uint64_t>(o.seed)};
    for (std::int64_t i = 0; i < o.jobs; ++i)
      o.lengths.push_back(rng.between(1, o.maxlen) * kUnitNs);
  } else {
    std::vector<std::string> parts = split(o.jlist, ',');
    if (static_cast<std::int64_t>(parts.size()) > kMaxJobs) {
      out.error = "-l/--jlist: at most " + std::to_string(kMaxJobs) + " jobs";
      return out;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      std::int64_t len = 0;
      if (auto bad = parse_scaled(parts[i], 6, kMaxUnits, len)) {
        out.error = "-l/--jlist: job " + std::to_string(i) + ": " + *bad;
        return out;
      }
      if (len == 0) {
        out.error = "-l/--jlist: job " + std::to_string(i) + ": length must be greater than 0";
        return out;
      }
      o.lengths.push_back(len);
    }
  }
  std::int64_t dispatches = 0;
  for (std::int64_t len : o.lengths) dispatches += len / (o.quantum * kUnitNs) + 1;
  if (o.policy == SchedPolicy::Rr && dispatches > kMaxDispatches) {
    out.error = "-q/--quantum: " + std::to_string(dispatches) +
                " round-robin slices is too many (at most " + std::to_string(kMaxDispatches) + ")";
    return out;
  }
  out.options = std::move(o);
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scenario
// ---------------------------------------------------------------------------------------------
Scenario scheduler_scenario(const SchedulerOptions& options) {
  Scenario s = single_cpu_without_costs();
  switch (options.policy) {
    case SchedPolicy::Fifo: s.scheduler.policy = PolicyKind::Fifo; break;
    case SchedPolicy::Sjf: s.scheduler.policy = PolicyKind::Sjf; break;
    case SchedPolicy::Rr: s.scheduler.policy = PolicyKind::Rr; break;
  }
  s.scheduler.quantum = options.quantum * kUnitNs;
  TimeNs total = 0;
  for (std::size_t i = 0; i < options.lengths.size(); ++i) {
    std::string name = "job" + std::to_string(i);
    ProcessSpec p;
    p.name = name;
    p.threads = {static_cast<ThreadId>(i)};
    s.processes.push_back(std::move(p));
    ThreadSpec t;
    t.name = name;
    t.process = static_cast<ProcessId>(i);
    t.program = {Op{OpKind::Compute, 0, options.lengths[i], 0}};
    t.op_paths = {"-l job " + std::to_string(i)};
    s.threads.push_back(std::move(t));
    total += options.lengths[i];
  }
  s.limits.max_sim_time = total + kUnitNs;
  s.limits.max_events = 16 * static_cast<std::uint64_t>(kMaxDispatches);
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading the run back
// ---------------------------------------------------------------------------------------------
// The engine decides who runs when; here we only walk its core spans in time order and redo
// scheduler.py's float bookkeeping (clock += slice) so the printed roundings match the tool's.
SchedulerReport solve_scheduler(const SchedulerOptions& options) {
  const Scenario scenario = scheduler_scenario(options);
  const RunResult run = run_to_completion(scenario);
  const std::size_t n = options.lengths.size();
  SchedulerReport r;
  r.jobs.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    r.jobs[j].length = options.lengths[j];
    r.jobs[j].response = run.metrics.threads[j].response;
    r.jobs[j].turnaround = run.metrics.threads[j].turnaround;
    r.jobs[j].wait = run.metrics.threads[j].wait;
  }
  auto as_float = [](std::int64_t ns) { return static_cast<double>(ns) / 1e6; };
  const bool rr = options.policy == SchedPolicy::Rr;
  // RR slices at most a quantum; FIFO/SJF run each job whole.
  const TimeNs q_ns = rr ? options.quantum * kUnitNs : kForever;
  const double q_f = static_cast<double>(options.quantum);

  std::vector<TimeNs> left(options.lengths);
  std::vector<double> left_f(n), lastran(n, 0.0);
  std::vector<bool> started(n, false);
  for (std::size_t j = 0; j < n; ++j) left_f[j] = as_float(options.lengths[j]);
  double clock = 0.0;
  TimeNs clock_ns = 0;
  const auto& lane = run.trace.cores.at(0);
  for (const CoreSpan& span : lane) {
    if (span.kind != CoreSpanKind::Run) continue;
    if (span.start != clock_ns || span.thread >= n)
      throw std::runtime_error("engine schedule has a gap or an unknown thread at " +
                               format_scaled(span.start, 6));
    const std::size_t j = span.thread;
    TimeNs d = span.end - span.start;
    while (d > 0) {
      if (left[j] == 0) throw std::runtime_error("engine ran a finished job");
      if (!started[j]) {
        started[j] = true;
        r.jobs[j].response_f = clock;
        r.stats_order.push_back(static_cast<int>(j));
      }
      r.jobs[j].wait_f += clock - lastran[j];
      SchedulerSlice slice{static_cast<int>(j), clock, 0.0, false};
      TimeNs chunk;
      if (left[j] > q_ns) {
        chunk = q_ns;
        slice.ran = q_f;
        left_f[j] -= q_f;
        left[j] -= q_ns;
      } else {
        chunk = left[j];
        slice.ran = left_f[j];
        slice.done = true;
        r.jobs[j].turnaround_f = clock + slice.ran;
        left[j] = 0;
      }
      if (chunk > d)
        throw std::runtime_error("engine slice of job " + std::to_string(j) + " at " +
                                 format_scaled(span.start, 6) + " is shorter than the policy's");
      d -= chunk;
      clock_ns += chunk;
      clock += slice.ran;
      lastran[j] = clock;
      r.slices.push_back(slice);
    }
  }
  for (std::size_t j = 0; j < n; ++j)
    if (left[j] != 0) throw std::runtime_error("engine left job " + std::to_string(j) + " unfinished");
  if (rr) {
    r.stats_order.clear();
    for (std::size_t j = 0; j < n; ++j) r.stats_order.push_back(static_cast<int>(j));
  } else {
    // scheduler.py's FIFO statistics recompute times from a fresh float clock: wait == response.
    double t = 0.0;
    for (int j : r.stats_order) {
      r.jobs[j].response_f = t;
      r.jobs[j].wait_f = t;
      r.jobs[j].turnaround_f = t + left_f[j];
      t += left_f[j];
    }
  }
  double sr = 0, st = 0, sw = 0;
  for (int j : r.stats_order) {
    sr += r.jobs[j].response_f;
    st += r.jobs[j].turnaround_f;
    sw += r.jobs[j].wait_f;
  }
  const double count = static_cast<double>(n);
  r.avg_response = sr / count;
  r.avg_turnaround = st / count;
  r.avg_wait = sw / count;
  return r;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Text
// ---------------------------------------------------------------------------------------------
namespace {

// Python's '%3d' % float truncates toward zero.
long long trunc_int(double v) { return static_cast<long long>(v); }

}  // namespace

std::string format_scheduler(const SchedulerOptions& o, const SchedulerReport* report) {
  std::string out = "ARG policy " + o.policy_name + "\n";
  if (o.random) {
    out += "ARG jobs " + std::to_string(o.jobs) + "\n";
    out += "ARG maxlen " + std::to_string(o.maxlen) + "\n";
    out += "ARG seed " + std::to_string(o.seed) + "\n";
    out += std::string(kRandomNote) + "\n";
  } else {
    out += "ARG jlist " + o.jlist + "\n";
  }
  out += "\nHere is the job list, with the run time of each job: \n";
  for (std::size_t j = 0; j < o.lengths.size(); ++j) {
    // Random lengths are Python ints ("5"), -l lengths floats ("5.0").
    std::string len = o.random ? std::to_string(o.lengths[j] / kUnitNs)
                               : python_float_str(o.lengths[j]);
    out += "  Job " + std::to_string(j) + " ( length = " + len + " )\n";
  }
  out += "\n\n";
  if (!report) {
    out +=
        "Compute the turnaround time, response time, and wait time for each job.\n"
        "When you are done, run this program again, with the same arguments,\n"
        "but with -c, which will thus provide you with the answers. You can use\n"
        "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
        "to generate different problems for yourself.\n\n";
    return out;
  }
  const SchedulerReport& r = *report;
  out += "** Solutions **\n\nExecution trace:\n";
  const bool rr = o.policy == SchedPolicy::Rr;
  for (const SchedulerSlice& s : r.slices) {
    if (!rr)
      appendf(out, "  [ time %3lld ] Run job %d for %.2f secs ( DONE at %.2f )\n",
              trunc_int(s.start), s.job, s.ran, s.start + s.ran);
    else if (s.done)
      appendf(out, "  [ time %3lld ] Run job %3d for %.2f secs ( DONE at %.2f )\n",
              trunc_int(s.start), s.job, s.ran, s.start + s.ran);
    else
      appendf(out, "  [ time %3lld ] Run job %3d for %.2f secs\n", trunc_int(s.start), s.job,
              s.ran);
  }
  out += "\nFinal statistics:\n";
  for (int j : r.stats_order)
    appendf(out, "  Job %3d -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n", j,
            r.jobs[j].response_f, r.jobs[j].turnaround_f, r.jobs[j].wait_f);
  appendf(out, "\n  Average -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n\n",
          r.avg_response, r.avg_turnaround, r.avg_wait);
  return out;
}

}  // namespace tl::ostep
