// What people call a lane of the trace's cores. Without SMT a lane is a core: "core 3". With
// SMT it is one of a core's hardware threads, numbered as Linux numbers CPUs (hardware thread h
// sits on core h % cores, MachineSpec), so a learner finds the same numbers in top, htop or
// /proc/cpuinfo: "cpu 2 (core 0)". Calling those lanes "core 2" would count one core twice.
#pragma once
#include "sim/core/types.h"
#include "sim/scenario/scenario.h"

#include <string>

namespace tl {

std::string hardware_thread_name(const MachineSpec& machine, CoreId lane);

}  // namespace tl
