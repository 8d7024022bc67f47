// What every timeline item is handed each frame (Tracy's TimelineContext is the model): the
// visible time range in pixels, the rectangle to draw in, and the run being shown. Items keep
// no pointer into the run, so a new run never leaves an item holding a stale one.
#pragma once
#include "app/state/run_slot.h"
#include "sim/core/types.h"

#include <cstdint>
#include <imgui.h>
#include <imgui_internal.h>  // ImRect

namespace tl::app {

struct TimelineContext {
  TimeNs t0 = 0;  // visible range [t0, t1)
  TimeNs t1 = 1;
  double px_per_ns = 1.0;
  ImRect clip;  // the item's lane rectangle; nothing is drawn outside it
  ImDrawList* draw = nullptr;
  const ShownRun* run = nullptr;  // the run the lanes show (and its scenario)
  TimeNs playhead = 0;

  float x_of(TimeNs t) const { return clip.Min.x + float(double(t - t0) * px_per_ns); }
  TimeNs t_of(float x) const { return t0 + TimeNs(double(x - clip.Min.x) / px_per_ns); }
  // A thread's unique label ("T0", "w1/T0"); "?" outside the run's scenario.
  const char* thread_label(ThreadId thread) const {
    return run != nullptr && thread < run->thread_labels.size() ? run->thread_labels[thread].c_str() : "?";
  }
  // A core lane's label ("core 1", "cpu 2 (core 0)"); "?" outside the run.
  const char* core_label(CoreId lane) const {
    return run != nullptr && lane < run->core_labels.size() ? run->core_labels[lane].c_str() : "?";
  }
};

struct TimelineStats {              // what one frame of one timeline drew
  std::uint64_t spans_visible = 0;  // spans intersecting the visible range (all lanes)
  std::uint64_t spans_drawn = 0;    // drawn as their own rectangle
  std::uint64_t folds_drawn = 0;    // rectangles standing for several spans too thin to see
  std::uint64_t spans_folded = 0;   // spans inside those folds
};

// One contributor to a fold: a thread (core lanes; a switch into it when `overhead`) or a
// state (thread lanes; `overhead`: the switch into the thread), with its share of the fold's
// length.
struct FoldPart {
  ThreadId thread = kNoThread;
  ThreadState state = ThreadState::Running;
  bool overhead = false;
  float share = 0;  // 0: no such part
};

struct FoldRect {  // one rectangle a lane is about to draw
  TimeNs start;
  TimeNs end;
  ThreadId thread;      // core lanes: whose span (of a fold: the largest part's);
                        // thread lanes: the lane's thread
  std::uint32_t count;  // spans it stands for (1 = a single span)
  bool overhead;        // a context switch's cost (core lanes), the switch into the
                        // thread (thread lanes), not the thread's work
  ThreadState state;    // thread lanes: the state of its spans (of a fold: the largest part's)
  bool mixed;           // a fold of several threads (core) or states (thread lanes)
  // A mixed fold's summary: its three largest parts by time, largest first, drawn as a stacked
  // bar so that who ran (or how a thread waited) stays readable where spans are too thin.
  FoldPart parts[3] = {};
};

}  // namespace tl::app
