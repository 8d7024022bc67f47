#include "sim/runtime/specs.h"

namespace tl {

const char* to_string(ProcessOrigin origin) {
  switch (origin) {
    case ProcessOrigin::Initial: return "initial";
    case ProcessOrigin::Forked: return "fork";
    case ProcessOrigin::Spawned: return "spawn";
    case ProcessOrigin::ForkServer: return "forkserver";
  }
  return "?";
}

const char* to_string(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::Pipe: return "pipe";
    case ChannelKind::Queue: return "queue";
    case ChannelKind::MpQueue: return "mp_queue";
  }
  return "?";
}

const char* to_string(PythonVersion version) {
  switch (version) {
    case PythonVersion::V3_9: return "3.9";
    case PythonVersion::V3_11: return "3.11";
    case PythonVersion::V3_12: return "3.12";
    case PythonVersion::V3_13t: return "3.13t";
    case PythonVersion::V3_14t: return "3.14t";
  }
  return "?";
}

bool free_threaded(PythonVersion version) {
  return version == PythonVersion::V3_13t || version == PythonVersion::V3_14t;
}

bool switches_between_bytecodes(PythonVersion version) { return version == PythonVersion::V3_9; }

// pyperformance's single-thread overhead of the free-threaded builds (Python docs: about 40 %
// in 3.13, 5-10 % in 3.14).
std::uint32_t compute_permille(PythonVersion version) {
  switch (version) {
    case PythonVersion::V3_13t: return 1'400;
    case PythonVersion::V3_14t: return 1'070;
    default: return 1'000;
  }
}

const char* to_string(RegionKind kind) {
  switch (kind) {
    case RegionKind::Code: return "code";
    case RegionKind::Data: return "data";
    case RegionKind::Heap: return "heap";
    case RegionKind::Stack: return "stack";
    case RegionKind::Shared: return "shm";
  }
  return "?";
}

}  // namespace tl
