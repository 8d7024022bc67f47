#include "sim/scenario/hardware_thread_name.h"

namespace tl {

std::string hardware_thread_name(const MachineSpec& machine, CoreId lane) {
  // The clamps the engine applies, so names match the lanes it made.
  if (clamped_smt(machine) == 1) return "core " + std::to_string(lane);
  return "cpu " + std::to_string(lane) + " (core " + std::to_string(lane % clamped_cores(machine)) + ")";
}

}  // namespace tl
