// mlfq.py adapter.
//
// [SECTION] Flags
// [SECTION] Scenario
// [SECTION] Reading the run back
// [SECTION] Text
#include "sim/ostep/mlfq.h"

#include "sim/core/format.h"

#include "sim/engine/engine.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace tl::ostep {

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags
// ---------------------------------------------------------------------------------------------
namespace {

enum Flag {
  kSeed,
  kNumQueues,
  kQuantum,
  kAllotment,
  kQuantumList,
  kAllotmentList,
  kNumJobs,
  kMaxlen,
  kMaxio,
  kBoost,
  kIoTime,
  kStay,
  kIoBump,
  kJlist,
  kSolve,
};

constexpr FlagSpec kFlags[] = {
    {'s', "seed", true, kSeed},
    {'n', "numQueues", true, kNumQueues},
    {'q', "quantum", true, kQuantum},
    {'a', "allotment", true, kAllotment},
    {'Q', "quantumList", true, kQuantumList},
    {'A', "allotmentList", true, kAllotmentList},
    {'j', "numJobs", true, kNumJobs},
    {'m', "maxlen", true, kMaxlen},
    {'M', "maxio", true, kMaxio},
    {'B', "boost", true, kBoost},
    {'i', "iotime", true, kIoTime},
    {'S', "stay", false, kStay},
    {'I', "iobump", false, kIoBump},
    {'l', "jlist", true, kJlist},
    {'c', "solve", false, kSolve},
};

constexpr std::int64_t kMaxQueues = 100;
constexpr std::int64_t kMaxHorizon = 10'000'000;  // ticks

}  // namespace

Parsed<MlfqOptions> parse_mlfq_args(std::span<const std::string> args) {
  Parsed<MlfqOptions> out;
  FlagParse flags = parse_flags(kFlags, args);
  if (!flags.error.empty()) {
    out.error = flags.error;
    return out;
  }
  MlfqOptions o;
  std::int64_t queues = 3, quantum = 10, allotment = 1, jobs = 3, maxlen = 100, maxio = 10;
  std::string qlist, alist, jlist;
  for (const FlagValue& f : flags.values) {
    std::optional<std::string> bad;
    switch (f.id) {
      case kSeed: bad = parse_int(f.value, 0, 4'294'967'295LL, o.seed); break;
      case kNumQueues: bad = parse_int(f.value, 1, kMaxQueues, queues); break;
      case kQuantum: bad = parse_int(f.value, 1, kMaxUnits, quantum); break;
      case kAllotment: bad = parse_int(f.value, 1, kMaxUnits, allotment); break;
      case kNumJobs: bad = parse_int(f.value, 1, kMaxJobs, jobs); break;
      case kMaxlen: bad = parse_int(f.value, 1, kMaxUnits, maxlen); break;
      case kMaxio: bad = parse_int(f.value, 1, kMaxUnits, maxio); break;
      case kBoost: bad = parse_int(f.value, 0, kMaxUnits, o.boost); break;
      case kIoTime: bad = parse_int(f.value, 0, kMaxUnits, o.io_time); break;
      case kQuantumList: qlist = f.value; break;
      case kAllotmentList: alist = f.value; break;
      case kJlist: jlist = f.value; break;
      case kStay: o.stay = true; break;
      case kIoBump: o.iobump = true; break;
      case kSolve: o.solve = true; break;
    }
    if (bad) {
      out.error = f.spelled + ": " + *bad;
      return out;
    }
  }
  // Lists are written highest priority first; mlfq.py numbers queues from 0 = lowest.
  if (!qlist.empty()) {
    std::vector<std::string> parts = split(qlist, ',');
    if (static_cast<std::int64_t>(parts.size()) > kMaxQueues) {
      out.error = "-Q/--quantumList: at most " + std::to_string(kMaxQueues) + " queues";
      return out;
    }
    queues = static_cast<std::int64_t>(parts.size());
    o.quantum.assign(parts.size(), 0);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (auto bad = parse_int(parts[i], 1, kMaxUnits, o.quantum[parts.size() - 1 - i])) {
        out.error = "-Q/--quantumList: entry " + std::to_string(i) + ": " + *bad;
        return out;
      }
    }
  } else {
    o.quantum.assign(static_cast<std::size_t>(queues), quantum);
  }
  if (!alist.empty()) {
    std::vector<std::string> parts = split(alist, ',');
    if (static_cast<std::int64_t>(parts.size()) != queues) {
      out.error = "-A/--allotmentList: " + std::to_string(parts.size()) +
                  " allotments for " + std::to_string(queues) + " queues (must match)";
      return out;
    }
    o.allotment.assign(parts.size(), 0);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const bool lowest = i + 1 == parts.size();
      // mlfq.py accepts any allotment for the lowest queue: nothing below it to demote to.
      if (auto bad = parse_int(parts[i], lowest ? -kMaxUnits : 1, kMaxUnits,
                               o.allotment[parts.size() - 1 - i])) {
        out.error = "-A/--allotmentList: entry " + std::to_string(i) + ": " + *bad;
        return out;
      }
    }
  } else {
    o.allotment.assign(static_cast<std::size_t>(queues), allotment);
  }
  if (!jlist.empty()) {
    std::vector<std::string> parts = split(jlist, ':');
    if (static_cast<std::int64_t>(parts.size()) > kMaxJobs) {
      out.error = "-l/--jlist: at most " + std::to_string(kMaxJobs) + " jobs";
      return out;
    }
    for (std::size_t j = 0; j < parts.size(); ++j) {
      std::vector<std::string> f = split(parts[j], ',');
      const std::string where = "-l/--jlist: job " + std::to_string(j) + ": ";
      if (f.size() != 3) {
        out.error = where + "expected startTime,runTime,ioFreq, got " + quote_name(parts[j]);
        return out;
      }
      MlfqJob job;
      std::optional<std::string> bad;
      if ((bad = parse_int(f[0], 0, kMaxUnits, job.start))) {
        out.error = where + "startTime " + *bad;
        return out;
      }
      if ((bad = parse_int(f[1], 1, kMaxUnits, job.run))) {
        out.error = where + "runTime " + *bad;
        return out;
      }
      if ((bad = parse_int(f[2], 0, kMaxUnits, job.io_freq))) {
        out.error = where + "ioFreq " + *bad;
        return out;
      }
      o.jobs.push_back(job);
    }
  } else {
    o.random = true;
    SplitMix64 rng{static_cast<std::uint64_t>(o.seed)};
    for (std::int64_t j = 0; j < jobs; ++j) {
      MlfqJob job;
      job.run = rng.between(1, std::max<std::int64_t>(1, maxlen - 1));
      job.io_freq = rng.between(1, std::max<std::int64_t>(1, maxio - 1));
      o.jobs.push_back(job);
    }
  }
  std::int64_t horizon = 0, work = 0;
  for (const MlfqJob& j : o.jobs) {
    horizon = std::max(horizon, j.start);
    work += j.run;
    if (j.io_freq > 0) horizon += (j.run / j.io_freq) * o.io_time;
  }
  horizon += work;
  if (work > kMaxDispatches || horizon > kMaxHorizon) {
    out.error = std::string(o.random ? "-j/--numJobs" : "-l/--jlist") + ": the jobs need " +
                std::to_string(work) + " ticks of CPU and up to " + std::to_string(horizon) +
                " ticks in all; at most " + std::to_string(kMaxDispatches) + " and " +
                std::to_string(kMaxHorizon);
    return out;
  }
  if (o.boost > 0 && horizon / o.boost > kMaxDispatches) {
    out.error = "-B/--boost: " + std::to_string(horizon / o.boost) + " boosts; at most " +
                std::to_string(kMaxDispatches);
    return out;
  }
  out.options = std::move(o);
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scenario
// ---------------------------------------------------------------------------------------------
// mlfq.py checks for I/O after every tick of CPU: after ioFreq ticks (unless the job just
// finished) it starts an I/O of ioTime ticks, so a job is Compute(ioFreq), Io, ... ending with
// the remaining Compute.
Scenario mlfq_scenario(const MlfqOptions& o) {
  Scenario s = single_cpu_without_costs();
  s.scheduler.policy = PolicyKind::Mlfq;
  s.scheduler.boost = o.boost * kUnitNs;
  s.scheduler.io_bump = o.iobump;
  s.scheduler.io_reset = o.stay;
  const std::size_t levels = o.quantum.size();
  for (std::size_t k = 0; k < levels; ++k) {
    const std::size_t q = levels - 1 - k;  // engine levels are highest first
    MlfqLevel level;
    level.quantum = o.quantum[q] * kUnitNs;
    // The lowest queue's allotment never matters (nothing to demote to); keep it valid.
    level.allotment = static_cast<std::uint32_t>(std::max<std::int64_t>(1, o.allotment[q]));
    s.scheduler.levels.push_back(level);
  }
  TimeNs horizon = 0, latest_start = 0;
  for (std::size_t j = 0; j < o.jobs.size(); ++j) {
    const MlfqJob& job = o.jobs[j];
    const std::string name = "JOB " + std::to_string(j);
    ProcessSpec p;
    p.name = name;
    p.threads = {static_cast<ThreadId>(j)};
    s.processes.push_back(std::move(p));
    ThreadSpec t;
    t.name = name;
    t.process = static_cast<ProcessId>(j);
    t.arrival = job.start * kUnitNs;
    std::int64_t left = job.run;
    auto add = [&](OpKind kind, std::int64_t ticks) {
      t.program.push_back(Op{kind, 0, ticks * kUnitNs, static_cast<std::uint32_t>(t.op_paths.size())});
      t.op_paths.push_back("-l job " + std::to_string(j));
      horizon += ticks * kUnitNs;
    };
    while (job.io_freq > 0 && left > job.io_freq) {
      add(OpKind::Compute, job.io_freq);
      add(OpKind::Io, o.io_time);
      left -= job.io_freq;
    }
    add(OpKind::Compute, left);
    latest_start = std::max(latest_start, t.arrival);
    s.threads.push_back(std::move(t));
  }
  // Everything serialised after the last arrival is an upper bound on the makespan.
  s.limits.max_sim_time = latest_start + horizon + kUnitNs;
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading the run back
// ---------------------------------------------------------------------------------------------
MlfqReport solve_mlfq(const MlfqOptions& o) {
  const Scenario scenario = mlfq_scenario(o);
  const RunResult run = run_to_completion(scenario);
  MlfqReport r;
  std::int64_t sr = 0, st = 0;
  for (std::size_t j = 0; j < o.jobs.size(); ++j) {
    const ThreadMetrics& m = run.metrics.threads.at(j);
    if (m.response % kUnitNs != 0 || m.turnaround % kUnitNs != 0)
      throw std::runtime_error("engine times of JOB " + std::to_string(j) + " are not whole ticks");
    MlfqJobResult jr{m.response / kUnitNs, m.turnaround / kUnitNs};
    sr += jr.response;
    st += jr.turnaround;
    r.jobs.push_back(jr);
  }
  const double n = static_cast<double>(o.jobs.size());
  r.avg_response = static_cast<double>(sr) / n;
  r.avg_turnaround = static_cast<double>(st) / n;
  return r;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Text
// ---------------------------------------------------------------------------------------------

std::string format_mlfq(const MlfqOptions& o, const MlfqReport* report) {
  std::string out;
  if (o.random) out += std::string(kRandomNote) + "\n";
  out += "Here is the list of inputs:\n";
  out += "OPTIONS jobs " + std::to_string(o.jobs.size()) + "\n";
  out += "OPTIONS queues " + std::to_string(o.quantum.size()) + "\n";
  for (std::size_t k = o.quantum.size(); k-- > 0;) {
    appendf(out, "OPTIONS allotments for queue %2zu is %3lld\n", k,
            static_cast<long long>(o.allotment[k]));
    appendf(out, "OPTIONS quantum length for queue %2zu is %3lld\n", k,
            static_cast<long long>(o.quantum[k]));
  }
  out += "OPTIONS boost " + std::to_string(o.boost) + "\n";
  out += "OPTIONS ioTime " + std::to_string(o.io_time) + "\n";
  out += std::string("OPTIONS stayAfterIO ") + (o.stay ? "True" : "False") + "\n";
  out += std::string("OPTIONS iobump ") + (o.iobump ? "True" : "False") + "\n";
  out +=
      "\n\n"
      "For each job, three defining characteristics are given:\n"
      "  startTime : at what time does the job enter the system\n"
      "  runTime   : the total CPU time needed by the job to finish\n"
      "  ioFreq    : every ioFreq time units, the job issues an I/O\n"
      "              (the I/O takes ioTime units to complete)\n\n"
      "Job List:\n";
  for (std::size_t j = 0; j < o.jobs.size(); ++j)
    appendf(out, "  Job %2zu: startTime %3lld - runTime %3lld - ioFreq %3lld\n", j,
            static_cast<long long>(o.jobs[j].start), static_cast<long long>(o.jobs[j].run),
            static_cast<long long>(o.jobs[j].io_freq));
  out += "\n";
  if (!report) {
    out +=
        "Compute the execution trace for the given workloads.\n"
        "If you would like, also compute the response and turnaround\n"
        "times for each of the jobs.\n\n"
        "Use the -c flag to get the exact results when you are finished.\n\n";
    return out;
  }
  // The per-tick lines show the policy's private counters (priority, ticks and allotment
  // left); those stay inside the engine's mlfq policy, so only the statistics are printed.
  out += "\nExecution Trace:\n\n";
  out += "(threadlab does not print mlfq.py's per-tick trace; the statistics below are exact)\n";
  out += "\nFinal statistics:\n";
  for (std::size_t j = 0; j < o.jobs.size(); ++j)
    appendf(out, "  Job %2zu: startTime %3lld - response %3lld - turnaround %3lld\n", j,
            static_cast<long long>(o.jobs[j].start),
            static_cast<long long>(report->jobs[j].response),
            static_cast<long long>(report->jobs[j].turnaround));
  appendf(out, "\n  Avg %2zu: startTime n/a - response %.2f - turnaround %.2f\n\n\n",
          o.jobs.size() - 1, report->avg_response, report->avg_turnaround);
  return out;
}

}  // namespace tl::ostep
