// The native engine against a plain-Python round-robin simulator (bench/round_robin_sim.py) on
// the same workload: JOBS jobs on CORES cores, each ROUNDS rounds of a compute burst and an I/O
// wait, round robin with a fixed quantum, no costs (profile textbook). Both build their state
// from the numbers (no file to parse), both time only the simulation with their process's
// CPU clock, and both print the makespan, which must agree: the same schedule, computed twice.
// With --python SCRIPT this program runs the Python one too and prints the ratio.
// Run: build/<dir>/bench/engine_vs_python [--python bench/round_robin_sim.py] [JOBS]
#include "sim/engine/engine.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace {

struct Workload {
  int jobs = 20000;
  int cores = 8;
  int rounds = 10;
  tl::TimeNs compute = 100'000;     // 100 us
  tl::TimeNs io = 1'000'000;        // 1 ms
  tl::TimeNs quantum = 10'000'000;  // 10 ms
};

tl::Scenario build(const Workload& w) {
  tl::Scenario sc;
  sc.machine.cores = static_cast<std::uint32_t>(w.cores);
  sc.machine.mem_op_cost = 0;
  sc.machine.atomic_cost = 0;
  sc.scheduler.policy = tl::PolicyKind::Rr;
  sc.scheduler.quantum = w.quantum;
  sc.processes.emplace_back();
  for (int j = 0; j < w.jobs; ++j) {
    tl::ThreadSpec t;
    t.process = 0;
    t.program = {{tl::OpKind::LoopBegin, static_cast<std::uint32_t>(w.rounds), 0, 0},
                 {tl::OpKind::Compute, 0, w.compute, 0},
                 {tl::OpKind::Io, 0, w.io, 0},
                 {tl::OpKind::LoopEnd, 0, 0, 0}};
    t.op_paths.assign(t.program.size(), "");
    sc.processes[0].threads.push_back(static_cast<tl::ThreadId>(sc.threads.size()));
    sc.threads.push_back(std::move(t));
  }
  return sc;
}

double python_cpu_seconds(const std::string& script, const Workload& w, long long* makespan) {
  const std::string cmd = "python3 " + script + " " + std::to_string(w.jobs) + " " + std::to_string(w.cores) + " " +
                          std::to_string(w.rounds) + " " + std::to_string(w.compute) + " " + std::to_string(w.io) +
                          " " + std::to_string(w.quantum);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char line[256];
  double cpu = -1;
  while (std::fgets(line, sizeof line, p)) {
    std::sscanf(line, "makespan_ns %lld", makespan);
    std::sscanf(line, "cpu_s %lf", &cpu);
  }
  pclose(p);
  return cpu;
}

}  // namespace

int main(int argc, char** argv) {
  Workload w;
  std::string script;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--python") == 0 && i + 1 < argc) script = argv[++i];
    else w.jobs = std::atoi(argv[i]);
  }
  if (w.jobs <= 0 || w.jobs > 100000) {
    std::fprintf(stderr, "error: JOBS must be 1..100000\n");
    return 2;
  }
  const tl::Scenario sc = build(w);
  double best = 1e30;
  tl::RunResult r;
  for (int rep = 0; rep < 3; ++rep) {
    const std::clock_t t0 = std::clock();
    r = tl::run(sc);
    const double s = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    if (s < best) best = s;
  }
  std::printf("jobs %d cores %d rounds %d\n", w.jobs, w.cores, w.rounds);
  std::printf("engine   makespan_ns %lld  steps %llu  cpu_s %.4f (best of 3)\n", static_cast<long long>(r.trace.makespan),
              static_cast<unsigned long long>(r.events), best);
  if (script.empty()) return 0;
  long long py_makespan = -1;
  double py_best = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    const double s = python_cpu_seconds(script, w, &py_makespan);
    if (s < 0) {
      std::fprintf(stderr, "error: could not run python3 %s\n", script.c_str());
      return 1;
    }
    if (s < py_best) py_best = s;
  }
  std::printf("python   makespan_ns %lld  cpu_s %.4f (best of 3)\n", py_makespan, py_best);
  std::printf("same schedule: %s\n", py_makespan == r.trace.makespan ? "yes" : "NO (makespans differ)");
  std::printf("engine is %.1fx faster\n", py_best / best);
  return 0;
}
