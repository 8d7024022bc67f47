// process-run.py adapter.
//
// [SECTION] Flags and programs
// [SECTION] Scenario
// [SECTION] Reading the run back
// [SECTION] Text
#include "sim/ostep/process_run.h"

#include "sim/core/format.h"

#include "sim/engine/engine.h"

#include <cstdio>
#include <stdexcept>

namespace tl::ostep {

const char* to_string(Instr instr) {
  switch (instr) {
    case Instr::Cpu: return "cpu";
    case Instr::Io: return "io";
    case Instr::IoDone: return "io_done";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags and programs
// ---------------------------------------------------------------------------------------------
namespace {

enum Flag { kSeed,
            kProgram,
            kList,
            kIoLength,
            kSwitch,
            kIoDone,
            kSolve,
            kStats };

constexpr FlagSpec kFlags[] = {
    {'s', "seed", true, kSeed},
    {'P', "program", true, kProgram},
    {'l', "processlist", true, kList},
    {'L', "iolength", true, kIoLength},
    {'S', "switch", true, kSwitch},
    {'I', "iodone", true, kIoDone},
    {'c', "solve", false, kSolve},
    {'p', "printstats", false, kStats},
};

constexpr std::int64_t kMaxInstructions = 1'000'000;

// "c3,i,c2": cN is N cpu instructions; i is an io followed by the io_done that handles it.
std::optional<std::string> parse_program(const std::string& text, std::vector<Instr>& code) {
  for (const std::string& part : split(text, ',')) {
    if (part == "i") {
      code.push_back(Instr::Io);
      code.push_back(Instr::IoDone);
    } else if (!part.empty() && part[0] == 'c') {
      std::int64_t n = 0;
      if (auto bad = parse_int(std::string_view(part).substr(1), 0, kMaxInstructions, n))
        return quote_name(part) + ": " + *bad;
      code.insert(code.end(), static_cast<std::size_t>(n), Instr::Cpu);
    } else {
      return "bad instruction " + quote_name(part) + " (cN for N cpu steps, or i for an io)";
    }
  }
  return std::nullopt;
}

// "X:Y": X draws, each cpu with probability Y% (else io + io_done).
std::optional<std::string> parse_random(const std::string& text, SplitMix64& rng,
                                        std::vector<Instr>& code) {
  std::vector<std::string> xy = split(text, ':');
  if (xy.size() != 2) return quote_name(text) + ": expected X:Y (X instructions, Y% chance of cpu)";
  std::int64_t count = 0, hundredths = 0;
  if (auto bad = parse_int(xy[0], 0, kMaxInstructions, count)) return quote_name(text) + ": " + *bad;
  if (auto bad = parse_scaled(xy[1], 2, 100, hundredths)) return quote_name(text) + ": " + *bad;
  if (hundredths > 10'000) return quote_name(text) + ": Y must be at most 100";
  for (std::int64_t i = 0; i < count; ++i) {
    if (rng.between(0, 9'999) < hundredths) {
      code.push_back(Instr::Cpu);
    } else {
      code.push_back(Instr::Io);
      code.push_back(Instr::IoDone);
    }
  }
  return std::nullopt;
}

}  // namespace

Parsed<ProcessRunOptions> parse_process_run_args(std::span<const std::string> args) {
  Parsed<ProcessRunOptions> out;
  FlagParse flags = parse_flags(kFlags, args);
  if (!flags.error.empty()) {
    out.error = flags.error;
    return out;
  }
  ProcessRunOptions o;
  std::string program, list;
  for (const FlagValue& f : flags.values) {
    std::optional<std::string> bad;
    switch (f.id) {
      case kSeed: bad = parse_int(f.value, 0, 4'294'967'295LL, o.seed); break;
      case kIoLength: bad = parse_int(f.value, 0, kMaxUnits, o.io_length); break;
      case kProgram: program = f.value; break;
      case kList: list = f.value; break;
      case kSolve: o.solve = true; break;
      case kStats: o.print_stats = true; break;
      case kSwitch:
        if (f.value == "SWITCH_ON_IO") o.switch_on_end = false;
        else if (f.value == "SWITCH_ON_END") o.switch_on_end = true;
        else bad = "expected SWITCH_ON_IO or SWITCH_ON_END, got " + quote_name(f.value);
        break;
      case kIoDone:
        if (f.value == "IO_RUN_LATER") o.io_run_immediate = false;
        else if (f.value == "IO_RUN_IMMEDIATE") o.io_run_immediate = true;
        else bad = "expected IO_RUN_LATER or IO_RUN_IMMEDIATE, got " + quote_name(f.value);
        break;
    }
    if (bad) {
      out.error = f.spelled + ": " + *bad;
      return out;
    }
  }
  // As in the tool, -P wins over -l.
  const bool explicit_programs = !program.empty();
  if (!explicit_programs && list.empty()) {
    out.error = "give the processes with -P/--program (e.g. c3,i:c2) or -l/--processlist (X:Y,...)";
    return out;
  }
  const std::string spelled = explicit_programs ? "-P/--program" : "-l/--processlist";
  std::vector<std::string> parts = split(explicit_programs ? program : list,
                                         explicit_programs ? ':' : ',');
  if (static_cast<std::int64_t>(parts.size()) > kMaxJobs) {
    out.error = spelled + ": at most " + std::to_string(kMaxJobs) + " processes";
    return out;
  }
  SplitMix64 rng{static_cast<std::uint64_t>(o.seed)};
  std::int64_t total = 0, ios = 0;
  for (std::size_t pid = 0; pid < parts.size(); ++pid) {
    std::vector<Instr> code;
    auto bad = explicit_programs ? parse_program(parts[pid], code)
                                 : parse_random(parts[pid], rng, code);
    if (bad) {
      out.error = spelled + ": process " + std::to_string(pid) + ": " + *bad;
      return out;
    }
    // The tool would burn one idle tick on an empty process; we refuse rather than mimic it.
    if (code.empty()) {
      out.error = spelled + ": process " + std::to_string(pid) + " has no instructions";
      return out;
    }
    total += static_cast<std::int64_t>(code.size());
    for (Instr i : code) ios += i == Instr::Io;
    if (total > kMaxInstructions) {
      out.error = spelled + ": more than " + std::to_string(kMaxInstructions) + " instructions";
      return out;
    }
    o.programs.push_back(std::move(code));
  }
  // The per-tick table holds one state per process per tick.
  const std::int64_t ticks = total + ios * o.io_length;
  if (ticks > kMaxDispatches ||
      ticks * static_cast<std::int64_t>(o.programs.size()) > 20 * kMaxDispatches) {
    out.error = (ios > 0 ? std::string("-L/--iolength") : spelled) + ": the run could last " +
                std::to_string(ticks) + " ticks for " + std::to_string(o.programs.size()) +
                " processes; at most " + std::to_string(kMaxDispatches) + " ticks and " +
                std::to_string(20 * kMaxDispatches) + " process-ticks";
    return out;
  }
  o.random = !explicit_programs;
  out.options = std::move(o);
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scenario
// ---------------------------------------------------------------------------------------------
// Every instruction holds the CPU for one tick: an io's own tick, then the blocking I/O of L
// ticks, then the io_done tick. Consecutive CPU ticks merge into one Compute op.
Scenario process_run_scenario(const ProcessRunOptions& o) {
  Scenario s = single_cpu_without_costs();
  s.scheduler.policy = PolicyKind::Cyclic;
  s.scheduler.wake_preempts = o.io_run_immediate;
  s.scheduler.io_holds_core = o.switch_on_end;
  s.scheduler.dispatch_before_wakes = true;
  TimeNs horizon = 0;
  for (std::size_t pid = 0; pid < o.programs.size(); ++pid) {
    const std::string name = "PID " + std::to_string(pid);
    ProcessSpec p;
    p.name = name;
    p.threads = {static_cast<ThreadId>(pid)};
    s.processes.push_back(std::move(p));
    ThreadSpec t;
    t.name = name;
    t.process = static_cast<ProcessId>(pid);
    auto add = [&](OpKind kind, TimeNs d, std::size_t at) {
      if (kind == OpKind::Compute && !t.program.empty() &&
          t.program.back().kind == OpKind::Compute) {
        t.program.back().duration += d;
      } else {
        t.program.push_back(Op{kind, 0, d, static_cast<std::uint32_t>(t.op_paths.size())});
        t.op_paths.push_back("-P process " + std::to_string(pid) + " instruction " +
                             std::to_string(at));
      }
      horizon += d;
    };
    for (std::size_t k = 0; k < o.programs[pid].size(); ++k) {
      add(OpKind::Compute, kUnitNs, k);
      if (o.programs[pid][k] == Instr::Io) add(OpKind::Io, o.io_length * kUnitNs, k);
    }
    s.threads.push_back(std::move(t));
  }
  s.limits.max_sim_time = horizon + kUnitNs;
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading the run back
// ---------------------------------------------------------------------------------------------
ProcessRunReport solve_process_run(const ProcessRunOptions& o) {
  const Scenario scenario = process_run_scenario(o);
  const RunResult run = run_to_completion(scenario);
  const std::size_t n = o.programs.size();
  const TimeNs makespan = run.trace.makespan;
  if (makespan % kUnitNs != 0) throw std::runtime_error("engine makespan is not a whole tick");
  ProcessRunReport r;
  r.total_time = makespan / kUnitNs;
  r.ticks.resize(static_cast<std::size_t>(r.total_time));

  // Who executes at each tick: the core's run spans, cut into ticks.
  std::vector<std::size_t> pc(n, 0);
  std::vector<std::int64_t> io_issue_ticks;
  for (const CoreSpan& span : run.trace.cores.at(0)) {
    if (span.kind != CoreSpanKind::Run) continue;
    if (span.start % kUnitNs != 0 || span.end % kUnitNs != 0 || span.thread >= n)
      throw std::runtime_error("engine run span is not tick-aligned at " +
                               format_scaled(span.start, 6));
    for (TimeNs t = span.start / kUnitNs; t < span.end / kUnitNs; ++t) {
      const std::size_t pid = span.thread;
      if (pc[pid] >= o.programs[pid].size() || t >= r.total_time)
        throw std::runtime_error("engine ran PID " + std::to_string(pid) + " past its program");
      ProcessRunTick& tick = r.ticks[static_cast<std::size_t>(t)];
      tick.running = static_cast<int>(pid);
      tick.instr = o.programs[pid][pc[pid]++];
      if (tick.instr == Instr::Io) io_issue_ticks.push_back(t + 1);  // tick numbers are 1-based
      ++r.cpu_busy;
    }
  }
  for (std::size_t pid = 0; pid < n; ++pid)
    if (pc[pid] != o.programs[pid].size())
      throw std::runtime_error("engine did not run all of PID " + std::to_string(pid));

  // An io issued at tick t completes at tick t+L+1 and is in flight during ticks t+1 .. t+L.
  for (std::int64_t issued : io_issue_ticks) {
    const std::int64_t done = issued + o.io_length + 1;
    if (done <= r.total_time) r.ticks[static_cast<std::size_t>(done - 1)].io_done = true;
    for (std::int64_t t = issued + 1; t < done && t <= r.total_time; ++t)
      ++r.ticks[static_cast<std::size_t>(t - 1)].ios_in_flight;
  }
  for (const ProcessRunTick& tick : r.ticks) r.io_busy += tick.ios_in_flight > 0;

  // Everyone else's state at each tick, from their state lanes.
  for (std::size_t i = 0; i < r.ticks.size(); ++i) r.ticks[i].states.assign(n, ProcState::Done);
  for (std::size_t pid = 0; pid < n; ++pid) {
    for (const StateSpan& span : run.trace.threads.at(pid)) {
      ProcState st = ProcState::Ready;
      switch (span.state) {
        case ThreadState::Ready: st = ProcState::Ready; break;
        case ThreadState::Running: st = ProcState::Running; break;
        default: st = ProcState::Blocked; break;
      }
      // Tick T covers [T-1, T): it takes the state holding at its start.
      const TimeNs first = (span.start + kUnitNs - 1) / kUnitNs;
      for (TimeNs t = first; t * kUnitNs < span.end && t < r.total_time; ++t)
        r.ticks[static_cast<std::size_t>(t)].states[pid] = st;
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Text
// ---------------------------------------------------------------------------------------------
namespace {

const char* state_name(ProcState s) {
  switch (s) {
    case ProcState::Ready: return "READY";
    case ProcState::Running: return "RUNNING";
    case ProcState::Blocked: return "BLOCKED";
    case ProcState::Done: return "DONE";
  }
  return "?";
}

}  // namespace

std::string format_process_run(const ProcessRunOptions& o, const ProcessRunReport* report) {
  std::string out;
  if (o.random) out += std::string(kRandomNote) + "\n";
  if (!report) {
    out += "Produce a trace of what would happen when you run these processes:\n";
    for (std::size_t pid = 0; pid < o.programs.size(); ++pid) {
      out += "Process " + std::to_string(pid) + "\n";
      for (Instr i : o.programs[pid]) out += std::string("  ") + to_string(i) + "\n";
      out += "\n";
    }
    out += "Important behaviors:\n  System will switch when ";
    out += o.switch_on_end ? "the current process is FINISHED\n"
                           : "the current process is FINISHED or ISSUES AN IO\n";
    out += "  After IOs, the process issuing the IO will ";
    out += o.io_run_immediate ? "run IMMEDIATELY\n" : "run LATER (when it is its turn)\n";
    out += "\n";
    return out;
  }
  const ProcessRunReport& r = *report;
  out += "Time";
  for (std::size_t pid = 0; pid < o.programs.size(); ++pid) {
    char label[32];
    std::snprintf(label, sizeof label, "PID:%2zu", pid);
    appendf(out, "%14s", label);
  }
  appendf(out, "%14s%14s\n", "CPU", "IOs");
  for (std::size_t i = 0; i < r.ticks.size(); ++i) {
    const ProcessRunTick& t = r.ticks[i];
    appendf(out, t.io_done ? "%3zu*" : "%3zu ", i + 1);
    for (std::size_t pid = 0; pid < o.programs.size(); ++pid) {
      if (t.running == static_cast<int>(pid))
        appendf(out, "%14s", (std::string("RUN:") + to_string(t.instr)).c_str());
      else
        appendf(out, "%14s", state_name(t.states[pid]));
    }
    appendf(out, "%14s", t.running >= 0 ? "1" : " ");
    // The tool pads an empty IO column to 10, not 14.
    if (t.ios_in_flight > 0) appendf(out, "%14d", t.ios_in_flight);
    else appendf(out, "%10s", " ");
    out += "\n";
  }
  if (o.print_stats) {
    const double total = static_cast<double>(r.total_time);
    appendf(out, "\nStats: Total Time %lld\n", static_cast<long long>(r.total_time));
    appendf(out, "Stats: CPU Busy %lld (%.2f%%)\n", static_cast<long long>(r.cpu_busy),
            100.0 * static_cast<double>(r.cpu_busy) / total);
    appendf(out, "Stats: IO Busy  %lld (%.2f%%)\n\n", static_cast<long long>(r.io_busy),
            100.0 * static_cast<double>(r.io_busy) / total);
  }
  return out;
}

}  // namespace tl::ostep
