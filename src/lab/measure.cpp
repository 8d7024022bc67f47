#include "lab/measure.h"

#include <cmath>
#include <unistd.h>

namespace tl::lab {

using Json = nlohmann::ordered_json;

namespace {

// Budgets per measurement: quick is for tests and first looks (a few seconds in all), the
// full run for a profile worth keeping (one to two minutes).
struct Plan {
  Nanos kernel_target, speedup_budget;
  int speedup_min, speedup_max;
  int creation_min, creation_max;
  Nanos creation_budget;
  int round_trips, pingpong_min, pingpong_max;
  Nanos pingpong_budget;
  std::size_t pipe_bytes;
  int pipe_min, pipe_max;
  Nanos pipe_budget;
  std::size_t cow_pages;
  int cow_min, cow_max;
  Nanos cow_budget;
};

constexpr Plan kQuick{80'000'000, 1'500'000'000, 3, 5, 5, 15, 600'000'000, 2'000, 3, 5, 250'000'000,
                      16u << 20, 3, 5, 1'500'000'000, 2048, 3, 5, 500'000'000};
constexpr Plan kFull{250'000'000, 8'000'000'000, 5, 7, 11, 41, 4'000'000'000, 20'000, 5, 9, 2'000'000'000,
                     64u << 20, 5, 9, 10'000'000'000, 16384, 5, 9, 3'000'000'000};

// A progress callback for one stage: maps its 0..1 into [from, to] of the whole run.
ProgressFn slice(const ProgressFn& whole, double from, double to) {
  if (!whole) return {};
  return [whole, from, to](std::string_view stage, double f) { whole(stage, from + (to - from) * std::min(1.0, f)); };
}

double us3(Nanos ns) { return static_cast<double>(ns) / 1000.0; }  // whole ns as µs: 3 decimals exactly

}  // namespace

Json machine_from_profile(const Json& profile) {
  Json machine;
  machine["profile"] = profile.value("base", std::string("native"));
  for (const auto& [key, value] : profile.items())
    if (key != "name" && key != "description" && key != "base") machine[key] = value;
  return machine;
}

const PingPongResult* find_pingpong(const Report& report, Peers peers, Channel channel, Placement placement) {
  for (const PingPongResult& r : report.pingpong)
    if (r.which.peers == peers && r.which.channel == channel && r.which.placement == placement && !r.skipped &&
        r.round_trip_ns > 0)
      return &r;
  return nullptr;
}

Report run_measurements(const MeasureOptions& options, const ProgressFn& progress) {
  const Plan& plan = options.quick ? kQuick : kFull;
  Report r;
  r.topology = read_topology();
  const unsigned workers = options.max_workers > 0 ? options.max_workers : std::max(1u, r.topology.usable_cpus);
  const bool python = options.python;
  const double cpu_end = python ? 0.45 : 0.6;  // progress shares, roughly by time spent
  // Checked between stages (never inside a timed one): a cancelled run keeps what it has.
  const auto stop = [&] {
    if (options.cancel == nullptr || !options.cancel->load()) return false;
    if (!r.cancelled) r.errors.push_back("cancelled: the later measurements did not run");
    r.cancelled = true;
    return true;
  };
  report(progress, "calibrating the CPU kernel", 0.0);
  r.kernel = calibrate_kernel(plan.kernel_target);

  const Launch launches[] = {Launch::Thread, Launch::Fork, Launch::Spawn};
  for (int i = 0; i < 3; ++i) {
    if (stop()) return r;
    SpeedupOptions so;
    so.total_iterations = r.kernel.iterations;
    so.max_workers = workers;
    so.min_repeats = plan.speedup_min;
    so.max_repeats = plan.speedup_max;
    so.budget_ns = plan.speedup_budget;
    so.target = options.target;
    r.speedups.push_back(measure_speedup(launches[i], so, slice(progress, 0.02 + cpu_end * i / 3, 0.02 + cpu_end * (i + 1) / 3)));
    if (!r.speedups.back().error.empty()) r.errors.push_back(r.speedups.back().error);
  }
  double at = 0.02 + cpu_end;
  const double step = (python ? 0.75 : 1.0) - at;
  if (stop()) return r;
  r.creation = measure_creation(plan.creation_min, plan.creation_max, plan.creation_budget, options.target,
                                slice(progress, at, at + step * 0.2));
  if (!r.creation.error.empty()) r.errors.push_back("creation: " + r.creation.error);
  const std::vector<PingPongCase> cases = standard_pingpong_cases();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (stop()) return r;
    report(progress, "ping-pong: " + cases[i].name(), at + step * (0.2 + 0.3 * i / cases.size()));
    std::string error;
    r.pingpong.push_back(measure_pingpong(cases[i], plan.round_trips, plan.pingpong_min, plan.pingpong_max,
                                          plan.pingpong_budget, error));
    if (!error.empty()) r.errors.push_back(error);
  }
  if (stop()) return r;
  {
    std::string error;
    r.pipe = measure_pipe_bandwidth(standard_message_sizes(options.quick), plan.pipe_bytes, plan.pipe_min, plan.pipe_max,
                                    plan.pipe_budget, error, slice(progress, at + step * 0.5, at + step * 0.85));
    if (!error.empty()) r.errors.push_back(error);
  }
  if (stop()) return r;
  report(progress, "copy-on-write after fork", at + step * 0.85);
  {
    std::string error;
    r.cow = measure_cow_fault(plan.cow_pages, plan.cow_min, plan.cow_max, plan.cow_budget, error);
    if (!error.empty()) r.errors.push_back(error);
  }
  r.lock_pair_ns = measure_lock_pair_ns(options.quick ? 200'000 : 1'000'000, 5);
  if (!python) r.python.skipped_reason = "not asked for (--no-python)";
  if (python && !stop()) {
    PythonOptions po;
    po.cancel = options.cancel;
    po.python = options.python_path;
    po.programs_dir = options.python_programs_dir;
    po.quick = options.quick;
    po.workers = std::min(workers, 8u);
    po.cores = std::min(256u, std::max(1u, r.topology.usable_cpus));
    r.python = run_python_lab(po, slice(progress, 0.75, 1.0));
    for (const PythonProgramResult& p : r.python.programs)
      if (!p.ok) r.errors.push_back("python " + p.program + ": " + p.error);
    stop();
  }
  report(progress, "done", 1.0);
  return r;
}

Json profile_json(const Report& r) {
  Json p;
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  p["name"] = std::string("measured on ") + host;
  p["description"] =
      "threadlab-cli measure: switches from futex ping-pong on one cpu, futex wake from ping-pong across two cpus, "
      "creation from create+join of an empty worker, pipe bandwidth from messages of 64 KiB and more and latency "
      "from 4 KiB messages, cow_fault from writes after fork, lock from uncontended std::mutex pairs; "
      "other fields are the base profile's.";
  p["base"] = "native";
  // Linux's cpus are hardware threads. Where this process may use all of them and every core
  // has the same number, the profile gives the cores and their SMT, so a simulation of this
  // machine shares a core between busy siblings as the hardware does (about 1.25x one core,
  // not 2x). Otherwise (an affinity mask that leaves cpus out, cores of mixed kinds) the shape
  // the process sees is unknown, and each usable cpu counts as a core.
  const Topology& t = r.topology;
  const bool uniform_smt = t.smt && t.threads_per_core > 1 && t.threads_per_core <= 8 &&
                           t.usable_cpus == t.logical_cpus && t.physical_cores * t.threads_per_core == t.logical_cpus &&
                           t.logical_cpus <= 256;
  if (uniform_smt) {
    p["cores"] = t.physical_cores;
    p["smt"] = t.threads_per_core;
  } else {
    p["cores"] = std::min(256u, std::max(1u, t.usable_cpus));
  }
  if (const PingPongResult* t = find_pingpong(r, Peers::Threads, Channel::Futex, Placement::SameCpu))
    p["thread_switch_us"] = us3(t->round_trip_ns / 2);
  if (const PingPongResult* t = find_pingpong(r, Peers::Processes, Channel::Futex, Placement::SameCpu)) {
    p["process_switch_us"] = us3(t->round_trip_ns / 2);
    // The ping-pong's working set is a few cache lines: whatever refill a process switch
    // causes is already in the figure above, so nothing is added on top.
    p["address_space_refill_us"] = 0;
  }
  // A wake by another thread (futex_wake_us); timer wakes (wake_us) keep the base's value.
  if (const PingPongResult* t = find_pingpong(r, Peers::Threads, Channel::Futex, Placement::TwoCpus))
    p["futex_wake_us"] = us3(t->round_trip_ns / 2);
  if (r.creation.thread_ns > 0) p["thread_create_us"] = us3(r.creation.thread_ns);
  if (r.creation.fork_ns > 0) p["fork_us"] = us3(r.creation.fork_ns);
  if (r.creation.spawn_ns > 0) p["spawn_us"] = us3(r.creation.spawn_ns);
  if (!r.pipe.empty()) {
    // Bandwidth: the median over messages of 64 KiB and more (the pipe buffer's size; below it
    // the per-call cost dominates). Latency: what the smallest message takes beyond its bytes
    // at that bandwidth, each side paying half (write on one, read on the other).
    std::vector<Nanos> rates;  // bytes per ms, as integers for median()
    for (const BandwidthPoint& b : r.pipe)
      if (b.message_bytes >= 65536 && b.mb_per_s > 0) rates.push_back(static_cast<Nanos>(b.mb_per_s * 1000.0));
    if (rates.empty()) rates.push_back(static_cast<Nanos>(r.pipe.back().mb_per_s * 1000.0));
    const double mb_per_s = static_cast<double>(median(rates)) / 1000.0;
    if (mb_per_s > 0) {
      const BandwidthPoint& small = r.pipe.front();
      const double copy_ns = static_cast<double>(small.message_bytes) / mb_per_s * 1e3;
      p["ipc_latency_us"] = us3(static_cast<Nanos>(std::max(0.0, static_cast<double>(small.per_message_ns) - copy_ns) / 2));
      p["ipc_mb_per_s"] = std::max<std::int64_t>(1, std::llround(mb_per_s));
    }
  }
  if (r.lock_pair_ns > 0) p["lock_us"] = us3(std::max<long long>(1, r.lock_pair_ns / 2));
  if (r.cow.per_page_ns > 0) p["cow_fault_us"] = us3(r.cow.per_page_ns);
  return p;
}

SpeedupPrediction predict_with_profile(const Json& profile, const Report& report, unsigned workers, Launch launch) {
  // The work is what one worker took on this machine: the measured single-worker median.
  Nanos one = 0;
  for (const SpeedupCurve& c : report.speedups)
    if (c.launch == launch && !c.points.empty()) one = c.points[0].median_ns;
  if (one <= 0) one = report.kernel.measured_ns;
  return predict_kernel_speedup(machine_from_profile(profile), one, workers, launch);
}

Json report_json(const Report& r) {
  Json j;
  const Topology& t = r.topology;
  j["topology"] = Json{{"logical_cpus", t.logical_cpus}, {"configured_cpus", t.configured_cpus}, {"usable_cpus", t.usable_cpus}, {"physical_cores", t.physical_cores}, {"threads_per_core", t.threads_per_core}, {"smt", t.smt}, {"source", t.source}};
  j["kernel"] = Json{{"iterations", r.kernel.iterations}, {"single_thread_ms", r.kernel.measured_ns / 1e6}};
  const Json profile = profile_json(r);
  Json speedups = Json::object();
  for (const SpeedupCurve& c : r.speedups) {
    Json points = Json::array();
    for (const SpeedupPoint& p : c.points) {
      Json row{{"workers", p.workers}, {"median_ms", p.median_ns / 1e6}, {"speedup", p.speedup}};
      const SpeedupPrediction pred = predict_with_profile(profile, r, p.workers, c.launch);
      if (pred.error.empty()) row["predicted_speedup"] = pred.speedup;
      Json samples = Json::array();
      for (Nanos s : p.samples) samples.push_back(s / 1e6);
      row["samples_ms"] = samples;
      points.push_back(row);
    }
    Json curve{{"points", points}, {"others_cpus", c.others_cpus}};
    if (!c.error.empty()) curve["error"] = c.error;
    speedups[to_string(c.launch)] = curve;
  }
  j["speedup"] = speedups;
  j["creation_us"] = Json{{"thread", r.creation.thread_ns / 1e3}, {"fork", r.creation.fork_ns / 1e3}, {"spawn", r.creation.spawn_ns / 1e3}};
  Json pp = Json::array();
  for (const PingPongResult& p : r.pingpong) {
    Json row{{"case", p.which.name()}};
    if (p.skipped) row["skipped"] = "needs two cpus";
    else {
      row["round_trip_us"] = p.round_trip_ns / 1e3;
      row["one_way_us"] = p.round_trip_ns / 2e3;
    }
    pp.push_back(row);
  }
  j["pingpong"] = pp;
  Json pipe = Json::array();
  for (const BandwidthPoint& b : r.pipe)
    pipe.push_back(Json{{"message_bytes", b.message_bytes}, {"mb_per_s", b.mb_per_s}, {"per_message_us", b.per_message_ns / 1e3}});
  j["pipe_bandwidth"] = pipe;
  j["cow_fault"] = Json{{"per_page_us", r.cow.per_page_ns / 1e3}, {"private_write_us", r.cow.private_write_ns / 1e3}, {"pages", r.cow.pages}, {"page_bytes", r.cow.page_bytes}};
  j["lock_pair_ns"] = r.lock_pair_ns;
  Json py;
  py["available"] = r.python.available;
  if (!r.python.available) py["skipped"] = r.python.skipped_reason;
  else {
    py["python"] = r.python.python;
    py["programs_dir"] = r.python.programs_dir;
    py["version"] = r.python.version;
    Json programs = Json::object();
    for (const PythonProgramResult& p : r.python.programs) {
      Json row{{"measured", p.measured}, {"predicted", p.predicted}};
      if (!p.error.empty()) row["error"] = p.error;
      programs[p.program] = row;
    }
    py["programs"] = programs;
    if (!r.python.increment_verdict.empty()) py["increment_verdict"] = r.python.increment_verdict;
  }
  j["python"] = py;
  j["profile"] = profile;
  Json errors = Json::array();
  for (const std::string& e : r.errors) errors.push_back(e);
  j["errors"] = errors;
  return j;
}

}  // namespace tl::lab
