// The lesson screen's column: the lesson list with done marks, the current lesson's text
// (markup parsed once when the lesson opens, drawn with ImGui, glossary terms explained on
// hover), the controls the lesson lists, its tasks with live pass/fail and hints, the question
// with feedback, previous/next, and the learner's progress (export, import, reset). Hints and
// answers change the lesson state in place; everything that re-runs the simulation or touches
// storage is returned as what the learner asked for, for the caller to carry out between
// frames.
#pragma once
#include "app/rect.h"
#include "app/state/lesson_state.h"
#include "app/state/progress_store.h"

#include <map>
#include <string>
#include <vector>

namespace tl::app {

struct LessonAsk {
  int open = -1;           // a lesson index chosen in the list or by previous/next
  std::string assignment;  // a control changed: "cores=1"
  bool close = false;      // back to the free scenario viewer
  ProgressAsk progress;
};

// Where the last frame put the column's parts (tl_state_json, tests that click them). A part
// scrolled out of the column's view has an empty rectangle: scroll the column (`column`) first.
struct LessonPanelLayout {
  Rect column;                           // the column's visible area
  float scroll_y = 0, scroll_max = 0;    // the column's scroll position and range
  std::vector<Rect> list;                // [catalog lesson] its row in the list (if expanded)
  Rect list_header;                      // the list's collapsing header
  bool list_open = false;                // the list is expanded
  std::map<std::string, Rect> controls;  // control name -> its widget (without the label)
  std::map<std::string, Rect> options;   // the open combo's options, by value
  std::vector<Rect> tasks;               // [task] its text
  std::vector<Rect> hints;               // [task] its Hint button (empty when none)
  std::vector<Rect> choices;             // [choice] its radio button
  Rect number, check;                    // number questions: the field and Check
  Rect previous, next, close;            // navigation
  Rect progress_header, export_button, import_button, reset_button, path_field;
};

LessonAsk draw_lesson_panel(LessonState& state, LessonPanelLayout& layout);

}  // namespace tl::app
