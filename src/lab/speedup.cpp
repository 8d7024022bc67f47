#include "lab/speedup.h"

#include "lab/kernel.h"
#include "lab/load.h"

namespace tl::lab {

SpeedupCurve measure_speedup(Launch launch, const SpeedupOptions& options, const ProgressFn& progress) {
  SpeedupCurve curve;
  curve.launch = launch;
  curve.total_iterations = options.total_iterations;
  const unsigned n = options.max_workers < 1 ? 1 : options.max_workers;
  curve.points.resize(n);
  for (unsigned k = 1; k <= n; ++k) curve.points[k - 1].workers = k;
  const std::string stage = std::string("CPU kernel as ") + to_string(launch);
  const LoadProbe load;
  Budget budget(options.budget_ns, options.min_repeats, options.max_repeats);
  for (int rep = 0; budget.another(rep); ++rep) {
    for (unsigned k = 1; k <= n; ++k) {
      // Every worker gets total/k iterations (the first takes the remainder).
      const std::uint64_t share = options.total_iterations / k;
      const std::uint64_t first = share + options.total_iterations % k;
      auto work = [&](unsigned i) { time_kernel(i == 0 ? first : share); };
      const Nanos t = run_workers(launch, k, work, {"kernel", std::to_string(share)}, options.target, curve.error);
      if (t < 0) return curve;
      curve.points[k - 1].samples.push_back(t);
      report(progress, stage, std::min(1.0, (rep * n + k) / static_cast<double>(options.max_repeats * n)));
    }
  }
  curve.others_cpus = load.others_cpus();
  for (SpeedupPoint& p : curve.points) p.median_ns = median(p.samples);
  const Nanos base = curve.points[0].median_ns;
  for (SpeedupPoint& p : curve.points) p.speedup = p.median_ns > 0 ? static_cast<double>(base) / p.median_ns : 0;
  return curve;
}

}  // namespace tl::lab
