// How much of the machine other programs used while a measurement ran: busy time of every cpu
// (/proc/stat, including time stolen by a hypervisor) minus this process's own and its waited
// children's CPU time, per second of wall time. On a shared machine a speedup measured while
// others kept 1.5 of 2 cpus busy says little about the hardware; this figure says so.
#pragma once
#include "lab/clock.h"

namespace tl::lab {

class LoadProbe {
 public:
  LoadProbe();                 // starts the window
  double others_cpus() const;  // cpus' worth used by others since then; -1 if unknown

 private:
  double busy_s_ = -1, own_s_ = 0;
  Nanos start_ = 0;
};

}  // namespace tl::lab
