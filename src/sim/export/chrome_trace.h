// Chrome Trace Event JSON (opens in Perfetto and chrome://tracing) for one run:
//   pid 0 "CPUs"      one track per core: "X" spans named after the thread (cat "run", or cat
//                     "overhead" for switch costs), args {process, thread}; "i" instants for
//                     preemptions; a "C" counter "run queue" with the ready-queue depth.
//   pid p+1           one per simulated process, one track per simulated thread: "X" spans
//                     named after the thread state in words ("waiting for the GIL"; cat
//                     "state", args {state: the trace.h identifier such as "waiting-gil"});
//                     "C" counters "resident KB", "private KB", "shared KB" (args {KB}) from
//                     the process's memory lane, one event each per sample; after every
//                     other event, one "i" instant (cat "pages", scope "p") per page event,
//                     named after its kind ("map", "fork", "copy", ...), args = its fields.
//                     asyncio tasks get a track each after the threads (tid = thread count
//                     + task index, named "THREAD: TASK"), "X" spans of cat "task" like
//                     the thread states (running: its loop's thread runs its step).
// Metadata ("M") events name every process and track. Timestamps are microseconds written
// exactly from integer ns, so the file is byte-identical on every platform.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/run_result.h"

#include <ostream>
#include <string_view>
#include <string>

namespace tl {

// Streams the trace out in bounded chunks; nothing proportional to the span count is built in
// memory. Returns false if the stream failed.
bool write_chrome_trace(std::ostream& out, const Scenario& scenario, const RunResult& result);

}  // namespace tl
