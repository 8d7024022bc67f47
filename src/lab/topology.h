// The machine as the OS reports it: logical cpus (hardware threads) online and usable by this
// process, and physical cores, counted as the distinct sets in
// /sys/devices/system/cpu/cpuN/topology/thread_siblings_list (two hardware threads of one
// core list each other: SMT). Without sysfs, cores = logical cpus and SMT is unknown.
#pragma once
#include <string>

namespace tl::lab {

struct Topology {
  unsigned logical_cpus = 0;      // sysconf(_SC_NPROCESSORS_ONLN)
  unsigned configured_cpus = 0;   // sysconf(_SC_NPROCESSORS_CONF)
  unsigned usable_cpus = 0;       // this process's affinity mask
  unsigned physical_cores = 0;    // distinct sibling sets; 0 if sysfs says nothing
  unsigned threads_per_core = 0;  // logical / physical; 0 if unknown
  bool smt = false;               // some core has more than one hardware thread
  std::string source;             // "sysfs" or "sysconf"
};

Topology read_topology();

// Nanoseconds of one uncontended std::mutex lock + unlock pair (median): the profile's lock_us
// (split over the two).
long long measure_lock_pair_ns(int pairs_per_sample, int samples);

}  // namespace tl::lab
