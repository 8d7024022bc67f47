#include "lab/creation.h"

namespace tl::lab {

CreationCosts measure_creation(int min_repeats, int max_repeats, Nanos budget_ns, const SpawnTarget& target,
                               const ProgressFn& progress) {
  CreationCosts c;
  auto nothing = [](unsigned) {};
  Budget budget(budget_ns, min_repeats, max_repeats);
  for (int rep = 0; budget.another(rep); ++rep) {
    // Threads are cheap: time a batch of ten per sample so the clock's resolution is no issue.
    const Nanos t0 = now_ns();
    for (int i = 0; i < 10; ++i) run_workers(Launch::Thread, 1, nothing, {}, target, c.error);
    c.thread_samples.push_back((now_ns() - t0) / 10);
    const Nanos f = run_workers(Launch::Fork, 1, nothing, {}, target, c.error);
    const Nanos s = run_workers(Launch::Spawn, 1, nothing, {"empty"}, target, c.error);
    if (f < 0 || s < 0) return c;
    c.fork_samples.push_back(f);
    c.spawn_samples.push_back(s);
    report(progress, "creation: thread, fork, spawn", std::min(1.0, (rep + 1.0) / max_repeats));
  }
  c.thread_ns = median(c.thread_samples);
  c.fork_ns = median(c.fork_samples);
  c.spawn_ns = median(c.spawn_samples);
  return c;
}

}  // namespace tl::lab
