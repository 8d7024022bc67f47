// The lesson screen's column: the lesson list with done marks, the current lesson's text
// (markup drawn with ImGui, glossary terms explained on hover), the controls the lesson lists,
// its tasks with live pass/fail and hints, the question with feedback, previous/next. Hints
// and answers change the lesson state in place; everything that re-runs the simulation is
// returned as what the learner asked for, for the caller to carry out between frames.
#pragma once
#include "app/state/lesson_state.h"

#include <string>

namespace tl::app {

struct LessonAsk {
  int open = -1;           // a lesson index chosen in the list or by previous/next
  std::string assignment;  // a control changed: "cores=1"
  bool close = false;      // back to the free scenario viewer
};

LessonAsk draw_lesson_panel(LessonState& state);

}  // namespace tl::app
