// Page events: every change to the mappings of every address space during a run, with its
// time, in the order it happened. With them a view rebuilds any process's page map (page ->
// frame, private or shared) at any playhead from the RunResult alone (trace/page_map.h);
// their counts equal the memory lanes' samples at every time.
#pragma once
#include "sim/core/types.h"
#include "sim/runtime/page_change.h"

#include <vector>

namespace tl {

struct PageEvent {
  TimeNs time = 0;
  PageChange change;
};

struct PageEvents {
  std::vector<PageEvent> events;         // sorted by time; same-time events in the order they happened
  std::vector<ProcessId> space_process;  // [address space] the process it belongs to
};

}  // namespace tl
