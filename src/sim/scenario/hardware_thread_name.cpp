#include "sim/scenario/hardware_thread_name.h"

#include <algorithm>

namespace tl {

std::string hardware_thread_name(const MachineSpec& machine, CoreId lane) {
  // The clamps hardware_threads() applies, so names match the lanes the engine made.
  const std::uint32_t cores = std::clamp<std::uint32_t>(machine.cores, 1, 256);
  const std::uint32_t smt = std::clamp<std::uint32_t>(machine.smt, 1, 8);
  if (smt == 1) return "core " + std::to_string(lane);
  return "cpu " + std::to_string(lane) + " (core " + std::to_string(lane % cores) + ")";
}

}  // namespace tl
