#include "lab/load.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace tl::lab {

namespace {

// Seconds every cpu together spent busy (all but idle and iowait) since boot; -1 if unknown.
double machine_busy_s() {
  std::ifstream in("/proc/stat");
  std::string label;
  if (!(in >> label) || label != "cpu") return -1;
  unsigned long long v[8] = {0};  // user nice system idle iowait irq softirq steal
  for (unsigned long long& x : v)
    if (!(in >> x)) return -1;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return static_cast<double>(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (ticks > 0 ? ticks : 100.0);
}

double own_cpu_s() {
  double s = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    if (getrusage(who, &u) == 0)
      s += static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  return s;
}

}  // namespace

LoadProbe::LoadProbe() : busy_s_(machine_busy_s()), own_s_(own_cpu_s()), start_(now_ns()) {}

double LoadProbe::others_cpus() const {
  const double busy = machine_busy_s();
  const double wall = static_cast<double>(now_ns() - start_) / 1e9;
  if (busy_s_ < 0 || busy < 0 || wall <= 0.05) return -1;  // too short for 10 ms ticks
  const double others = (busy - busy_s_) - (own_cpu_s() - own_s_);
  return others > 0 ? others / wall : 0.0;
}

}  // namespace tl::lab
