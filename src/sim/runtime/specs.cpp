#include "sim/runtime/specs.h"

namespace tl {

const char* to_string(ProcessOrigin origin) {
  switch (origin) {
    case ProcessOrigin::Initial: return "initial";
    case ProcessOrigin::Forked:  return "fork";
    case ProcessOrigin::Spawned: return "spawn";
  }
  return "?";
}

const char* to_string(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::Pipe:  return "pipe";
    case ChannelKind::Queue: return "queue";
  }
  return "?";
}

const char* to_string(RegionKind kind) {
  switch (kind) {
    case RegionKind::Code:   return "code";
    case RegionKind::Data:   return "data";
    case RegionKind::Heap:   return "heap";
    case RegionKind::Stack:  return "stack";
    case RegionKind::Shared: return "shm";
  }
  return "?";
}

}  // namespace tl
