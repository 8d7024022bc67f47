// Times as a learner reads them: integer nanoseconds shown in the unit that fits.
#pragma once
#include "sim/scenario/scenario.h"
#include "sim/trace/trace.h"
#include "sim/core/types.h"

namespace tl::app {

struct TimeText {  // fixed buffer: formatting allocates nothing per frame
  char text[32];
  const char* c_str() const { return text; }
};

// "750 ns", "12.5 µs", "3.25 ms", "1.5 s": about four significant digits, trailing zeros trimmed.
TimeText format_time(TimeNs ns);

// A tick label for t on an axis whose ticks are `step` apart: t's own unit and just enough
// decimals to tell neighbouring ticks apart ("0", "500 µs", "1 ms", "1.5 ms").
TimeText format_tick(TimeNs t, TimeNs step);

// A thread state in words: "blocked on I/O"; a short form for inside a lane ("I/O"); and what
// it means for the thread ("waiting for an I/O to complete").
const char* state_name(ThreadState state);
const char* state_short(ThreadState state);
const char* state_meaning(ThreadState state);

// "round robin", "MLFQ": a policy as the UI names it.
const char* policy_name(PolicyKind policy);

// The smallest 1, 2 or 5 times a power of ten that is at least `min_ns` (>= 1).
TimeNs nice_step(double min_ns);

}  // namespace tl::app
