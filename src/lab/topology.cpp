#include "lab/topology.h"

#include "lab/clock.h"

#include <fstream>
#include <mutex>
#include <sched.h>
#include <set>
#include <unistd.h>

namespace tl::lab {

Topology read_topology() {
  Topology t;
  const long online = sysconf(_SC_NPROCESSORS_ONLN), conf = sysconf(_SC_NPROCESSORS_CONF);
  t.logical_cpus = online > 0 ? static_cast<unsigned>(online) : 1;
  t.configured_cpus = conf > 0 ? static_cast<unsigned>(conf) : t.logical_cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
  t.usable_cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? static_cast<unsigned>(CPU_COUNT(&set)) : t.logical_cpus;
  std::set<std::string> sibling_sets;
  unsigned listed = 0;
  for (unsigned cpu = 0; cpu < t.configured_cpus; ++cpu) {
    std::ifstream in("/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/thread_siblings_list");
    std::string line;
    if (in && std::getline(in, line) && !line.empty()) {
      sibling_sets.insert(line);
      ++listed;
    }
  }
  if (!sibling_sets.empty()) {
    t.source = "sysfs";
    t.physical_cores = static_cast<unsigned>(sibling_sets.size());
    t.threads_per_core = (listed + t.physical_cores - 1) / t.physical_cores;
    t.smt = listed > t.physical_cores;
  } else {
    t.source = "sysconf";
    t.physical_cores = t.logical_cpus;
  }
  return t;
}

long long measure_lock_pair_ns(int pairs_per_sample, int samples) {
  std::mutex m;
  std::vector<Nanos> s;
  for (int i = 0; i < samples; ++i) {
    const Nanos t0 = now_ns();
    for (int j = 0; j < pairs_per_sample; ++j) {
      m.lock();
      m.unlock();
    }
    s.push_back((now_ns() - t0) * 1000 / pairs_per_sample);  // picoseconds, for resolution
  }
  return (median(s) + 500) / 1000;
}

}  // namespace tl::lab
